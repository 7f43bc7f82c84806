import { useLanguage } from '../../src/domain/i18n/catalog.js'
import { describe, expect, it } from 'vitest'
import { parseMappingFile } from '../../src/domain/surveys/header-aliases.js'
import { createUnitResolver } from '../../src/domain/org/unit-names.js'
import { decideLayout, detectWideColumns, dimensionOf, unitsInHeader } from '../../src/domain/surveys/wide-layout.js'
import { compileWideRowChecker } from '../../src/domain/surveys/wide-rows.js'
import { parseLayout, parseWideMap } from '../../src/domain/surveys/wide-map.js'
import { UserError } from '../../src/domain/errors.js'

const UNITS = [
  { id: 1, code: 'FIN', name: '财务部' },
  { id: 2, code: 'IT', name: '信息技术部' },
  { id: 3, code: 'TECH', name: '技术部' },
  { id: 4, code: 'HR', name: '人力资源部', aliases: ['人事部'] },
  { id: 5, code: 'QA', name: 'Quality Assurance' },
]

const codes = (header: string) => [...unitsInHeader(header, UNITS).units.keys()].map((id) => UNITS.find((u) => u.id === id)!.code)

describe('wide layout: the unit and dimension a header names', () => {
  it.each([
    ['6、请对以下部门的服务进行评价—财务部', ['FIN'], 'overall', ''],
    ['财务部-及时性', ['FIN'], 'timeliness', '及时'],
    ['对信息技术部的总体满意度', ['IT'], 'overall', '满意'],
    ['[IT] Overall satisfaction', ['IT'], 'overall', 'satisf'],
    ['[IT] Timeliness', ['IT'], 'timeliness', 'timel'],
    ['資訊技術部-專業性', ['IT'], 'professionalism', '专业'], // traditional: 資訊技術部 is 信息技术部 once simplified
    ['人事部 准确性', ['HR'], 'accuracy', '准确'], // an alias
    ['您愿意向同事推荐技术部吗', ['TECH'], 'loyalty', '推荐'],
    ['对财务部的意见和建议', ['FIN'], 'comment', '意见'],
    ['Quality Assurance - completeness', ['QA'], 'completeness', 'complete'],
  ])('%s → %j %s (by %j)', (header, units, dimension, keyword) => {
    expect(codes(header)).toEqual(units)
    expect(dimensionOf(unitsInHeader(header, UNITS).rest)).toEqual({ dimension, keyword })
  })

  it('a name inside a longer unit name is not also that unit (信息技术部 is not 技术部); a code counts only as a word in its case', () => {
    expect(codes('信息技术部-准确性')).toEqual(['IT'])
    expect(codes('Is it fast?')).toEqual([])
    expect(codes('FINAL score')).toEqual([])
    expect(codes('财务部与信息技术部的协作')).toEqual(['FIN', 'IT'])
  })

  it('finds the unit columns of a file, and the headers naming two units', () => {
    const headers = ['序号', '您所在的部门', '财务部-及时性', '[IT] Overall', '财务部与技术部的协作', '提交时间']
    const found = detectWideColumns(headers, UNITS)
    expect(found.columns.map((c) => [c.column, c.unit, c.dimension, c.via])).toEqual([
      [2, 'FIN', 'timeliness', 'name'],
      [3, 'IT', 'overall', 'code'],
    ])
    expect(found.several).toEqual([{ column: 4, units: ['FIN', 'TECH'] }])
  })

  it('takes Q6_2-style columns from the mapping file\'s "wide"', () => {
    const map = parseMappingFile(JSON.stringify({ wide: { Q6_1: 'FIN', Q6_2: { unit: '信息技术部', dimension: 'timeliness' }, '4': { unit: 'HR' } } }))
    const found = detectWideColumns(['ID', 'Q6_1', 'Q6_2', 'Q6_3'], UNITS, map)
    expect(found.columns.map((c) => [c.column, c.unit, c.dimension, c.via])).toEqual([
      [1, 'FIN', 'overall', 'map'],
      [2, 'IT', 'timeliness', 'map'],
      [3, 'HR', 'overall', 'map'],
    ])
    expect(() => detectWideColumns(['ID', 'Q6_1'], UNITS, parseMappingFile('{"wide": {"Q7": "FIN"}}'))).toThrow(/names 'Q7', which is no header/)
    expect(() => detectWideColumns(['ID', 'Q6_1'], UNITS, parseMappingFile('{"wide": {"Q6_1": "NOPE"}}'))).toThrow(/gives 'Q6_1' the unit 'NOPE'/)
    expect(() => parseWideMap({ Q1: { unit: 'FIN', dimension: 'speed' } })).toThrow(UserError)
    expect(() => parseWideMap({ Q1: { unit: 'FIN', dimension: 'speed' } })).toThrow(
      `the mapping file gives 'Q1' in "wide" as {"unit":"FIN","dimension":"speed"}: expected a unit, or {"unit": …, "dimension": accuracy|timeliness|completeness|professionalism|overall|loyalty|comment}`,
    )
    expect(() => parseWideMap(['FIN'])).toThrow(/"wide" must be an object of header \(or column number\) → unit or \{"unit", "dimension"\}/)
    expect(() => parseWideMap({ ' ': 'FIN' })).toThrow('the mapping file has an empty header in "wide"')
    expect(parseLayout(' Wide ')).toBe('wide')
    expect(parseLayout('matrix')).toBeUndefined()
  })

  it('says what is wrong with a "wide" section in Chinese too', async () => {
    await useLanguage('zh-CN')
    try {
      expect(() => parseWideMap({ Q1: 7 })).toThrow('映射文件把 "wide" 中的 \'Q1\' 写成 7：应为部门，或 {"unit": …, "dimension": accuracy|')
      expect(() => parseWideMap('FIN')).toThrow('映射文件的 "wide" 必须是对象')
    } finally {
      await useLanguage('en')
    }
  })
})

describe('wide layout: which files are wide', () => {
  const wideHeaders = ['序号', '所在部门', '财务部-及时性', '财务部-总体', '[IT] Overall']

  it('auto is wide when two units are named and no column holds the rated unit', () => {
    const layout = decideLayout('auto', wideHeaders, detectWideColumns(wideHeaders, UNITS))
    expect(layout?.units).toEqual([
      { unitId: 1, unit: 'FIN', columns: { timeliness: 2, overall: 3 } },
      { unitId: 2, unit: 'IT', columns: { overall: 4 } },
    ])
    // a rated-unit column (被评价部门) makes it long, as does one unit alone
    const long = ['被评价部门', ...wideHeaders]
    expect(decideLayout('auto', long, detectWideColumns(long, UNITS))).toBeUndefined()
    const one = ['所在部门', '财务部-及时性', '财务部-总体']
    expect(decideLayout('auto', one, detectWideColumns(one, UNITS))).toBeUndefined()
    expect(decideLayout('wide', one, detectWideColumns(one, UNITS))?.units.length).toBe(1)
    expect(decideLayout('long', wideHeaders, detectWideColumns(wideHeaders, UNITS))).toBeUndefined()
  })

  it('refuses --layout wide without unit columns, a header naming two units, and two columns for one unit\'s dimension', () => {
    const plain = ['被评价部门', '总体满意度']
    expect(() => decideLayout('wide', plain, detectWideColumns(plain, UNITS))).toThrow(/no column header names a unit/)
    const two = [...wideHeaders, '财务部与信息技术部的协作']
    expect(() => decideLayout('auto', two, detectWideColumns(two, UNITS))).toThrow(/header '财务部与信息技术部的协作' \(column 6\) names more than one unit \(FIN, IT\)/)
    const same = [...wideHeaders, '对财务部的总体满意度']
    expect(() => decideLayout('auto', same, detectWideColumns(same, UNITS))).toThrow(/headers '财务部-总体' and '对财务部的总体满意度' both give FIN's overall/)
  })
})

describe('wide layout: a respondent row → one response per rated unit', () => {
  const headers = ['序号', '所在部门', '财务部-及时性', '财务部-总体', '[IT] Overall', '人力资源部']
  const layout = decideLayout('wide', headers, detectWideColumns(headers, UNITS))!
  const check = compileWideRowChecker({ layout, columns: { response_id: 0, respondent_unit: 1 }, headers, resolveUnit: createUnitResolver(UNITS) })

  it('gives a response per unit with an answer, keyed by the row id plus the unit; skips and counts the own unit', () => {
    // row 7 of 信息技术部 (IT): FIN timeliness 4 and overall 5, its own IT skipped, HR blank (not rated)
    const r = check(['7', '信息技术部', '4', '5', '3', ''])
    expect(r.ok && r.selfRatings).toBe(1)
    expect(r.ok && r.rows.map((x) => [x.key, x.row.ratedUnitId, x.row.respondentUnitId, x.row.timeliness, x.row.overall])).toEqual([['id:7@FIN', 1, 2, 4, 5]])
  })

  it('puts an id prefix before the row id in its responses and their keys', () => {
    const prefixed = compileWideRowChecker({ layout, columns: { response_id: 0, respondent_unit: 1 }, headers, resolveUnit: createUnitResolver(UNITS), idPrefix: 'B-' })
    const r = prefixed(['7', '信息技术部', '4', '5', '3', '2'])
    expect(r.ok && r.rows.map((x) => [x.key, x.row.responseId])).toEqual([
      ['id:B-7@FIN', 'B-7'],
      ['id:B-7@HR', 'B-7'],
    ])
  })

  it('keys a row without id by the hash of all its responses (two respondents with one same answer stay two)', () => {
    const a = check(['', 'HR', '', '5', '', ''])
    const b = check(['', 'HR', '', '5', '4', ''])
    expect(a.ok && b.ok).toBe(true)
    if (!a.ok || !b.ok) return
    expect(a.rows[0]!.fingerprint).toBe(b.rows[0]!.fingerprint)
    expect(a.rows[0]!.key).not.toBe(b.rows[0]!.key)
    expect(a.rows[0]!.key).toMatch(/^sha256:[0-9a-f]{64}@FIN$/)
  })

  it('a bad score in any unit makes the whole line bad, naming the header; a row rating nobody gives no response', () => {
    expect(check(['8', 'HR', '6', '5', '9', ''])).toEqual({ ok: false, reason: "财务部-及时性: score 6 is out of range 1–5; [IT] Overall: score 9 is out of range 1–5" })
    expect(check(['9', 'HR', '', '', '', ''])).toEqual({ ok: true, rows: [], selfRatings: 0 })
  })
})
