import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { FIXTURES, dbState, queryRows, writeFile } from '../helpers/harness.js'
import { withSurvey } from '../helpers/scenarios.js'
import { writeWorkbook } from '../helpers/xlsx.js'

/**
 * `survey import` of a wide file (issue 16): one respondent row rating many units, a column per
 * unit and dimension. The fixture: four respondents, three units named five ways; row 101 (销售部)
 * rates FIN and IT; row 102 (财务部) rates FIN (its own unit: skipped), IT and HR; row 103 rates
 * nobody; row 104 (HR) rates FIN (非常满意 → 5) and IT. So 6 responses, 1 own-unit rating skipped.
 */
const fixture = path.join(FIXTURES, 'surveys', 'wide-matrix.csv')
const RESPONSES = `select r.key, r.response_id, r.line, u.code as rated, p.code as respondent, r.accuracy, r.timeliness, r.overall, r.loyalty, r.comment, r.submitted_at
  from survey_responses r join units u on u.id = r.rated_id left join units p on p.id = r.respondent_id order by r.id`

const EXPECTED = [
  ['id:101@FIN', 2, 'FIN', 'SALES'],
  ['id:101@IT', 2, 'IT', 'SALES'],
  ['id:102@IT', 3, 'IT', 'FIN'],
  ['id:102@HR', 3, 'HR', 'FIN'],
  ['id:104@FIN', 5, 'FIN', 'HR'],
  ['id:104@IT', 5, 'IT', 'HR'],
]

describe('survey import of a wide file (one row rating many units)', () => {
  it('imports one response per rated unit, skipping and counting the own unit; idempotent, --force finds all present', async () => {
    const t = await withSurvey()
    const r = await t.ok(['survey', 'import', 'S', fixture, '--json'])
    expect(r.json()).toMatchObject({ read: 4, imported: 6, alreadyPresent: 0, rejected: 0, layout: 'wide', responses: 6, selfRatingsSkipped: 1 })
    const got = await queryRows(t.db, RESPONSES)
    expect(got.map((x) => [x.key, x.line, x.rated, x.respondent])).toEqual(EXPECTED)
    // row 101 (line 2) rating IT: 对信息技术部的总体满意度 4, [IT] Timeliness 5; the row's comment and time
    expect(got[1]).toMatchObject({ response_id: '101@IT', accuracy: null, timeliness: 5, overall: 4, comment: '都很好' })
    expect(new Date(String(got[1]!.submitted_at)).getTime()).toBe(new Date(2026, 3, 20, 9, 0, 0).getTime())
    expect(got[4]).toMatchObject({ overall: 5, timeliness: null, comment: '人力资源部流程慢' })

    const again = await t.run(['survey', 'import', 'S', fixture])
    expect(again.code).toBe(5)
    expect(again.stderr).toMatch(/already imported into S/)
    const forced = await t.ok(['survey', 'import', 'S', fixture, '--force'])
    expect(forced.stderr).toContain('✓ 0 of 6 responses (4 rows) imported into S from wide-matrix.csv, 6 already present, 1 own-unit rating skipped (batch 2)')
    expect(forced.stdout).toContain('own unit skipped\t1 rating of the respondent\'s own unit')
    expect((await queryRows(t.db, 'select count(*) as n from survey_responses'))[0]!.n).toBe(6)

    // another file where respondent 101 rates FIN otherwise: a conflict naming the earlier file and line (exit 5), nothing imported
    const other = writeFile(t.dir, 'later.csv', '序号,所在部门,财务部-总体,[IT] Overall\n105,HR,4,4\n101,SALES,3,4\n')
    const conflict = await t.run(['survey', 'import', 'S', other])
    expect(conflict.code).toBe(5)
    expect(conflict.stderr).toContain('icm: later.csv line 3: response id 101@FIN is also in wide-matrix.csv line 2 (imported before, batch 1) with other content')
    expect((await queryRows(t.db, 'select count(*) as n from survey_responses'))[0]!.n).toBe(6)
  })

  it('shows the expansion with --show-mapping: which column feeds which unit and dimension', async () => {
    const t = await withSurvey()
    const r = await t.ok(['survey', 'import', 'S', fixture, '--show-mapping'])
    expect(r.stdout).toContain('wide layout: each row rates up to 3 units; a response per unit rated')
    expect(r.stdout).toContain('FIN\ttimeliness\t4\t财务部-及时性\tunit name')
    expect(r.stdout).toContain('IT\ttimeliness\t6\t[IT] Timeliness\tunit code')
    const json = (await t.ok(['survey', 'import', 'S', fixture, '--show-mapping', '--json'])).json()
    expect(json.layout).toBe('wide')
    expect(json.wide[0]).toEqual({ unit: 'FIN', dimension: 'overall', column: 3, header: '6、请对以下部门的服务进行评价—财务部', via: 'name' })
    expect(json.mapping.map((m: { field: string }) => m.field)).toEqual(['response_id', 'respondent_unit', 'comment', 'submitted_at'])
    expect(await queryRows(t.db, 'select count(*) as n from survey_responses')).toEqual([{ n: 0 }])
  })

  it('reads the same matrix from an .xlsx workbook, with sheet row numbers', async () => {
    const t = await withSurvey()
    const file = await writeWorkbook(path.join(t.dir, 'matrix.xlsx'), {
      答卷: [
        ['序号', '所在部门', '6、请对以下部门的服务进行评价—财务部', '财务部-及时性', '对信息技术部的总体满意度', '[IT] Timeliness', '人力资源部-准确性', '提交时间', '意见建议'],
        ['101', '销售部', 5, 4, 4, 5, null, '2026-04-20 09:00:00', '都很好'],
        ['102', '财务部', 5, 5, 3, null, 4, '2026-04-20 10:00:00', null],
        ['103', '生产部', null, null, null, null, null, '2026-04-20 11:00:00', null],
        ['104', 'HR', '非常满意', null, 5, 4, null, '2026/4/21 9:30', '人力资源部流程慢'],
      ],
    })
    const r = await t.ok(['survey', 'import', 'S', file, '--json'])
    expect(r.json()).toMatchObject({ read: 4, imported: 6, layout: 'wide', responses: 6, selfRatingsSkipped: 1 })
    const got = await queryRows(t.db, RESPONSES)
    expect(got.map((x) => [x.key, x.line, x.rated, x.respondent])).toEqual(EXPECTED)
    expect(got[1]).toMatchObject({ timeliness: 5, overall: 4, comment: '都很好' })
  })

  it('takes Q6_2-style headers from the mapping file\'s "wide"', async () => {
    const t = await withSurvey()
    const file = writeFile(t.dir, 'q6.csv', 'ID,Q1,Q6_1,Q6_2,Q6_3\n1,HR,5,4,\n2,IT,,3,2\n')
    const map = writeFile(t.dir, 'map.json', JSON.stringify({ respondent_unit: 'Q1', wide: { Q6_1: 'FIN', Q6_2: { unit: 'FIN', dimension: 'timeliness' }, Q6_3: { unit: 'IT' } } }))
    const r = await t.ok(['survey', 'import', 'S', file, '--map', map, '--json'])
    expect(r.json()).toMatchObject({ read: 2, imported: 2, responses: 2, selfRatingsSkipped: 1 })
    const got = await queryRows(t.db, RESPONSES)
    expect(got.map((x) => [x.key, x.rated, x.respondent, x.timeliness, x.overall])).toEqual([
      ['id:1@FIN', 'FIN', 'HR', 4, 5],
      ['id:2@FIN', 'FIN', 'IT', 3, null],
    ])
  })

  it('reads a 0–10 recommendation column of a unit on the loyalty scale, as it does a long file\'s', async () => {
    const t = await withSurvey()
    const file = writeFile(t.dir, 'nps.csv', '序号,财务部-总体,您愿意向同事推荐财务部吗(0-10),[IT] Overall,推荐信息技术部的可能性\n1,4,9,5,10\n2,3,0,,\n')
    const r = await t.ok(['survey', 'import', 'S', file, '--json'])
    expect(r.json()).toMatchObject({ read: 2, imported: 3, responses: 3 })
    expect(r.json().conversions).toContain("loyalty: the question '您愿意向同事推荐财务部吗(0-10)' is on a 0–10 scale, read as 1 + 4 × v / 10, rounded")
    // 9 → 1 + 3.6 = 4.6 → 5; 10 → 5; 0 → 1
    const got = await queryRows(t.db, RESPONSES)
    expect(got.map((x) => [x.key, x.overall, x.loyalty])).toEqual([
      ['id:1@FIN', 4, 5],
      ['id:1@IT', 5, 5],
      ['id:2@FIN', 3, 1],
    ])
  })

  it('names the first bad line of a wide file and imports nothing; --skip-invalid imports the other rows', async () => {
    const t = await withSurvey()
    const file = writeFile(t.dir, 'bad.csv', '序号,所在部门,财务部-总体,[IT] Overall\n1,HR,5,4\n2,HR,6,9\n3,PUR,4,\n')
    const before = await dbState(t.db)
    const r = await t.run(['survey', 'import', 'S', file])
    expect(r.code).toBe(3)
    expect(r.stderr).toContain('icm: bad.csv line 3: 财务部-总体: score 6 is out of range 1–5; [IT] Overall: score 9 is out of range 1–5; nothing imported')
    expect(await dbState(t.db)).toEqual(before)
    const rejects = path.join(t.dir, 'rejects.csv')
    const ok = await t.ok(['survey', 'import', 'S', file, '--skip-invalid', '--rejects', rejects, '--json'])
    expect(ok.json()).toMatchObject({ read: 3, imported: 3, rejected: 1, responses: 3 })
  })

  it.each([['in thread', '0'], ['by the stage worker', '1']])('stages many responses per line across packs (%s), in file order', async (_how, worker) => {
    const t = await withSurvey()
    // 10 departments × 60 rows: 600 responses in packs of 256, so rows straddle packs; row i's
    // respondent is department i mod 10 (its own rating skipped), and every 7th unit cell is blank
    const depts = ['HR', 'FIN', 'IT', 'PROD', 'SALES', 'PUR', 'QA', 'ADM', 'WH', 'RD']
    const lines = [['编号', '所在部门', ...depts.map((d) => `[${d}] Overall`)].join(',')]
    let expected = 0
    for (let i = 0; i < 60; i++) {
      const cells = depts.map((_, k) => ((i * 10 + k) % 7 === 0 ? '' : String(1 + ((i + k) % 5))))
      expected += cells.filter((c, k) => c !== '' && k !== i % 10).length
      lines.push([`R${i}`, depts[i % 10], ...cells].join(','))
    }
    const file = writeFile(t.dir, 'many.csv', lines.join('\n') + '\n')
    const r = await t.ok(['survey', 'import', 'S', file, '--json'], { env: { ICM_IMPORT_WORKER: worker } })
    const skipped = lines.slice(1).filter((l, i) => l.split(',')[2 + (i % 10)] !== '').length
    expect(r.json()).toMatchObject({ read: 60, imported: expected, responses: expected, selfRatingsSkipped: skipped })
    const got = await queryRows(t.db, 'select key, line from survey_responses order by id')
    expect(got.length).toBe(expected)
    // in file order: lines never go back, and row R59's last response is on line 61
    expect(got.every((x, i) => i === 0 || Number(x.line) >= Number(got[i - 1]!.line))).toBe(true)
    expect(got[got.length - 1]).toMatchObject({ key: 'id:R59@WH', line: 61 }) // R59 is RD's: its RD rating skipped
    const sums = await queryRows(t.db, 'select sum(responses) as n from survey_score_sums')
    expect(Number(sums[0]!.n)).toBe(expected)
  })

  it('speaks Chinese: a header naming two units', async () => {
    const t = await withSurvey()
    const file = writeFile(t.dir, 'x.csv', '序号,所在部门,财务部-总体,[IT] Overall,财务部与信息技术部的协作满意度\n1,HR,5,4,3\n')
    const r = await t.run(['--lang', 'zh-CN', 'survey', 'import', 'S', file])
    expect(r.code).toBe(3)
    expect(r.stderr).toContain("icm: 列标题 '财务部与信息技术部的协作满意度'（第 5 列）写有不止一个部门（FIN, IT），未导入任何数据")
  })

  it.each([
    ['a header naming two units', '序号,所在部门,财务部-总体,[IT] Overall,财务部与信息技术部的协作满意度\n1,HR,5,4,3\n', [], /icm: header '财务部与信息技术部的协作满意度' \(column 5\) names more than one unit \(FIN, IT\); nothing imported \(give column 5 one unit/],
    ['--layout wide on a file without unit columns', '被评价部门,总体满意度\nIT,4\n', ['--layout', 'wide'], /icm: no column header names a unit, so the file cannot be read wide/],
  ])('refuses %s: exit 3, nothing imported', async (_what, text, extra, message) => {
    const t = await withSurvey()
    const file = writeFile(t.dir, 'x.csv', text)
    const before = await dbState(t.db)
    const r = await t.run(['survey', 'import', 'S', file, ...extra])
    expect(r.code).toBe(3)
    expect(r.stderr).toMatch(message)
    expect(await dbState(t.db)).toEqual(before)
  })

  it('--layout long reads a file as before: a long file imports as it always did, a wide one is refused as it was (no clear rated-unit column)', async () => {
    const t = await withSurvey()
    const long = await t.ok(['survey', 'import', 'S', path.join(FIXTURES, 'surveys', 'service-basic.csv'), '--layout', 'long', '--json'])
    expect(long.json().layout).toBeUndefined()
    expect(long.json().imported).toBeGreaterThan(0)
    const wide = await t.run(['survey', 'import', 'S', fixture, '--layout', 'long'])
    expect(wide.code).toBe(3)
    expect(wide.stderr).toMatch(/icm: cannot tell which column to use: timeliness matches 2 columns equally/)
    expect((await t.run(['survey', 'import', 'S', fixture, '--layout', 'matrix'])).code).toBe(2)
  })
})
