import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { dbState, writeFile } from '../helpers/harness.js'
import { workedExample } from '../helpers/scenarios.js'

/** DESIGN.md §3: a department table and a position table can both exist for one period. */
describe('department and position tables of one period', () => {
  it('a position run keeps the department table; show, explain, export and bonus read the level asked for', async () => {
    const t = await workedExample()
    await t.ok(['assess', 'run', '--period', '2026-H1'])
    await t.ok(['assess', 'run', '--period', '2026-H1', '--level', 'position'])
    const dept = (await t.ok(['assess', 'show', '--period', '2026-H1', '--json'])).json()
    expect(dept.level).toBe('department')
    expect(dept.rows.map((r: any) => [r.unit, r.total])).toEqual([
      ['HR', 81],
      ['IT', 79],
      ['FIN', null],
    ])
    const pos = (await t.ok(['assess', 'show', '--period', '2026-H1', '--level', 'position', '--json'])).json()
    // IT-HD: one request (REQ-0003) answered on time → T 100; two ratings (< 5) → S n/a; no inputs; H 100
    expect(pos).toMatchObject({ level: 'position', state: 'draft' })
    expect(pos.rows).toEqual([expect.objectContaining({ unit: 'IT-HD', S: null, T: 100, H: 100 })])
    const explained = await t.ok(['assess', 'explain', '--period', '2026-H1', '--unit', 'IT-HD', '--level', 'position'])
    expect(explained.stdout.split('\n')[0]).toMatch(/^2026-H1 \(position\) \(draft computed/)
    expect((await t.ok(['assess', 'explain', '--period', '2026-H1', '--unit', 'IT-HD', '--level', 'position', '--json'])).json()).toMatchObject({ level: 'position', unit: 'IT-HD', T: 100 })
    const inDept = await t.run(['assess', 'explain', '--period', '2026-H1', '--unit', 'IT-HD'])
    expect(inDept.code).toBe(4)
    expect(inDept.stderr).toContain('icm assess explain --period 2026-H1 --unit IT-HD --level position')
    const out = path.join(t.dir, 'pos.csv')
    expect((await t.ok(['assess', 'export', '--period', '2026-H1', '--level', 'position', '--out', out, '--json'])).json()).toMatchObject({ table: '2026-H1 (position)', rows: 1 })
    expect(fs.readFileSync(out, 'utf8')).toContain('2026-H1,draft,1,IT-HD,IT服务台,')
    // T 100, H 100 → (20×100 + 15×100) / 35 = 100.0 → A, 1.2: 5000 × 1.2 = 6000
    const base = writeFile(t.dir, 'base.csv', 'unit,base_amount\nIT-HD,5000\n')
    const bonus = (await t.ok(['assess', 'bonus', '--period', '2026-H1', '--level', 'position', '--base', base, '--json'])).json()
    expect(bonus).toMatchObject({ period: '2026-H1', level: 'position', total: 6000 })
  })

  it('finalizes and reopens one level without touching the other', async () => {
    const t = await workedExample()
    await t.ok(['assess', 'run', '--period', '2026-H1', '--level', 'position'])
    const final = (await t.ok(['assess', 'finalize', '--period', '2026-H1', '--level', 'position', '--json'])).json()
    expect(final).toMatchObject({ level: 'position', state: 'final' })
    // the department table is still free: run and finalize it
    await t.ok(['assess', 'run', '--period', '2026-H1'])
    const again = await t.run(['assess', 'run', '--period', '2026-H1', '--level', 'position'])
    expect(again.code).toBe(5)
    expect(again.stderr).toContain('2026-H1 (position) is final')
    expect(again.stderr).toContain('icm assess reopen --period 2026-H1 --level position --reason TEXT')
    // an input for a position is refused while the position table is final; a department's is not
    expect((await t.run(['assess', 'input', '--period', '2026-H1', '--unit', 'IT-HD', '--self', '90'])).code).toBe(5)
    await t.ok(['assess', 'input', '--period', '2026-H1', '--unit', 'FIN', '--self', '70'])
    await t.ok(['assess', 'finalize', '--period', '2026-H1'])
    const reopened = (await t.ok(['assess', 'reopen', '--period', '2026-H1', '--level', 'position', '--reason', '服务台数据补录', '--json'])).json()
    expect(reopened).toEqual({ period: '2026-H1', level: 'position', state: 'draft', reason: '服务台数据补录' })
    expect((await t.ok(['assess', 'show', '--period', '2026-H1', '--json'])).json().state).toBe('final')
    const log = (await t.ok(['log', '--entity', '2026-H1', '--json'])).json()
    expect(log.at(-1)).toMatchObject({ action: 'assess.reopen', details: { level: 'position', reason: '服务台数据补录' } })
    const check = (await t.ok(['check', '--json'])).json()
    expect(check.finalTables.tables).toEqual([{ period: '2026-H1', level: 'department', intact: true }])
  })

  it.each([
    ['show of a level never run', ['assess', 'show', '--period', '2026-H1', '--level', 'position'], 3, /2026-H1 \(position\) has not been assessed yet \(it has a department table: add --level department/],
    ['an unknown level on show', ['assess', 'show', '--period', '2026-H1', '--level', 'team'], 3, /invalid level 'team'/],
    ['finalize of a level never run', ['assess', 'finalize', '--period', '2026-H1', '--level', 'position'], 3, /2026-H1 \(position\) has never been run.*--level position/],
    ['reopen of a level that is not final', ['assess', 'reopen', '--period', '2026-H1', '--level', 'position', '--reason', 'x'], 4, /2026-H1 \(position\) has never been assessed/],
  ])('refuses %s, changing nothing', async (_what, args, code, message) => {
    const t = await workedExample()
    await t.ok(['assess', 'run', '--period', '2026-H1'])
    const before = await dbState(t.db)
    const r = await t.run(args)
    expect(r.code).toBe(code)
    expect(r.stderr).toMatch(message)
    expect(r.stdout).toBe('')
    expect(await dbState(t.db)).toBe(before)
  })
})
