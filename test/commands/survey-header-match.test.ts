import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { FIXTURES, dbState, queryRows, writeFile } from '../helpers/harness.js'
import { withSurvey } from '../helpers/scenarios.js'

const fixture = (name: string) => path.join(FIXTURES, 'surveys', name)

const TIE = '编号,2、本次评价的部门,3、评估的单位,总体满意度\n1,IT,IT,4\n2,HR,HR,5\n'

describe('survey import: headers matched by keywords, never guessed silently', () => {
  it('imports a freely worded 问卷星 export, showing each field it matched by keywords', async () => {
    const t = await withSurvey()
    const r = await t.ok(['survey', 'import', 'S', fixture('wjx-free-worded.csv')])
    expect(r.stdout).toContain("rated unit ← '2、请选择您本次评价的对象部门' (matched by 评价+部门)")
    expect(r.stdout).toContain('ignored columns\t所用时间, 来源, 来自IP')
    expect(r.stderr).toContain('✓ 5 of 5 responses imported into S from wjx-free-worded.csv (batch 1)')
    const got = await queryRows(t.db, `select r.*, u.code as rated, p.code as respondent from survey_responses r join units u on u.id = r.rated_id join units p on p.id = r.respondent_id order by r.line`)
    expect(got.length).toBe(5)
    // line 3: 财务部 rates 信息技术部; (4)满意 → 4, (3)一般 → 3; loyalty 7 of 10 → 1 + 2.8 = 3.8 → 4; (跳过) → no comment; 下午3:05 → 15:05 local = 07:05Z
    expect(got[1]).toMatchObject({
      response_id: '102', respondent: 'FIN', rated: 'IT', accuracy: 4, timeliness: 3, completeness: 4, professionalism: 4, overall: 4, loyalty: 4,
      comment: null, submitted_at: '2026-04-18T07:05:00.000Z',
    })
    const json = (await t.ok(['survey', 'import', 'S', fixture('wjx-free-worded.csv'), '--show-mapping', '--json'])).json()
    expect(json.matchedByKeywords[1]).toEqual({ field: 'rated_unit', column: 7, header: '2、请选择您本次评价的对象部门', keywords: ['评价', '部门'] })
  })

  it('refuses a tie without a terminal: exit 3, the field, the candidates and the --map JSON; no change', async () => {
    const t = await withSurvey()
    const file = writeFile(t.dir, 'tie.csv', TIE)
    const before = await dbState(t.db)
    const r = await t.run(['--no-input', 'survey', 'import', 'S', file])
    expect(r.code).toBe(3)
    expect(r.stderr).toBe(
      "icm: cannot tell which column to use: rated_unit matches 2 columns equally: '2、本次评价的部门' (column 2, by 评价+部门), '3、评估的单位' (column 3, by 评估+单位) " +
        '(say which with --map MAP.json holding {"response_id":"编号","rated_unit":"2、本次评价的部门","overall":"总体满意度"} (check the guesses), or run on a terminal to choose)\n',
    )
    expect(await dbState(t.db)).toEqual(before)
    // in Chinese the field by its name, and by the key --map takes
    const zh = await t.run(['--no-input', 'survey', 'import', 'S', file], { env: { LANG: 'zh_CN.UTF-8' } })
    expect(zh.stderr).toMatch(/被评价单位（rated_unit） 同样匹配 2 列/)
    // the JSON of the message, saved as the mapping file, imports the file
    const map = writeFile(t.dir, 'map.json', '{"response_id":"编号","rated_unit":"2、本次评价的部门","overall":"总体满意度"}')
    expect((await t.ok(['--no-input', 'survey', 'import', 'S', file, '--map', map, '--json'])).json()).toMatchObject({ read: 2, imported: 2 })
  })

  it('asks on a terminal with the candidates, best first, and saves the answers as a mapping file', async () => {
    const t = await withSurvey()
    const file = writeFile(t.dir, 'tie.csv', TIE)
    const r = await t.run(['survey', 'import', 'S', file], { tty: true, answers: ['3、评估的单位 (column 3)', true, 'chosen.json'] })
    expect(r.code).toBe(0)
    expect(r.stderr).toContain('icm: mapping saved to chosen.json: add --map chosen.json next time')
    expect(JSON.parse(fs.readFileSync(path.join(t.dir, 'chosen.json'), 'utf8'))).toEqual({ response_id: '编号', rated_unit: '3、评估的单位', overall: '总体满意度' })
    expect((await queryRows(t.db, 'select count(*) as n from survey_responses'))[0].n).toBe(2)
  })

  it('survey map writes the mapping with its guesses; reused with --map in a --no-input run', async () => {
    const t = await withSurvey()
    const file = writeFile(t.dir, 'tie.csv', TIE)
    const r = await t.ok(['survey', 'map', file, '--out', 'tie-map.json'])
    expect(r.stderr).toContain('✓ mapping of tie.csv written to tie-map.json (guessed: rated_unit; check "_guessed")')
    const doc = JSON.parse(fs.readFileSync(path.join(t.dir, 'tie-map.json'), 'utf8'))
    expect(doc).toEqual({
      response_id: '编号',
      rated_unit: '2、本次评价的部门',
      overall: '总体满意度',
      _guessed: { rated_unit: ['2、本次评价的部门', '3、评估的单位'] },
      _unmatched_headers: ['3、评估的单位'],
    })
    const imported = await t.ok(['--no-input', 'survey', 'import', 'S', file, '--map', 'tie-map.json', '--json'])
    expect(imported.json()).toMatchObject({ read: 2, imported: 2 })
    const printed = await t.ok(['survey', 'map', fixture('wjx-free-worded.csv')])
    expect(JSON.parse(printed.stdout)).toMatchObject({ rated_unit: '2、请选择您本次评价的对象部门', loyalty: '8、您有多大可能向同事推荐该部门的服务？(0-10分)' })
    expect(JSON.parse(printed.stdout)._matched_by_keywords.rated_unit).toBe('2、请选择您本次评价的对象部门 (by 评价+部门)')
    // the notes are for the person reviewing the file: in their language (the keys stay as --map reads them)
    const chinese = await t.ok(['survey', 'map', fixture('wjx-free-worded.csv')], { env: { LANG: 'zh_CN.UTF-8' } })
    expect(JSON.parse(chinese.stdout)._matched_by_keywords).toMatchObject({ rated_unit: '2、请选择您本次评价的对象部门（关键词 评价+部门）', overall: '7、您对该部门服务的总体满意程度（关键词 满意）' })
  })
})
