import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { parse } from 'csv-parse/sync'
import { describe, expect, it } from 'vitest'
import { detectDelimiter } from '../../src/domain/surveys/csv-dialect.js'
import { mapHeaders } from '../../src/domain/surveys/header-aliases.js'
import {
  isBlankRecord,
  parseSubmittedAt,
  rowFingerprint,
  sameContent,
  scanPlainLocalTime,
  validateSurveyRow,
  type CanonicalResponse,
  type SurveyRowContext,
} from '../../src/domain/surveys/survey-row.js'
import { createStrictDecoder, detectEncoding } from '../../src/domain/surveys/text-encoding.js'
import { createUnitResolver, type ResolvableUnit } from '../../src/domain/org/unit-names.js'

// vitest pins TZ=Asia/Shanghai: local times without offset are UTC+8.

/** The demo company's units (test/fixtures/org.csv), ids 1… in file order. */
const units: ResolvableUnit[] = (
  parse(readFileSync(new URL('../fixtures/org.csv', import.meta.url)), { columns: true }) as Record<string, string>[]
).map((r, i) => ({ id: i + 1, code: r.code!, name: r.name! }))
const id = (code: string) => units.find((u) => u.code === code)!.id
const resolveUnit = createUnitResolver(units)

/** A sample export read as the importer will: detect the encoding, decode strictly, detect the delimiter, parse. */
function readExport(file: string, toLine?: number): { headers: string[]; records: string[][] } {
  const bytes = new Uint8Array(readFileSync(new URL(`../fixtures/surveys/${file}`, import.meta.url)))
  const text = createStrictDecoder(detectEncoding(bytes, true).encoding).decode(bytes)
  const records = parse(text, { delimiter: detectDelimiter(text.slice(0, 4000)), to_line: toLine }) as string[][]
  const [headers, ...rest] = records
  return { headers: headers!, records: rest }
}

function contextOf(headers: string[]): SurveyRowContext {
  return { columns: mapHeaders(headers).columns, resolveUnit, headers }
}

describe('validateSurveyRow on the sample exports', () => {
  it.each([
    ['service-basic.csv', 60],
    ['tencent-utf8-bom.csv', 50],
    ['wjx-gb18030.csv', 80],
    ['traditional-utf16le.txt', 30],
  ])('every row of %s validates against the units of org.csv (%i rows)', (file, count) => {
    const { headers, records } = readExport(file)
    const ctx = contextOf(headers)
    const rejected = records.map((r) => validateSurveyRow(r, ctx)).filter((v) => !v.ok)
    expect(rejected).toEqual([])
    expect(records).toHaveLength(count)
  })

  it('service-basic.csv row 1: codes, numbers, a quoted comment with a comma, ISO local time', () => {
    const { headers, records } = readExport('service-basic.csv')
    expect(validateSurveyRow(records[0]!, contextOf(headers))).toEqual({
      ok: true,
      row: {
        responseId: '1',
        respondentUnitId: id('WH'),
        ratedUnitId: id('ADM'),
        accuracy: 4,
        timeliness: 2,
        completeness: 3,
        professionalism: 3,
        overall: 3,
        loyalty: 4,
        comment: '对接人更换频繁,影响效率',
        submittedAt: '2026-05-04T06:22:15.000Z',
      },
    })
  })

  it('问卷星 (GB18030) row 1: names, labels, 2026/4/25 9:45:35 local, the 4-byte 𠮷 in the comment', () => {
    const { headers, records } = readExport('wjx-gb18030.csv')
    expect(validateSurveyRow(records[0]!, contextOf(headers))).toEqual({
      ok: true,
      row: {
        responseId: '1',
        respondentUnitId: id('PROD'),
        ratedUnitId: id('FIN'),
        accuracy: 4,
        timeliness: 4,
        completeness: 5,
        professionalism: 4,
        overall: 4,
        loyalty: 3,
        comment: '𠮷野家的订餐系统能否接入?',
        submittedAt: '2026-04-25T01:45:35.000Z',
      },
    })
  })

  it('问卷星 row 4: a skipped comment (跳过) is empty', () => {
    const { headers, records } = readExport('wjx-gb18030.csv')
    const v = validateSurveyRow(records[3]!, contextOf(headers))
    expect(v).toMatchObject({ ok: true, row: { responseId: '4', comment: null, overall: 5, loyalty: 5 } })
  })

  it('腾讯问卷 rows 1–2: 2026-6-21 20:16:23 local is the end time, a multi-line comment, no loyalty column', () => {
    const { headers, records } = readExport('tencent-utf8-bom.csv')
    const ctx = contextOf(headers)
    expect(validateSurveyRow(records[0]!, ctx)).toEqual({
      ok: true,
      row: {
        responseId: '1',
        respondentUnitId: id('ADM'),
        ratedUnitId: id('RD'),
        accuracy: 5,
        timeliness: 4,
        completeness: 5,
        professionalism: 5,
        overall: 5,
        loyalty: null,
        comment: '沟通顺畅',
        submittedAt: '2026-06-21T12:16:23.000Z',
      },
    })
    expect(validateSurveyRow(records[1]!, ctx)).toMatchObject({ ok: true, row: { comment: '系统经常卡顿,\n请尽快处理' } })
  })

  it('traditional UTF-16 row 1: 資訊技術部 is IT, traditional labels, an empty comment, no time column', () => {
    const { headers, records } = readExport('traditional-utf16le.txt')
    expect(validateSurveyRow(records[0]!, contextOf(headers))).toEqual({
      ok: true,
      row: {
        responseId: '1',
        respondentUnitId: id('IT'),
        ratedUnitId: id('PROD'),
        accuracy: 5,
        timeliness: 4,
        completeness: 4,
        professionalism: 4,
        overall: 3,
        loyalty: null,
        comment: null,
        submittedAt: null,
      },
    })
    // Row 3: 品質管理部 is QA through the regional word 品质 → 质量.
    expect(validateSurveyRow(records[2]!, contextOf(headers))).toMatchObject({ ok: true, row: { respondentUnitId: id('QA') } })
  })
})

describe('bad-rows.csv', () => {
  // Line 9 opens a quote that never closes: that is CSV syntax, which the importer's parser reports
  // (with the line number), so this test reads only up to line 8.
  it('has an unbalanced quote on its last line, for the importer to report', () => {
    expect(() => readExport('bad-rows.csv')).toThrow(/Quote Not Closed/i)
  })

  const { headers, records } = readExport('bad-rows.csv', 8)
  const ctx = contextOf(headers)
  const results = records.map((r) => validateSurveyRow(r, ctx))
  const line = (n: number) => results[n - 2]! // line 1 is the header; no record before line 9 spans lines

  it.each([
    [3, 'accuracy: score 6 is out of range 1–5'],
    [4, "rated_unit: 'NOPE' is not a known unit code or name"],
    [5, 'rated_unit: empty, but the rated unit is required'],
    [6, "accuracy: 'abc' is not a score (expected 1–5 or a label such as 满意 or satisfied)"],
  ])('line %i is rejected: %s', (n, reason) => {
    expect(line(n)).toEqual({ ok: false, reason })
  })

  it.each([2, 7, 8])('line %i is valid on its own', (n) => {
    expect(line(n).ok).toBe(true)
  })

  it('line 8 repeats line 2\'s response id with other content: a conflict the importer finds with sameContent', () => {
    const [a, b] = [line(2), line(8)]
    if (!a.ok || !b.ok) throw new Error('expected valid rows')
    expect(a.row.responseId).toBe(b.row.responseId)
    expect(sameContent(a.row, b.row)).toBe(false)
  })
})

describe('validateSurveyRow', () => {
  const headers = ['序号', '您所在的部门', '被评价部门', '准确性', '及时性', '完整性', '专业性', '总体满意度', '合作意愿', '意见', '提交时间']
  const ctx = contextOf(headers)
  /** A valid record with some cells replaced. */
  const row = (patch: Partial<Record<number, string>> = {}, base = ['7', 'HR', 'IT', '4', '4', '5', '4', '4', '3', '好', '2026-05-01 10:00']) =>
    base.map((c, i) => patch[i] ?? c)

  it('accepts a plain row', () => {
    expect(validateSurveyRow(row(), ctx)).toEqual({
      ok: true,
      row: {
        responseId: '7',
        respondentUnitId: id('HR'),
        ratedUnitId: id('IT'),
        accuracy: 4,
        timeliness: 4,
        completeness: 5,
        professionalism: 4,
        overall: 4,
        loyalty: 3,
        comment: '好',
        submittedAt: '2026-05-01T02:00:00.000Z',
      },
    })
  })

  it('puts an id prefix before the response id, and leaves a row without id without one', () => {
    const prefixed = { ...ctx, idPrefix: 'B-' }
    expect(validateSurveyRow(row(), prefixed)).toMatchObject({ ok: true, row: { responseId: 'B-7', ratedUnitId: id('IT') } })
    expect(validateSurveyRow(row({ 0: '' }), prefixed)).toMatchObject({ ok: true, row: { responseId: null } })
  })

  it.each([
    [{ 1: '信息技术部' }, "您所在的部门 and 被评价部门: a respondent rating their own unit ('信息技术部' rates 'IT')"],
    [{ 1: '某某部' }, "您所在的部门: '某某部' is not a known unit code or name"],
    [{ 2: '' }, '被评价部门: empty, but the rated unit is required'],
    [{ 2: '  ' }, '被评价部门: empty, but the rated unit is required'],
    [{ 3: '', 4: '', 5: '(跳过)', 6: '-3', 7: '' }, 'no score given: 准确性, 及时性, 完整性, 专业性, 总体满意度 are all empty'],
    [{ 8: '6' }, '合作意愿: score 6 is out of range 1–5 (a 0–10 recommendation question? add --loyalty-scale 10)'],
    [{ 7: '4.5' }, '总体满意度: score 4.5 is not a whole number 1–5'],
    [{ 10: '2026-02-30 10:00' }, "提交时间: '2026-02-30 10:00' is not a date-time (expected ISO 8601, 2026/4/25 9:45:35, 4/25/2026 9:45 PM, 2026年4月25日 下午3:05 or an Excel serial)"],
    [{ 10: 'yesterday' }, "提交时间: 'yesterday' is not a date-time (expected ISO 8601, 2026/4/25 9:45:35, 4/25/2026 9:45 PM, 2026年4月25日 下午3:05 or an Excel serial)"],
    [
      { 2: 'NOPE', 3: '0', 10: '2026/13/1' },
      "被评价部门: 'NOPE' is not a known unit code or name; 准确性: score 0 is out of range 1–5; 提交时间: '2026/13/1' is not a date-time (expected ISO 8601, 2026/4/25 9:45:35, 4/25/2026 9:45 PM, 2026年4月25日 下午3:05 or an Excel serial)",
    ],
  ])('rejects %j: %s', (patch, reason) => {
    expect(validateSurveyRow(row(patch), ctx)).toEqual({ ok: false, reason })
  })

  it('says so when a unit name matches two units', () => {
    const resolve = createUnitResolver([
      { id: 1, code: 'A', name: '运营部' },
      { id: 2, code: 'B', name: '運營部' },
    ])
    expect(validateSurveyRow(row({ 1: '', 2: '运 营部' }), { ...ctx, resolveUnit: resolve })).toEqual({
      ok: false,
      reason: "被评价部门: '运 营部' matches more than one unit (use the unit code)",
    })
  })

  it('names columns by field when it has no header row', () => {
    const { headers: _h, ...noHeaders } = ctx
    expect(validateSurveyRow(row({ 3: 'x' }), noHeaders)).toEqual({
      ok: false,
      reason: "accuracy: 'x' is not a score (expected 1–5 or a label such as 满意 or satisfied)",
    })
  })

  it('treats the respondent unit, loyalty, comment, time and id as optional', () => {
    const v = validateSurveyRow(row({ 0: ' ', 1: '', 3: '', 4: '', 5: '', 6: '', 8: '(跳过)', 9: '  ', 10: '' }), ctx)
    expect(v).toEqual({
      ok: true,
      row: {
        responseId: null,
        respondentUnitId: null,
        ratedUnitId: id('IT'),
        accuracy: null,
        timeliness: null,
        completeness: null,
        professionalism: null,
        overall: 4,
        loyalty: null,
        comment: null,
        submittedAt: null,
      },
    })
  })

  it('reads a record shorter than the header as empty cells at the end', () => {
    expect(validateSurveyRow(['8', 'HR', 'IT', '4'], ctx)).toMatchObject({
      ok: true,
      row: { responseId: '8', accuracy: 4, overall: null, comment: null, submittedAt: null },
    })
  })

  it('trims the comment and its line breaks become \\n', () => {
    expect(validateSurveyRow(row({ 9: '  第一行\r\n第二行\r第三行  ' }), ctx)).toMatchObject({
      ok: true,
      row: { comment: '第一行\n第二行\n第三行' },
    })
    expect(validateSurveyRow(row({ 9: '（跳过）' }), ctx)).toMatchObject({ ok: true, row: { comment: null } })
  })

  it('takes the mapping file\'s labels', () => {
    const v = validateSurveyRow(row({ 7: 'Good' }), { ...ctx, labels: { Good: 4 } })
    expect(v).toMatchObject({ ok: true, row: { overall: 4 } })
  })

  it('reads units by code, name, traditional name', () => {
    expect(validateSurveyRow(row({ 1: '人力資源部', 2: 'it' }), ctx)).toMatchObject({
      ok: true,
      row: { respondentUnitId: id('HR'), ratedUnitId: id('IT') },
    })
  })
})

describe('parseSubmittedAt', () => {
  it.each([
    ['2026-04-25T09:45:35', '2026-04-25T01:45:35.000Z'],
    ['2026-04-25 09:45:35', '2026-04-25T01:45:35.000Z'],
    ['2026-04-25T09:45:35+08:00', '2026-04-25T01:45:35.000Z'],
    ['2026-04-25T01:45:35Z', '2026-04-25T01:45:35.000Z'],
    ['2026-04-25T09:45:35.250', '2026-04-25T01:45:35.250Z'],
    ['2026/4/25 9:45:35', '2026-04-25T01:45:35.000Z'],
    ['2026-6-21 20:16:23', '2026-06-21T12:16:23.000Z'],
    ['2026/4/25 9:45', '2026-04-25T01:45:00.000Z'],
    ['2026/4/25', '2026-04-24T16:00:00.000Z'],
    ['2026-04-25', '2026-04-24T16:00:00.000Z'],
    ['2026.4.25 9:45:35', '2026-04-25T01:45:35.000Z'],
    ['2026年4月25日 9:45:35', '2026-04-25T01:45:35.000Z'],
    [' 2026/4/25 9:45:35 ', '2026-04-25T01:45:35.000Z'],
  ])('%j → %s', (text, iso) => {
    expect(parseSubmittedAt(text)?.toISOString()).toBe(iso)
  })

  it.each(['', 'yesterday', '2026/2/30 10:00', '2026/4/25 24:00', '2026/4/25 9:60', '25/4/2026 9:45', '46137.4'])('%j is not a time', (text) => {
    expect(parseSubmittedAt(text)).toBeUndefined()
  })
})

describe('scanPlainLocalTime', () => {
  // what it replaced, and must keep agreeing with
  const PLAIN = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})[ T](\d{1,2}):(\d{2})(?::(\d{2}))?$/
  const partsOf = (text: string) => {
    const parts = new Int32Array(6)
    return scanPlainLocalTime(text, parts) ? [...parts] : undefined
  }
  const byRegExp = (text: string) => {
    const m = PLAIN.exec(text)
    return m ? [1, 2, 3, 4, 5, 6].map((i) => Number(m[i] ?? 0)) : undefined
  }

  it.each([
    ['2026-04-25 09:45:35', [2026, 4, 25, 9, 45, 35]],
    ['2026/4/5 9:05', [2026, 4, 5, 9, 5, 0]],
    ['2026-04-25T23:59:59', [2026, 4, 25, 23, 59, 59]],
    ['2026-4/25 9:45', [2026, 4, 25, 9, 45, 0]],
  ])('reads %j', (text, parts) => {
    expect(partsOf(text)).toEqual(parts)
  })

  it.each(['', '2026', '2026-04-25', '2026-04-25 9', '2026-04-25 9:4', '2026-04-25 9:45:3', '2026-04-25 9:45:356', '20261-4-25 9:45', '226-4-25 9:45',
    '2026-123-1 9:45', '2026-4-25  9:45', '2026.4.25 9:45', '2026-4-25 9:45 ', ' 2026-4-25 9:45', '2026-4-25 9:45:35Z', '２０２６-4-25 9:45', '2026-4-25 9:45:'])('refuses %j', (text) => {
    expect(partsOf(text)).toBeUndefined()
  })

  it('agrees with the regular expression on 20,000 texts made of its own characters', () => {
    // a fixed linear congruential sequence: the same texts on every run
    let seed = 12345
    const next = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648
      return seed % n
    }
    const alphabet = '0123456789-/ T:.'
    for (let i = 0; i < 20_000; i++) {
      const base = ['2026', '-', String(next(13)), '/', String(next(32)), next(2) ? ' ' : 'T', String(next(25)), ':', String(next(61)).padStart(next(2) + 1, '0'), next(2) ? `:${String(next(61)).padStart(2, '0')}` : ''].join('')
      const chars = [...base]
      for (let k = next(3); k > 0; k--) chars.splice(next(chars.length + 1), next(2), alphabet[next(alphabet.length)]!)
      const text = chars.join('')
      expect(partsOf(text), text).toEqual(byRegExp(text))
    }
  })
})

describe('rowFingerprint and sameContent', () => {
  const base: CanonicalResponse = {
    responseId: '1',
    respondentUnitId: 4,
    ratedUnitId: 2,
    accuracy: 4,
    timeliness: 4,
    completeness: 5,
    professionalism: 4,
    overall: 4,
    loyalty: 3,
    comment: '𠮷野家的订餐系统能否接入?',
    submittedAt: '2026-04-25T01:45:35.000Z',
  }

  it('is sha256 hex of the content, pinned: the database stores it, so the format must not drift', () => {
    // sha256 of ["icm.response.v1",4,2,4,4,5,4,4,3,"𠮷野家的订餐系统能否接入?","2026-04-25T01:45:35.000Z"]
    const canonical = JSON.stringify(['icm.response.v1', 4, 2, 4, 4, 5, 4, 4, 3, '𠮷野家的订餐系统能否接入?', '2026-04-25T01:45:35.000Z'])
    expect(createHash('sha256').update(canonical, 'utf8').digest('hex')).toBe(
      'e75d7ed11c3d36991d9198f2503b2b3d3a9a18bfda3b1fbbde3c0dbf2a5e2ca1',
    )
    expect(rowFingerprint(base)).toBe('e75d7ed11c3d36991d9198f2503b2b3d3a9a18bfda3b1fbbde3c0dbf2a5e2ca1')
  })

  it('is the sha256 of exactly what JSON.stringify writes, whatever the comment holds', () => {
    const reference = (r: CanonicalResponse) =>
      createHash('sha256')
        .update(JSON.stringify(['icm.response.v1', r.respondentUnitId, r.ratedUnitId, r.accuracy, r.timeliness, r.completeness, r.professionalism, r.overall, r.loyalty, r.comment, r.submittedAt]), 'utf8')
        .digest('hex')
    for (const comment of ['响应及时', 'say "yes"', 'a\\b', '第一行\n第二行', 'tab\there', '\u2028', 'lone \ud800', '𠮷', '', null]) {
      const r = { ...base, comment, submittedAt: comment === null ? null : base.submittedAt }
      expect(rowFingerprint(r)).toBe(reference(r))
    }
  })

  it('leaves the response id out', () => {
    expect(rowFingerprint({ ...base, responseId: '99' })).toBe(rowFingerprint(base))
    expect(rowFingerprint({ ...base, responseId: null })).toBe(rowFingerprint(base))
    expect(sameContent(base, { ...base, responseId: '99' })).toBe(true)
  })

  it.each([
    ['respondentUnitId', null],
    ['ratedUnitId', 3],
    ['accuracy', 5],
    ['loyalty', null],
    ['comment', null],
    ['comment', '𠮷野家的订餐系统能否接入'],
    ['submittedAt', '2026-04-25T01:45:36.000Z'],
  ] as const)('changes with %s', (field, value) => {
    const other = { ...base, [field]: value }
    expect(rowFingerprint(other)).not.toBe(rowFingerprint(base))
    expect(sameContent(base, other)).toBe(false)
  })

  it('tells null from an empty or zero value', () => {
    expect(rowFingerprint({ ...base, comment: null })).not.toBe(rowFingerprint({ ...base, comment: '' }))
  })

  // rowFingerprint writes the JSON out by hand (numbers from a table, the time quoted without
  // JSON.stringify when nothing needs escaping): it must stay JSON.stringify's text for any value.
  it.each([
    ['large unit ids', { respondentUnitId: 123_456, ratedUnitId: 10_000 }],
    ['the largest small number', { ratedUnitId: 9999 }],
    ['quotes, backslashes and line breaks', { comment: '说"好"\\不\n好\t', submittedAt: 'a"b\\c\u0001' }],
    ['a lone surrogate', { comment: '\ud842', submittedAt: '2026\udfb7' }],
    ['nulls everywhere', { respondentUnitId: null, accuracy: null, timeliness: null, comment: null, submittedAt: null }],
  ] as const)('is the sha256 of JSON.stringify with %s', (_, change) => {
    const r = { ...base, ...change }
    const canonical = JSON.stringify(['icm.response.v1', r.respondentUnitId, r.ratedUnitId, r.accuracy, r.timeliness, r.completeness, r.professionalism, r.overall, r.loyalty, r.comment, r.submittedAt])
    expect(rowFingerprint(r)).toBe(createHash('sha256').update(canonical, 'utf8').digest('hex'))
  })
})

describe('isBlankRecord', () => {
  it.each([
    [['', '', ''], true],
    [[' ', '\t', ''], true],
    [[], true],
    [['', '1', ''], false],
  ])('%j → %s', (cells, blank) => {
    expect(isBlankRecord(cells)).toBe(blank)
  })
})
