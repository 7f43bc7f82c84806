import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { dbState, queryRows, writeFile } from '../helpers/harness.js'
import { withSurvey } from '../helpers/scenarios.js'
import { writeWorkbook } from '../helpers/xlsx.js'

const HEADER = ['序号', '1、您所在的部门', '2、您要评价的部门', '3、总体满意度', '4、推荐意愿(0-10)', '提交答卷时间', '意见']

describe('survey import of an Excel workbook', () => {
  it('reads the first sheet (or --sheet), dates as Excel keeps them, numbers rows as the sheet does', async () => {
    const t = await withSurvey()
    const file = await writeWorkbook(path.join(t.dir, 'wjx.xlsx'), {
      答卷: [
        HEADER,
        ['001', '人力资源部', '信息技术部', '(5)非常满意', 9, new Date(Date.UTC(2026, 3, 18, 20, 14, 0)), '多行\n意见'],
        [],
        ['002', '财务部', '信息技术部', 4, 6, 46130.5, null],
        ['003', 'SALES', 'HR', '3分', 10, '2026/4/19 下午3:05', { richText: [{ text: '富' }, { text: '文本' }] }],
      ],
      说明: [['readme']],
    })
    const r = await t.ok(['survey', 'import', 'S', file, '--json'])
    expect(r.json()).toMatchObject({ file: 'wjx.xlsx', read: 3, imported: 3, rejected: 0 })
    // a workbook has cells, not a delimiter: none is named
    expect(r.json().delimiter).toBeNull()
    const mapping = await t.ok(['survey', 'import', 'S', file, '--show-mapping'])
    expect(mapping.stdout).toMatch(/^wjx\.xlsx: UTF-8 \(.*\), header on row 1$/m)
    const got = await queryRows(t.db, `select r.*, u.code as rated from survey_responses r join units u on u.id = r.rated_id order by r.line`)
    expect(got.map((x) => x.line)).toEqual([2, 4, 5]) // sheet rows: row 3 is empty
    // row 2: leading zeros kept; a date cell is the wall-clock time Excel shows (20:14 local, UTC+8); loyalty 9 of 10 → 4.6 → 5
    expect(got[0]).toMatchObject({ response_id: '001', rated: 'IT', overall: 5, loyalty: 5, comment: '多行\n意见', submitted_at: '2026-04-18T12:14:00.000Z' })
    // row 4: an Excel serial 46130.5 is 2026-04-18 12:00 local
    expect(got[1]).toMatchObject({ response_id: '002', overall: 4, loyalty: 3, submitted_at: '2026-04-18T04:00:00.000Z' })
    expect(got[2]).toMatchObject({ comment: '富文本', submitted_at: '2026-04-19T07:05:00.000Z' })
    // the same workbook again: refused by its sha256 (exit 5)
    const again = await t.run(['survey', 'import', 'S', file])
    expect(again.code, again.stderr).toBe(5)
    const second = await writeWorkbook(path.join(t.dir, 'two.xlsx'), { 说明: [['readme']], 答卷: [HEADER, ['010', 'HR', 'IT', 4, '', '', '']] })
    expect((await t.ok(['survey', 'import', 'S', second, '--sheet', '2', '--json'])).json()).toMatchObject({ read: 1, imported: 1 })
  })

  it.each([
    ['a file that is not a workbook', 'x.xlsx', 'not a zip', 3, /icm: x\.xlsx is not an Excel workbook \(\.xlsx\)/],
    ['a password-protected workbook', 'p.xlsx', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]), 3, /icm: p\.xlsx is a password-protected \(encrypted\) or old-format \(\.xls\) workbook/],
  ])('refuses %s (exit %i), changing nothing', async (_what, name, content, code, message) => {
    const t = await withSurvey()
    const file = writeFile(t.dir, name, content as string | Buffer)
    const before = await dbState(t.db)
    const r = await t.run(['survey', 'import', 'S', file])
    expect(r.code).toBe(code)
    expect(r.stderr).toMatch(message)
    expect(await dbState(t.db)).toEqual(before)
  })

  it('refuses an empty sheet (3) and an unknown sheet (4, listing the sheets)', async () => {
    const t = await withSurvey()
    const file = await writeWorkbook(path.join(t.dir, 'e.xlsx'), { 空: [], 答卷: [HEADER] })
    const empty = await t.run(['survey', 'import', 'S', file])
    expect(empty.code).toBe(3)
    expect(empty.stderr).toMatch(/icm: sheet '空' of e\.xlsx is empty/)
    const unknown = await t.run(['survey', 'import', 'S', file, '--sheet', 'Sheet9'])
    expect(unknown.code).toBe(4)
    expect(unknown.stderr).toMatch(/icm: e\.xlsx has no sheet 'Sheet9' \(sheets: '空', '答卷'\)/)
    const noRows = await t.run(['survey', 'import', 'S', file, '--sheet', '答卷'])
    expect(noRows.code).toBe(3)
    expect(fs.existsSync(file)).toBe(true)
  })
})
