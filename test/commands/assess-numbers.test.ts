import { describe, expect, it } from 'vitest'
import { cli } from '../helpers/harness.js'

// Issue 13: the numbers exactly as the policy means them, through the commands.

describe('the complaint allowance is floored from the exact value', () => {
  it('FIN: 149 requests and 3 complaints (all verified in time, satisfaction 5) → allowance 2, H 95', async () => {
    const t = cli()
    await t.ok(['unit', 'add', 'FIN', '--name', '财务部', '--kind', 'department'])
    await t.ok(['unit', 'add', 'HR', '--name', '人力资源部', '--kind', 'department'])
    for (let i = 0; i < 149; i++) {
      await t.ok(['request', 'log', '--from', 'HR', '--to', 'FIN', '--title', `request ${i + 1}`, '--at', '2026-03-02T09:00'])
    }
    await t.ok(['config', 'set', 'complaint.handler', '王敏'])
    for (const n of [1, 2, 3]) {
      const code = `CMP-000${n}`
      await t.ok(['complaint', 'open', '--against', 'FIN', '--from', 'HR', '--channel', 'email', '--summary', `报销慢 ${n}`, '--at', '2026-04-01T10:00'])
      await t.ok(['complaint', 'investigate', code, '--team', '王敏', '--at', '2026-04-01T14:00'])
      await t.ok(['complaint', 'plan', code, '--responsible', 'FIN', '--measures', '加人', '--deadline', '2026-04-15', '--at', '2026-04-02T10:00'])
      await t.ok(['complaint', 'feedback', code, '--accepted', '--at', '2026-04-03T10:00'])
      await t.ok(['complaint', 'root-cause', code, '--category', 'process', '--analysis', '流程长', '--at', '2026-04-03T11:00'])
      await t.ok(['complaint', 'verify', code, '--resolved', 'yes', '--satisfaction', '5', '--at', '2026-04-10T15:00'])
    }
    const table = (await t.ok(['assess', 'run', '--period', '2026-H1', '--json'])).json()
    expect(table.rows.find((r: { unit: string }) => r.unit === 'FIN')).toMatchObject({ H: 95 })
    const out = (await t.ok(['assess', 'explain', '--period', '2026-H1', '--unit', 'FIN'])).stdout
    const lines = out.split('\n')
    const h = lines.indexOf('H complaint handling = 95.0   (weight 15)')
    expect(h).toBeGreaterThan(0)
    expect(lines.slice(h, h + 7)).toEqual([
      'H complaint handling = 95.0   (weight 15)',
      '  3 complaints received in the period; 149 requests received → allowance max(2, floor(2 × 149 / 100)) = max(2, floor(2.98)) = 2',
      '  CMP-0001: verified resolved 2026-04-10 (deadline 2026-04-15, in time), satisfaction 5',
      '  CMP-0002: verified resolved 2026-04-10 (deadline 2026-04-15, in time), satisfaction 5',
      '  CMP-0003: verified resolved 2026-04-10 (deadline 2026-04-15, in time), satisfaction 5',
      '  r = 3/3 = 1.00; v = 1.00; 100 × (0.6 × 1.00 + 0.4 × 1.00) = 100.0',
      '  penalty: 5 × max(0, 3 − 2) = 5 → H = 95.0',
    ])
  }, 60_000)
})

describe('lateness is measured in business time, the same in every command', () => {
  // REQ-0001 and REQ-0002 logged Mon 2026-03-02 10:00 → response due 18:00 (8 business hours).
  // REQ-0001 answered Tue 09:00 (no working time passed → on time); REQ-0002 answered Tue 09:30 (0.5 h late).
  async function setup() {
    const t = cli()
    await t.ok(['unit', 'add', 'IT', '--name', '信息技术部', '--kind', 'department'])
    await t.ok(['unit', 'add', 'HR', '--name', '人力资源部', '--kind', 'department'])
    for (const n of [1, 2]) await t.ok(['request', 'log', '--from', 'HR', '--to', 'IT', '--title', `request ${n}`, '--at', '2026-03-02T10:00'])
    return t
  }

  it('request overdue: nothing overnight nor at 09:00 the next working day; from 09:01 on', async () => {
    const t = await setup()
    expect((await t.ok(['request', 'overdue', '--as-of', '2026-03-02T23:00', '--json'])).json()).toEqual([])
    expect((await t.ok(['request', 'overdue', '--as-of', '2026-03-03T09:00', '--json'])).json()).toEqual([])
    const later = (await t.ok(['request', 'overdue', '--as-of', '2026-03-03T09:30', '--json'])).json()
    expect(later.map((r: { code: string; businessHoursLate: number }) => [r.code, r.businessHoursLate])).toEqual([['REQ-0001', 0.5], ['REQ-0002', 0.5]])
  })

  it('respond, request show, T and assess explain agree: 09:00 is on time, 09:30 is 0.5 h late', async () => {
    const t = await setup()
    const first = await t.ok(['request', 'respond', 'REQ-0001', '--accept', '--expected', '2026-03-20', '--at', '2026-03-03T09:00'])
    expect(first.stderr).toContain('REQ-0001 accepted, on time')
    const second = await t.ok(['request', 'respond', 'REQ-0002', '--accept', '--expected', '2026-03-20', '--at', '2026-03-03T09:30'])
    expect(second.stderr).toContain('REQ-0002 accepted, late')
    expect((await t.ok(['request', 'show', 'REQ-0001', '--json'])).json()).toMatchObject({ responseOnTime: true })
    expect((await t.ok(['request', 'show', 'REQ-0002', '--json'])).json()).toMatchObject({ responseOnTime: false })
    expect((await t.ok(['request', 'show', 'REQ-0001'])).stdout).toMatch(/response due\s+2026-03-02T18:00:00\+08:00 — done 2026-03-03T09:00:00\+08:00 \(on time\)/)
    const table = (await t.ok(['assess', 'run', '--period', '2026-H1', '--json'])).json()
    expect(table.rows.find((r: { unit: string }) => r.unit === 'IT')).toMatchObject({ T: 50 })
    const lines = (await t.ok(['assess', 'explain', '--period', '2026-H1', '--unit', 'IT'])).stdout.split('\n')
    const at = lines.indexOf('T response timeliness = 50.0   (weight 20)')
    expect(lines.slice(at, at + 4)).toEqual([
      'T response timeliness = 50.0   (weight 20)',
      '  2 requests had their response due in the period: 1 answered on time, 1 late, 0 left out (cancelled before due, or not yet due)',
      '  late: REQ-0002 due 2026-03-02T18:00:00+08:00, answered 2026-03-03T09:30:00+08:00, 0.5 business hours late',
      '  100 × 1 / 2 = 50.0',
    ])
  })
})

describe('a project due in the period and still open counts 0; a table run before the period ends is provisional', () => {
  // IT owns PRJ-0001 (due 05-31, completed 05-28 on time, quality 5 → 100) and PRJ-0002 (due 06-30, still open).
  async function setup(clock: { now: Date }) {
    const t = cli({ now: () => new Date(clock.now.getTime()) })
    await t.ok(['unit', 'add', 'IT', '--name', '信息技术部', '--kind', 'department'])
    await t.ok(['project', 'add', '--name', 'ERP 升级', '--owner', 'IT', '--start', '2026-03-01', '--due', '2026-05-31', '--at', '2026-03-01T10:00'])
    await t.ok(['project', 'complete', 'PRJ-0001', '--quality', '5', '--date', '2026-05-28'])
    await t.ok(['project', 'add', '--name', '报表平台', '--owner', 'IT', '--start', '2026-03-01', '--due', '2026-06-30', '--at', '2026-03-01T10:00'])
    return t
  }

  it('run at 17:00 on June 30: C = (100 + 0) / 2 = 50, provisional in JSON, show and export; finalize refused (3)', async () => {
    const clock = { now: new Date('2026-06-30T17:00:00+08:00') }
    const t = await setup(clock)
    const table = (await t.ok(['assess', 'run', '--period', '2026-H1', '--json'])).json()
    expect(table).toMatchObject({ period: '2026-H1', state: 'draft', provisional: true })
    expect(table.rows[0]).toMatchObject({ unit: 'IT', C: 50 })
    const lines = (await t.ok(['assess', 'explain', '--period', '2026-H1', '--unit', 'IT'])).stdout.split('\n')
    const c = lines.indexOf('C collaboration = 50.0   (weight 15)')
    expect(lines.slice(c, c + 4)).toEqual([
      'C collaboration = 50.0   (weight 15)',
      '  PRJ-0001 owner, due 2026-05-31: completed 2026-05-28, on time → 100 × quality 5/5 = 100.0',
      '  PRJ-0002 owner, due 2026-06-30: not completed by its due day → 0 = 0.0',
      '  mean (100.0 + 0.0) / 2 = 50.0',
    ])
    const shown = await t.ok(['assess', 'show', '--period', '2026-H1'], { tty: true })
    expect(shown.stdout).toContain('provisional: computed before 2026-H1 ended (2026-06-30); its numbers can still change')
    expect((await t.ok(['assess', 'show', '--period', '2026-H1'])).stderr).toContain('2026-H1 is provisional: computed before 2026-H1 ended (2026-06-30)')
    expect((await t.ok(['assess', 'show', '--period', '2026-H1', '--json'])).json()).toMatchObject({ provisional: true })
    const out = `${t.dir}/h1.csv`
    const exported = await t.ok(['assess', 'export', '--period', '2026-H1', '--out', out])
    expect(exported.stderr).toContain('2026-H1 is provisional')
    const csv = (await import('node:fs')).readFileSync(out, 'utf8').replace(/^\uFEFF/, '').split(/\r?\n/)
    expect(csv[0]).toBe('period,state,rank,unit,name,S,T,C,H,self,superior,total,grade,bonus,provisional')
    expect(csv[1]).toMatch(/^2026-H1,draft,1,IT,信息技术部,,,50\.0,100\.0,.*,yes$/)
    const { dbState } = await import('../helpers/harness.js')
    const before = await dbState(t.db)
    const refused = await t.run(['assess', 'finalize', '--period', '2026-H1'])
    expect(refused.code).toBe(3)
    expect(refused.stderr.split('\n')[0]).toBe('icm: 2026-H1 ends on 2026-06-30; finalize after it (a table computed now would be provisional; run icm assess run --period 2026-H1 for a draft)')
    expect(await dbState(t.db)).toBe(before)
  })

  it('after the period: the open project still counts 0, the table is not provisional and can be finalized', async () => {
    const clock = { now: new Date('2026-07-01T09:00:00+08:00') }
    const t = await setup(clock)
    const table = (await t.ok(['assess', 'run', '--period', '2026-H1', '--json'])).json()
    expect(table).toMatchObject({ provisional: false })
    expect(table.rows[0]).toMatchObject({ unit: 'IT', C: 50 })
    const final = (await t.ok(['assess', 'finalize', '--period', '2026-H1', '--json'])).json()
    expect(final).toMatchObject({ state: 'final', provisional: false, rows: [expect.objectContaining({ C: 50 })] })
  })
})

describe('a project completed without a quality', () => {
  it("DESIGN's IT example: owner of one on time with quality 4 (80), member of one late without quality (60) → C 70", async () => {
    const t = cli()
    await t.ok(['unit', 'add', 'IT', '--name', '信息技术部', '--kind', 'department'])
    await t.ok(['unit', 'add', 'HR', '--name', '人力资源部', '--kind', 'department'])
    await t.ok(['project', 'add', '--name', 'ERP 升级', '--owner', 'IT', '--start', '2026-03-01', '--due', '2026-05-31', '--at', '2026-03-01T10:00'])
    await t.ok(['project', 'complete', 'PRJ-0001', '--quality', '4', '--date', '2026-05-28'])
    await t.ok(['project', 'add', '--name', '招聘系统', '--owner', 'HR', '--start', '2026-03-01', '--due', '2026-04-30', '--at', '2026-03-01T10:00'])
    await t.ok(['project', 'member', 'PRJ-0002', '--unit', 'IT', '--duty', '系统对接', '--at', '2026-03-02T10:00'])
    await t.ok(['project', 'complete', 'PRJ-0002', '--date', '2026-05-08'])
    const table = (await t.ok(['assess', 'run', '--period', '2026-H1', '--json'])).json()
    expect(table.rows.map((r: { unit: string; C: number }) => [r.unit, r.C])).toEqual([['IT', 70], ['HR', 60]])
    const lines = (await t.ok(['assess', 'explain', '--period', '2026-H1', '--unit', 'IT'])).stdout.split('\n')
    const c = lines.indexOf('C collaboration = 70.0   (weight 15)')
    expect(lines.slice(c, c + 4)).toEqual([
      'C collaboration = 70.0   (weight 15)',
      '  PRJ-0001 owner, due 2026-05-31: completed 2026-05-28, on time → 100 × quality 4/5 = 80.0',
      '  PRJ-0002 member, due 2026-04-30: completed 2026-05-08, late → 60 = 60.0',
      '  mean (80.0 + 60.0) / 2 = 70.0',
    ])
  })
})
