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
    expect(p.json()).toEqual({ code: 'RCG-0002', unit: null, person: '李娜', period: '2026-Q2', periodStart: '2026-04-01', periodEnd: '2026-06-30', reason: '协助月结', reward: null, createdAt: '2026-07-01T10:00:00+08:00' })
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

  it('records rewards and sums them per period: 2026-H1 1500.50 + 2000 = 3500.50 over 2 of 3 recognitions', async () => {
    const t = await company()
    const r = await t.ok(['recognition', 'add', '--unit', 'IT', '--period', '2026-H1', '--reason', 'ERP', '--reward', '1,500.50', '--json'])
    expect(r.json()).toMatchObject({ code: 'RCG-0001', reward: 1500.5 })
    expect(r.stderr).toBe('✓ RCG-0001: IT recognized for 2026-H1 with a reward of 1500.50\n')
    await t.ok(['recognition', 'add', '--person', '李娜', '--period', '2026-H1', '--reason', '月结', '--reward', '2000'])
    await t.ok(['recognition', 'add', '--unit', 'QA', '--period', '2026-H1', '--reason', '审计'])
    await t.ok(['recognition', 'add', '--unit', 'QA', '--period', '2026-Q3', '--reason', '质检', '--reward', '0'])
    expect((await t.ok(['recognition', 'list', '--period', '2026', '--totals', '--json'])).json()).toEqual([
      { period: '2026-H1', recognitions: 3, rewarded: 2, rewards: 3500.5 },
      { period: '2026-Q3', recognitions: 1, rewarded: 1, rewards: 0 },
    ])
    expect((await t.ok(['recognition', 'list', '--totals'])).stdout).toBe('period\trecognitions\trewarded\trewards\n2026-H1\t3\t2\t3500.50\n2026-Q3\t1\t1\t0.00\n')
    const tty = await t.ok(['recognition', 'list', '--period', '2026-H1'], { tty: true })
    expect(tty.stdout).toContain('Rewards per period:')
    expect(tty.stdout).toMatch(/2026-H1\s.*3\s.*2\s.*3500\.50/)
    const log = (await t.ok(['log', '--entity', 'RCG-0001', '--json'])).json()
    expect(log[0].details).toMatchObject({ reward: 1500.5 })
  })

  it('prints tab-separated lines and CSV', async () => {
    const t = await company()
    await t.ok(['recognition', 'add', '--unit', 'IT', '--period', '2026-H1', '--reason', 'ERP'])
    expect((await t.ok(['recognition', 'list'])).stdout).toBe('code\tperiod\tunit\tperson\treason\treward\nRCG-0001\t2026-H1\tIT\t\tERP\t\n')
    expect((await t.ok(['recognition', 'list', '--csv'])).stdout).toBe('code,period,unit,person,reason,reward\r\nRCG-0001,2026-H1,IT,,ERP,\r\n')
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
    ['a negative reward', ['recognition', 'add', '--unit', 'IT', '--period', '2026-H1', '--reason', 'r', '--reward', '-100'], 3, /--reward '-100' is negative/],
    ['a reward finer than a cent', ['recognition', 'add', '--unit', 'IT', '--period', '2026-H1', '--reason', 'r', '--reward', '10.005'], 3, /--reward '10.005' is not an amount/],
    ['a reward that is no number', ['recognition', 'add', '--unit', 'IT', '--period', '2026-H1', '--reason', 'r', '--reward', 'lots'], 3, /is not an amount/],
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
