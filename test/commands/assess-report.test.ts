import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { dbState, writeFile } from '../helpers/harness.js'
import { workedExample } from '../helpers/scenarios.js'

/** The HTML report of a period (DESIGN.md §9); it is opened in a real browser in test/e2e/report-browser.test.ts. */
describe('icm assess report', () => {
  it('writes one self-contained HTML file: title block, policy, table, chart, each unit, context', async () => {
    const t = await workedExample()
    await t.ok(['config', 'set', 'org.name', '示例 & 公司'])
    await t.ok(['assess', 'run', '--period', '2026-H1'])
    const out = path.join(t.dir, 'report.html')
    const r = await t.ok(['assess', 'report', '--period', '2026-H1', '--out', out, '--json'])
    expect(r.json()).toMatchObject({ file: out, table: '2026-H1', state: 'draft', units: 3 })
    expect(fs.statSync(out).mode & 0o777).toBe(0o600)
    const doc = fs.readFileSync(out, 'utf8')
    expect(doc.startsWith('<!doctype html>')).toBe(true)
    expect(doc).toContain('<title>示例 &amp; 公司 · 2026-H1 assessment report</title>')
    expect(doc).toContain('data-state="draft"')
    // nothing is fetched: no script, no link, no URL but the SVG namespaces
    expect(doc).not.toMatch(/<script|<link|<img|@import|url\((?!#)/i)
    expect(doc.match(/https?:\/\/[^"']+/g)?.filter((u) => !u.startsWith('http://www.w3.org/')) ?? []).toEqual([])
    expect(doc).toContain("default-src 'none'")
    // the table: one row per unit, n/a and insufficient data as such, grades coloured
    expect(doc.match(/<tr data-unit="/g)).toHaveLength(3)
    expect(doc).toMatch(/<tr data-unit="IT">.*<td class="num total">79\.0<\/td><td class="grade-cell"><span class="grade grade-C">C<\/span>/)
    expect(doc).toMatch(/<tr data-unit="FIN">.*insufficient data/)
    // the chart: an inline SVG with one bar per graded unit (FIN has none)
    expect(doc).toContain('data-graded="2"')
    expect(doc.match(/<svg /g)!.length).toBe(1 + 2 * 3)
    // each unit: its explanation in a <details>
    expect(doc.match(/<details>/g)).toHaveLength(3)
    expect(doc).toContain('(4 − 1) / 4 × 100 = 75.0')
    // the period in context
    expect(doc).toContain('4 received; of the 4 whose response fell due, 3 on time (75.0%), 1 late')
    expect(doc).toContain('1 received, 1 verified resolved, 1 of them by the deadline')
    expect(doc).toContain('2026H1-SERVICE')
    expect(r.stderr).toContain('2026-H1 is a draft')
  })

  it('shows a final table with its hash and finalize time; --year writes the annual evaluation', async () => {
    const t = await workedExample()
    await t.ok(['assess', 'run', '--period', '2026-H1'])
    await t.ok(['assess', 'finalize', '--period', '2026-H1'])
    const out = path.join(t.dir, 'final.html')
    await t.ok(['assess', 'report', '--period', '2026-H1', '--out', out])
    const doc = fs.readFileSync(out, 'utf8')
    expect(doc).toContain('data-state="final"')
    expect(doc).toMatch(/finalized 2026-07-01T10:00:00\+08:00 by tester; table hash [0-9a-f]{64}/)
    const annual = path.join(t.dir, 'annual.html')
    expect((await t.ok(['assess', 'report', '--year', '2026', '--out', annual, '--json'])).json()).toMatchObject({ table: '2026', state: 'provisional', units: 3 })
    expect(fs.readFileSync(annual, 'utf8')).toContain('the annual evaluation rests on the final half-years 2026-H1')
  })

  it('renders a unit name with markup as text', async () => {
    const t = await workedExample()
    await t.ok(['unit', 'update', 'FIN', '--name', '<script>alert("x")</script> & \'q\''])
    await t.ok(['assess', 'run', '--period', '2026-H1'])
    const out = path.join(t.dir, 'r.html')
    await t.ok(['assess', 'report', '--period', '2026-H1', '--out', out])
    const doc = fs.readFileSync(out, 'utf8')
    expect(doc).not.toContain('<script>')
    expect(doc).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;q&#39;')
  })

  it('speaks the interface language', async () => {
    const t = await workedExample()
    // a survey with dimensions: its lowest one is named in the period's context
    await t.ok(['survey', 'create', 'DIM', '--title', '维度', '--period', '2026-H1'])
    await t.ok(['survey', 'import', 'DIM', writeFile(t.dir, 'dim.csv', 'response_id,respondent_unit,rated_unit,accuracy,timeliness,completeness,professionalism,overall\n11,HR,IT,5,4,2,5,4\n')])
    await t.ok(['assess', 'run', '--period', '2026-H1'])
    const out = path.join(t.dir, 'zh.html')
    await t.ok(['--lang', 'zh-CN', 'assess', 'report', '--period', '2026-H1', '--out', out])
    const doc = fs.readFileSync(out, 'utf8')
    expect(doc).toContain('<html lang="zh-CN">')
    expect(doc).toContain('2026-H1 考核报告')
    expect(doc).toContain('<th class="num">答卷数</th>')
    expect(doc).toContain('<td>IT 信息技术部</td><td class="num">1</td><td class="num">不适用</td><td>完整性</td>')
    expect(doc).toContain('1 份答卷')
    expect(doc).not.toMatch(/<td>(accuracy|timeliness|completeness|professionalism|overall)<\/td>/)
  })
})

describe('icm assess report refuses bad input and writes nothing', () => {
  it.each([
    ['a period without a table', ['--period', '2026-H2', '--out', 'r.html'], 4, /2026-H2 has not been assessed yet \(run it first: icm assess run --period 2026-H2\)/],
    ['an output not ending in .html', ['--period', '2026-H1', '--out', 'r.pdf'], 3, /--out 'r\.pdf' must end in \.html/],
    ['both --period and --year', ['--period', '2026-H1', '--year', '2026', '--out', 'r.html'], 3, /exactly one of --period and --year/],
    ['a level the table was not run at', ['--period', '2026-H1', '--level', 'position', '--out', 'r.html'], 4, /2026-H1 \(position\) has not been assessed yet \(it has a department table: add --level department/],
    ['an output in a missing folder', ['--period', '2026-H1', '--out', 'nope/r.html'], 3, /folder .* does not exist/],
    ['an existing file without --yes', ['--period', '2026-H1', '--out', 'old.html'], 3, /old\.html already exists/],
  ])('refuses %s', async (_what, args, code, message) => {
    const t = await workedExample()
    await t.ok(['assess', 'run', '--period', '2026-H1'])
    writeFile(t.dir, 'old.html', 'keep me')
    const before = await dbState(t.db)
    const listing = () => fs.readdirSync(t.dir).filter((f) => !f.startsWith('icm.db')).sort()
    const files = listing()
    const r = await t.run(['assess', 'report', ...args])
    expect(r.code).toBe(code)
    expect(r.stderr).toMatch(message)
    expect(r.stdout).toBe('')
    expect(await dbState(t.db)).toBe(before)
    expect(listing()).toEqual(files)
    expect(fs.readFileSync(path.join(t.dir, 'old.html'), 'utf8')).toBe('keep me')
  })

  it('refuses to write over the database (a path named .html that is the database)', async () => {
    const t = await workedExample()
    await t.ok(['assess', 'run', '--period', '2026-H1'])
    if (!fs.existsSync(t.db)) return // PostgreSQL: there is no database file to protect
    const link = path.join(t.dir, 'db.html')
    fs.symlinkSync(t.db, link)
    const before = await dbState(t.db)
    const r = await t.run(['assess', 'report', '--period', '2026-H1', '--out', link, '--yes'])
    expect(r.code).toBe(3)
    expect(r.stderr).toContain('it is the database itself')
    expect(await dbState(t.db)).toBe(before)
  })
})
