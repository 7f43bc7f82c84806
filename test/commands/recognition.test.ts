import { describe, expect, it } from 'vitest'
import { cli, dbState } from '../helpers/harness.js'

async function company() {
  const t = cli()
  await t.ok(['unit', 'add', 'IT', '--name', '信息技术部', '--kind', 'department'])
  await t.ok(['unit', 'add', 'QA', '--name', '质量管理部', '--kind', 'department'])
  return t
}

describe('icm recognition', () => {
  it('recognizes a unit or a person for a period, keeping the period code and dates', async () => {
    const t = await company()
    const r = await t.ok(['recognition', 'add', '--unit', '信息技术部', '--period', '2026-h1', '--reason', 'ERP 按期上线'])
    expect(r.stdout).toBe('RCG-0001\n')
    expect(r.stderr).toBe('✓ RCG-0001: IT recognized for 2026-H1\n')
    const p = await t.ok(['recognition', 'add', '--person', '李娜', '--period', '2026-Q2', '--reason', '协助月结', '--json'])
    expect(p.json()).toEqual({ code: 'RCG-0002', unit: null, person: '李娜', period: '2026-Q2', periodStart: '2026-04-01', periodEnd: '2026-06-30', reason: '协助月结', createdAt: '2026-07-01T10:00:00+08:00' })
    const log = (await t.ok(['log', '--entity', 'RCG-0001', '--json'])).json()
    expect(log[0]).toMatchObject({ action: 'recognition.add', details: { unit: 'IT', person: null, period: '2026-H1', reason: 'ERP 按期上线' } })
  })

  it.each([
    ['no filter', [], ['RCG-0003', 'RCG-0002', 'RCG-0001', 'RCG-0004']],
    ['the year 2026: its halves and quarters too', ['--period', '2026'], ['RCG-0002', 'RCG-0001', 'RCG-0004']],
    ['2026-H1: not the whole year', ['--period', '2026-H1'], ['RCG-0002', 'RCG-0001']],
    ['2026-Q2', ['--period', '2026-Q2'], ['RCG-0001']],
    ['a unit', ['--unit', 'QA'], ['RCG-0002']],
  ])('lists by period start: %s', async (_what, args, codes) => {
    const t = await company()
    await t.ok(['recognition', 'add', '--person', '李娜', '--period', '2026-Q2', '--reason', 'a'])
    await t.ok(['recognition', 'add', '--unit', 'QA', '--period', '2026-Q1', '--reason', 'b'])
    await t.ok(['recognition', 'add', '--unit', 'IT', '--period', '2025', '--reason', 'c'])
    await t.ok(['recognition', 'add', '--unit', 'IT', '--period', '2026-H2', '--reason', 'd'])
    expect((await t.ok(['recognition', 'list', ...args, '--json'])).json().map((r: any) => r.code)).toEqual(codes)
  })

  it('prints tab-separated lines and CSV', async () => {
    const t = await company()
    await t.ok(['recognition', 'add', '--unit', 'IT', '--period', '2026-H1', '--reason', 'ERP'])
    expect((await t.ok(['recognition', 'list'])).stdout).toBe('code\tperiod\tunit\tperson\treason\nRCG-0001\t2026-H1\tIT\t\tERP\n')
    expect((await t.ok(['recognition', 'list', '--csv'])).stdout).toBe('code,period,unit,person,reason\r\nRCG-0001,2026-H1,IT,,ERP\r\n')
  })

  it.each([
    ['both --unit and --person', ['recognition', 'add', '--unit', 'IT', '--person', 'x', '--period', '2026-H1', '--reason', 'r'], 3, /give --unit or --person, not both/],
    ['neither --unit nor --person', ['recognition', 'add', '--period', '2026-H1', '--reason', 'r'], 2, /missing required option --unit or --person/],
    ['an unknown unit', ['recognition', 'add', '--unit', 'NOPE', '--period', '2026-H1', '--reason', 'r'], 4, /unknown unit 'NOPE'/],
    ['a bad period', ['recognition', 'add', '--unit', 'IT', '--period', 'H1', '--reason', 'r'], 3, /invalid period 'H1'/],
    ['an empty reason', ['recognition', 'add', '--unit', 'IT', '--period', '2026-H1', '--reason', ''], 3, /--reason cannot be empty/],
    ['an empty person', ['recognition', 'add', '--person', ' ', '--period', '2026-H1', '--reason', 'r'], 3, /--person cannot be empty/],
    ['a missing period', ['recognition', 'add', '--unit', 'IT', '--reason', 'r'], 2, /missing required option --period/],
    ['a bad period in list', ['recognition', 'list', '--period', '2026-Q5'], 3, /invalid period/],
  ])('refuses %s with a clear error, its exit code, and no change', async (_what, args, code, message) => {
    const t = await company()
    const before = await dbState(t.db)
    const r = await t.run(args)
    expect(r.code).toBe(code)
    expect(r.stderr).toMatch(message)
    expect(r.stderr.trim().split('\n')).toHaveLength(1)
    expect(r.stdout).toBe('')
    expect(await dbState(t.db)).toBe(before)
  })
})
