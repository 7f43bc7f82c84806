import { readFileSync } from 'node:fs'
import { parse } from 'csv-parse/sync'
import { afterEach, describe, expect, it } from 'vitest'
import { mapHeaders, parseMappingFile } from '../../src/domain/surveys/header-aliases.js'
import { SurveyRecordChecker, describeBadLines, describeUnitMatch, responseIdOfKey, responseKey, unitsWithAliases } from '../../src/domain/surveys/survey-import.js'
import { compileSurveyRowValidator, createSubmittedAtReader, parseSubmittedAt, rowFingerprint, validateSurveyRow, type CanonicalResponse } from '../../src/domain/surveys/survey-row.js'
import { createUnitResolver, type ResolvableUnit } from '../../src/domain/org/unit-names.js'

/** The demo company's units (test/fixtures/org.csv), ids 1… in file order. */
const units: ResolvableUnit[] = (
  parse(readFileSync(new URL('../fixtures/org.csv', import.meta.url)), { columns: true }) as Record<string, string>[]
).map((r, i) => ({ id: i + 1, code: r.code!, name: r.name! }))
const id = (code: string) => units.find((u) => u.code === code)!.id

const HEADERS = ['序号', '您所在的部门', '被评价部门', '准确性', '及时性', '完整性', '专业性', '总体满意度', '合作意愿', '意见', '提交时间']
const record = (line: number, cells: string[], error?: string) => ({ line, lines: 1, cells, ...(error ? { error } : {}) })

describe('responseKey', () => {
  const row = { responseId: '17' } as CanonicalResponse
  it('is the export\'s response id when there is one, else the fingerprint, each with its prefix', () => {
    expect(responseKey(row, 'ab12')).toBe('id:17')
    expect(responseKey({ ...row, responseId: null }, 'ab12')).toBe('sha256:ab12')
    expect(responseIdOfKey('id:17')).toBe('17')
    expect(responseIdOfKey('sha256:ab12')).toBeNull()
  })
})

describe('unitsWithAliases', () => {
  it('adds the mapping file\'s names to the units they name, by code in any case', () => {
    const out = unitsWithAliases(units, { 品质部: 'qa', 'Quality Dept': 'QA' })
    expect(out.find((u) => u.code === 'QA')!.aliases).toEqual(['品质部', 'Quality Dept'])
    expect(createUnitResolver(out)('品质部')).toEqual({ ok: true, id: id('QA'), via: 'alias' })
  })
  it('refuses a unit code that does not exist', () => {
    expect(() => unitsWithAliases(units, { 某部: 'NOPE' })).toThrow("the mapping file's \"units\" gives '某部' to 'NOPE', which is not a unit code")
  })
  it('is read from the mapping file\'s "units" section', () => {
    expect(parseMappingFile('{"overall": 3, "units": {"品质部": "QA"}}')).toEqual({ columns: { overall: 3 }, labels: {}, units: { 品质部: 'QA' } })
    expect(() => parseMappingFile('{"units": {"品质部": 7}}')).toThrow(/gives unit name '品质部' as 7: expected a unit code/)
    expect(() => parseMappingFile('{"units": ["QA"]}')).toThrow(/"units" must be an object/)
  })
})

describe('SurveyRecordChecker', () => {
  const checker = () => new SurveyRecordChecker(HEADERS, mapHeaders(HEADERS), units)
  const good = ['7', 'HR', 'IT', '4', '4', '5', '4', '4', '3', '好', '2026-05-01 10:00']

  it('turns a good record into its row, key and fingerprint', () => {
    const c = checker().check(record(5, [...good]))
    expect(c).toMatchObject({ kind: 'row', line: 5, key: 'id:7', row: { ratedUnitId: id('IT'), respondentUnitId: id('HR'), overall: 4 } })
    if (c.kind !== 'row') throw new Error('row expected')
    expect(c.fingerprint).toBe(rowFingerprint(c.row))
  })

  it.each([
    ['a blank line', ['', ' ', ''], undefined, { kind: 'blank' }],
    ['Excel\'s trailing commas', ['', '', '', '', '', '', '', '', '', '', ''], undefined, { kind: 'blank' }],
    ['a malformed record', ['1', 'HR'], 'unbalanced quote: …', { kind: 'bad', line: 9, reason: 'unbalanced quote: …' }],
    [
      'more cells than the header',
      [...good, 'extra'],
      undefined,
      { kind: 'bad', line: 9, reason: '12 cells, but the header has 11 columns (a delimiter inside a cell that is not quoted?)' },
    ],
    ['a bad score', ['7', 'HR', 'IT', '6', '4', '5', '4', '4', '3', '', ''], undefined, { kind: 'bad', line: 9, reason: '准确性: score 6 is out of range 1–5' }],
  ])('%s', (_what, cells, error, expected) => {
    expect(checker().check(record(9, cells, error))).toMatchObject(expected)
  })

  it('ignores empty cells after the header\'s last column (腾讯问卷\'s trailing comma)', () => {
    expect(checker().check(record(3, [...good, '', ''])).kind).toBe('row')
  })

  it('calls a record with fewer cells than the header a bad line: a file cut mid-row, or "T2,HR,IT,1"', () => {
    // the header has 11 columns; the last line of a file cut after "29,PUR,ADM,4,4," has 6 cells
    expect(checker().check(record(32, ['29', 'PUR', 'ADM', '4', '4', '']))).toEqual({
      kind: 'bad',
      line: 32,
      reason: '6 cells, but the header has 11 columns (a row cut short, or a line break in a cell that is not quoted?)',
      cells: ['29', 'PUR', 'ADM', '4', '4', ''],
    })
    // enough to be a valid response (an accuracy score) were the missing cells empty: still a bad line
    expect(checker().check(record(1207, ['T2', 'HR', 'IT', '1']))).toMatchObject({ kind: 'bad', line: 1207, reason: expect.stringMatching(/^4 cells, but the header has 11 columns/) })
    // one cell short is short too
    expect(checker().check(record(5, good.slice(0, 10))).kind).toBe('bad')
  })

  it('measures a short record against the header without its trailing blank columns (Excel, 腾讯问卷)', () => {
    const headers = [...HEADERS, '', '']
    const ch = new SurveyRecordChecker(headers, mapHeaders(headers), units)
    // 13 header cells, 11 columns: a row of 11 cells fits, 10 does not; 13 with blank extras fits
    expect(ch.check(record(2, [...good])).kind).toBe('row')
    expect(ch.check(record(3, [...good, '', ''])).kind).toBe('row')
    expect(ch.check(record(4, good.slice(0, 10)))).toMatchObject({ kind: 'bad', reason: expect.stringMatching(/^10 cells, but the header has 11 columns/) })
  })

  it('still skips a blank record, however few cells it has', () => {
    expect(checker().check(record(9, ['']))).toEqual({ kind: 'blank' })
    expect(checker().check(record(9, [' ', '']))).toEqual({ kind: 'blank' })
  })

  it("takes back the mark icm's exports put before formula-like cells ('-3 is a skipped answer again)", () => {
    const c = checker().check(record(3, ['7', 'HR', 'IT', "'-3", '4', '5', '4', '4', '3', "'=1+1", '']))
    expect(c).toMatchObject({ kind: 'row', row: { accuracy: null, comment: '=1+1' } })
  })

  it('lists the unit names matched other than by code or exact name, once each', () => {
    const ch = checker()
    for (const [respondent, rated] of [
      ['人力資源部', '品質管理部'],
      ['人力資源部', 'it'],
      ['信息技术部', '品質管理部'],
    ]) {
      ch.check(record(2, ['', respondent!, rated!, '4', '', '', '', '', '', '', '']))
    }
    expect(ch.unitMatches().map(describeUnitMatch)).toEqual(['品質管理部 → QA (regional)', '人力資源部 → HR (folded)'])
  })
})

describe('describeBadLines', () => {
  it.each([
    [1, 'line 3: score 6'],
    [2, 'line 3: score 6 (and 1 more bad line)'],
    [6, 'line 3: score 6 (and 5 more bad lines)'],
  ])('%i bad lines', (total, text) => {
    expect(describeBadLines({ line: 3, reason: 'score 6' }, total)).toBe(text)
  })
})

describe('compileSurveyRowValidator', () => {
  it.each(['service-basic.csv', 'tencent-utf8-bom.csv', 'bad-rows.csv'])('answers as validateSurveyRow on every record of %s', (file) => {
    const text = readFileSync(new URL(`../fixtures/surveys/${file}`, import.meta.url), 'utf8').replace(/^\uFEFF/, '')
    const [headers, ...rows] = parse(text, { relax_column_count: true, to_line: file === 'bad-rows.csv' ? 8 : undefined }) as string[][]
    const ctx = { columns: mapHeaders(headers!).columns, resolveUnit: createUnitResolver(units), headers: headers! }
    const compiled = compileSurveyRowValidator(ctx)
    for (const r of rows) expect(compiled(r)).toEqual(validateSurveyRow(r, ctx))
  })
})

describe('createSubmittedAtReader', () => {
  const originalTz = process.env.TZ
  afterEach(() => {
    process.env.TZ = originalTz
  })

  const samples = [
    '2026-04-25 09:45:35',
    '2026/4/25 9:45:35',
    '2026-6-21 20:16:23',
    '2026/4/25 9:45',
    '2026-04-25T09:45:35',
    '2026-04-25T09:45:35+08:00',
    '2026年4月25日 9:45:35',
    '2026/2/29 10:00',
    '2024/2/29 10:00',
    '2026/4/25 24:00',
    '2026/13/1 10:00',
    '2026/4/31 10:00',
    'yesterday',
  ]

  it.each(samples)('reads %j as parseSubmittedAt does (Asia/Shanghai)', (text) => {
    expect(createSubmittedAtReader()(text)).toBe(parseSubmittedAt(text)?.toISOString())
  })

  it('agrees with parseSubmittedAt across a daylight-saving change (Europe/Berlin, 2026-03-29 02:00 → 03:00)', () => {
    process.env.TZ = 'Europe/Berlin'
    const read = createSubmittedAtReader()
    for (const text of ['2026-03-28 12:00:00', '2026-03-29 01:30:00', '2026-03-29 03:30:00', '2026-03-29 12:00:00', '2026-03-30 12:00:00', '2026-10-25 02:30:00']) {
      expect(read(text), text).toBe(parseSubmittedAt(text)?.toISOString())
    }
    expect(read('2026-03-28 12:00:00')).toBe('2026-03-28T11:00:00.000Z')
    expect(read('2026-03-30 12:00:00')).toBe('2026-03-30T10:00:00.000Z')
  })

  // The fast path shifts the local time by the day's offset in minutes and crosses into the day
  // before or after by itself: these are the crossings, checked by hand and against Date.
  it.each([
    ['Asia/Shanghai', '2026-04-25 07:59:59', '2026-04-24T23:59:59.000Z'],
    ['Asia/Shanghai', '2026-04-25 08:00:00', '2026-04-25T00:00:00.000Z'],
    ['Asia/Shanghai', '2026-01-01 00:30', '2025-12-31T16:30:00.000Z'],
    ['Asia/Shanghai', '2024-03-01 03:00:00', '2024-02-29T19:00:00.000Z'],
    ['America/New_York', '2026-12-31 20:15:00', '2027-01-01T01:15:00.000Z'],
    ['America/New_York', '2026-06-30 21:00:00', '2026-07-01T01:00:00.000Z'],
    ['Asia/Kolkata', '2026-04-25 05:29:00', '2026-04-24T23:59:00.000Z'],
    ['Asia/Kathmandu', '2026-04-25 05:45:01', '2026-04-25T00:00:01.000Z'],
    ['UTC', '2026-04-25 23:59:59', '2026-04-25T23:59:59.000Z'],
  ])('in %s reads %j as %s, as Date does', (tz, text, iso) => {
    process.env.TZ = tz
    expect(createSubmittedAtReader()(text)).toBe(iso)
    expect(parseSubmittedAt(text)?.toISOString()).toBe(iso)
  })
})
