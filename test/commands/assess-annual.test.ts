import path from 'node:path'
import fs from 'node:fs'
import { describe, expect, it } from 'vitest'
import { dbState, writeFile } from '../helpers/harness.js'
import { workedExample } from '../helpers/scenarios.js'

/** DESIGN.md §3 Annual: a final annual table is frozen like a half-year one and feeds assess bonus --year. Clock: 2027-01-05, after the year. */
const NOW = '2027-01-05T10:00:00+08:00'

async function twoFinalHalves() {
  const t = await workedExample({ now: NOW })
  // H2: IT self 80, superior 80, H 100 (no complaint) → (15×100 + 5×80 + 15×80) / 35 = 3100 / 35 = 88.6;
  //     HR self 90, superior 80 → (1500 + 450 + 1200) / 35 = 90.0
  await t.ok(['assess', 'input', '--period', '2026-H2', '--unit', 'IT', '--self', '80', '--superior', '80'])
  await t.ok(['assess', 'input', '--period', '2026-H2', '--unit', 'HR', '--self', '90', '--superior', '80'])
  for (const p of ['2026-H1', '2026-H2']) {
    await t.ok(['assess', 'run', '--period', p])
    await t.ok(['assess', 'finalize', '--period', p])
  }
  return t
}

describe('freezing the annual table', () => {
  it('freezes the year with the policy in force: a later grade change does not move it; reopened, it is graded afresh', async () => {
    const t = await twoFinalHalves()
    const r = await t.ok(['assess', 'finalize', '--year', '2026', '--json'])
    const frozen = r.json()
    expect(frozen).toMatchObject({ year: 2026, level: 'department', state: 'final', halfYears: ['2026-H1', '2026-H2'], finalizedBy: 'tester', inputsHash: expect.stringMatching(/^[0-9a-f]{64}$/) })
    // HR (81.0 + 90.0) / 2 = 85.5 → B; IT (79.0 + 88.6) / 2 = 83.8 → B
    expect(frozen.rows.map((x: any) => [x.rank, x.unit, x.H1, x.H2, x.total, x.grade, x.bonus])).toEqual([
      [1, 'HR', 81, 90, 85.5, 'B', 1.1],
      [2, 'IT', 79, 88.6, 83.8, 'B', 1.1],
      [null, 'FIN', null, null, null, null, null],
    ])
    expect(r.stderr).toContain('the 2026 annual table is final')
    await t.ok(['config', 'set', 'assess.grades', 'A=85,B=80,C=70,D=60'])
    const shown = (await t.ok(['assess', 'annual', '--year', '2026', '--json'])).json()
    expect(shown).toEqual(frozen)
    // the final table is reopened: graded with the policy now in force, HR 85.5 ≥ 85 → A
    await t.ok(['assess', 'reopen', '--year', '2026', '--reason', '等级标准调整'])
    const live = (await t.ok(['assess', 'annual', '--year', '2026', '--json'])).json()
    expect(live).toMatchObject({ state: 'draft', inputsHash: null })
    expect(live.rows[0]).toMatchObject({ unit: 'HR', total: 85.5, grade: 'A', bonus: 1.2 })
    const log = (await t.ok(['log', '--entity', '2026', '--json'])).json()
    expect(log.map((e: any) => e.action)).toEqual(['assess.finalize', 'assess.reopen'])
    expect(log[1].details).toMatchObject({ level: 'department', reason: '等级标准调整' })
  })

  it('pays bonuses from the final annual table; export and check read the frozen table', async () => {
    const t = await twoFinalHalves()
    const base = writeFile(t.dir, 'base.csv', 'unit,base_amount\nIT,10000\nHR,20000\n')
    const early = await t.run(['assess', 'bonus', '--year', '2026', '--base', base])
    expect(early.code).toBe(3)
    expect(early.stderr).toContain('the 2026 annual table is not final (bonuses rest on a frozen year: icm assess finalize --year 2026)')
    await t.ok(['assess', 'finalize', '--year', '2026'])
    // IT 10000 × 1.1 = 11000; HR 20000 × 1.1 = 22000
    const bonus = (await t.ok(['assess', 'bonus', '--year', '2026', '--base', base, '--json'])).json()
    expect(bonus).toMatchObject({ year: 2026, level: 'department', state: 'final', baseTotal: 30000, total: 33000 })
    expect(bonus.units.map((u: any) => [u.unit, u.grade, u.coefficient, u.bonus])).toEqual([
      ['IT', 'B', 1.1, 11000],
      ['HR', 'B', 1.1, 22000],
    ])
    const out = path.join(t.dir, 'year.csv')
    const exported = await t.ok(['assess', 'export', '--year', '2026', '--out', out])
    expect(exported.stderr).not.toContain('not final')
    expect(fs.readFileSync(out, 'utf8')).toContain('1,HR,人力资源部,81.0,90.0,85.5,B,1.10,')
    const check = (await t.ok(['check', '--json'])).json()
    expect(check.finalTables.tables).toEqual([
      { period: '2026', level: 'department', intact: true },
      { period: '2026-H1', level: 'department', intact: true },
      { period: '2026-H2', level: 'department', intact: true },
    ])
  })

  it.each([
    ['a year whose second half is not final', ['assess', 'finalize', '--year', '2026'], 3, /2026-H2 is not final, so 2026 cannot be finalized \(.*icm assess finalize --period 2026-H2\)/],
    ['--year and --period together on finalize', ['assess', 'finalize', '--year', '2026', '--period', '2026-H1'], 2, /give --period or --year, not both/],
    ['--year and --period together on bonus', ['assess', 'bonus', '--year', '2026', '--period', '2026-H1', '--base', 'x.csv'], 2, /give --period or --year, not both/],
    ['--year and --period together on reopen', ['assess', 'reopen', '--year', '2026', '--period', '2026-H1', '--reason', 'x'], 2, /give --period or --year, not both/],
    ['reopening a year never finalized', ['assess', 'reopen', '--year', '2026', '--reason', 'x'], 4, /the 2026 annual table has never been finalized/],
    ['a malformed year', ['assess', 'finalize', '--year', '26'], 3, /year/],
  ])('refuses %s, changing nothing', async (_what, args, code, message) => {
    const t = await workedExample({ now: NOW })
    await t.ok(['assess', 'run', '--period', '2026-H1'])
    await t.ok(['assess', 'finalize', '--period', '2026-H1'])
    const before = await dbState(t.db)
    const r = await t.run(args)
    expect(r.code).toBe(code)
    expect(r.stderr).toMatch(message)
    expect(r.stdout).toBe('')
    expect(await dbState(t.db)).toBe(before)
  })

  it('refuses a second finalize of the year (exit 5) and a year with no final half (exit 3)', async () => {
    const t = await twoFinalHalves()
    await t.ok(['assess', 'finalize', '--year', '2026'])
    const again = await t.run(['assess', 'finalize', '--year', '2026'])
    expect(again.code).toBe(5)
    expect(again.stderr).toContain('icm assess reopen --year 2026 --reason TEXT')
    const none = await t.run(['assess', 'finalize', '--year', '2025'])
    expect(none.code).toBe(3)
    expect(none.stderr).toContain('2025-H1 is not final')
  })
})
