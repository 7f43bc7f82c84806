import { readFileSync } from 'node:fs'
import { parse } from 'csv-parse/sync'
import { describe, expect, it } from 'vitest'
import { detectDelimiter } from '../../src/domain/surveys/csv-dialect.js'
import { UserError } from '../../src/domain/errors.js'
import {
  HEADER_ALIASES,
  fieldForHeader,
  mapHeaders,
  normalizeHeader,
  parseMappingFile,
  type ColumnMap,
  type MappingFile,
} from '../../src/domain/surveys/header-aliases.js'
import { SURVEY_FIELDS } from '../../src/domain/surveys/survey-fields.js'
import { createStrictDecoder, detectEncoding } from '../../src/domain/surveys/text-encoding.js'

/** The header record of a sample export, read as the importer will: detect, decode, parse. */
function headerOf(file: string): string[] {
  const bytes = new Uint8Array(readFileSync(new URL(`../fixtures/surveys/${file}`, import.meta.url)))
  const text = createStrictDecoder(detectEncoding(bytes, true).encoding).decode(bytes)
  const [header] = parse(text, { delimiter: detectDelimiter(text.slice(0, 4000)), to_line: 1 }) as string[][]
  return header!
}

function userError(fn: () => unknown): UserError {
  try {
    fn()
  } catch (e) {
    expect(e).toBeInstanceOf(UserError)
    return e as UserError
  }
  throw new Error('expected a UserError')
}

const mapping = (columns: MappingFile['columns']): MappingFile => ({ columns, labels: {} })

describe('normalizeHeader', () => {
  it.each([
    ['\uFEFF编号', '编号'],
    ['  编号  ', '编号'],
    ['3、准确性', '准确性'],
    ['3.准确性', '准确性'],
    ['3．准确性', '准确性'],
    ['３、准确性', '准确性'],
    ['Q3', 'q3'], // nothing would be left: the number is the header
    ['Q3 准确性', '准确性'],
    ['Q3.准确性', '准确性'],
    ['Q3:准确性', '准确性'],
    ['q12、总体满意度', '总体满意度'],
    ['(3)准确性', '准确性'],
    ['（3）准确性', '准确性'],
    ['第3题 准确性', '准确性'],
    ['第3題 準確性', '准确性'],
    ['被評價部門', '被评价部门'],
    ['2.被評價部門：', '被评价部门'],
    ['您所在的部门：', '您所在的部门'],
    ['总体满意度*', '总体满意度'],
    ['*总体满意度', '总体满意度'],
    ['满意度？', '满意度'],
    ['Rated_Unit', 'rated unit'],
    ['  Rated   Unit ', 'rated unit'],
    ['RATED UNIT:', 'rated unit'],
    ['项⽬', '项目'], // ⽬ U+2F6C KANGXI RADICAL EYE
    ['意⻅', '意见'], // ⻅ U+2EC5 CJK RADICAL C-SIMPLIFIED SEE: NFKC alone leaves it
    ['7、总体满意度(单选题)', '总体满意度'],
    ['3.5分制评分', '3.5分制评分'], // a decimal, not a question number
    ['2026年度', '2026年度'],
    ['', ''],
  ])('%j → %j', (raw, normalised) => {
    expect(normalizeHeader(raw)).toBe(normalised)
  })
})

describe('fieldForHeader', () => {
  it.each([
    ['rated_unit', 'rated_unit'],
    ['Rated Unit', 'rated_unit'],
    ['被评价部门', 'rated_unit'],
    ['被評價部門', 'rated_unit'],
    ['2、被评价部门', 'rated_unit'],
    ['評價部門', 'respondent_unit'],
    ['序號', 'response_id'],
    ['ID', 'response_id'],
    ['意⻅', 'comment'],
    ['意見', 'comment'],
    ['總體滿意度', 'overall'],
    ['8、您是否愿意继续与该部门合作', 'loyalty'],
    ['提交答卷时间', 'submitted_at'],
    ['结束答题时间', 'submitted_at'],
    ['開始答題時間', undefined], // the start of answering is not the submission
    ['来自IP', undefined],
    ['答题时长', undefined],
  ])('%j → %s', (header, field) => {
    expect(fieldForHeader(header)).toBe(field)
  })

  it('lists no alias under two fields, and every field under its own name', () => {
    for (const f of SURVEY_FIELDS) {
      expect(fieldForHeader(f)).toBe(f)
      for (const alias of HEADER_ALIASES[f]) expect([alias, fieldForHeader(alias)]).toEqual([alias, f])
    }
  })
})

describe('mapHeaders on the sample exports', () => {
  const cases: [file: string, columns: ColumnMap, ignored: string[], warnings: string[]][] = [
    [
      'service-basic.csv',
      {
        response_id: 0,
        respondent_unit: 1,
        rated_unit: 2,
        accuracy: 3,
        timeliness: 4,
        completeness: 5,
        professionalism: 6,
        overall: 7,
        loyalty: 8,
        comment: 9,
        submitted_at: 10,
      },
      [],
      [],
    ],
    [
      'bad-rows.csv',
      {
        response_id: 0,
        respondent_unit: 1,
        rated_unit: 2,
        accuracy: 3,
        timeliness: 4,
        completeness: 5,
        professionalism: 6,
        overall: 7,
        comment: 8,
      },
      [],
      ['no submitted time column: responses are stored without it'],
    ],
    [
      // 腾讯问卷: BOM before 编号, start and end time, a trailing comma after the last header.
      'tencent-utf8-bom.csv',
      {
        response_id: 0, // 编号
        submitted_at: 2, // 结束答题时间
        respondent_unit: 8, // 1.您所在的部门
        rated_unit: 9, // 2.被评价部门
        accuracy: 10,
        timeliness: 11,
        completeness: 12,
        professionalism: 13,
        overall: 14, // 7.总体满意度
        comment: 15, // 8.意见和建议
      },
      ['开始答题时间', '答题时长', '地理位置国家和地区', '地理位置省', '地理位置市', '自定义字段'],
      [],
    ],
    [
      // 问卷星: 序号, 提交答卷时间, platform columns, numbered questions with 、.
      'wjx-gb18030.csv',
      {
        response_id: 0, // 序号
        submitted_at: 1, // 提交答卷时间
        respondent_unit: 6, // 1、您所在的部门
        rated_unit: 7, // 2、被评价部门
        accuracy: 8,
        timeliness: 9,
        completeness: 10,
        professionalism: 11,
        overall: 12,
        loyalty: 13, // 8、您是否愿意继续与该部门合作
        comment: 14, // 9、意见和建议
      },
      ['所用时间', '来源', '来源详情', '来自IP'],
      [],
    ],
    [
      // Traditional Chinese, UTF-16LE, tab-separated.
      'traditional-utf16le.txt',
      {
        response_id: 0, // 編號
        respondent_unit: 1, // 評價部門
        rated_unit: 2, // 被評價部門
        accuracy: 3, // 準確性
        timeliness: 4, // 及時性
        completeness: 5, // 完整性
        professionalism: 6, // 專業性
        overall: 7, // 總體滿意度
        comment: 8, // 意見
      },
      [],
      ['no submitted time column: responses are stored without it'],
    ],
  ]

  it.each(cases)('%s', (file, columns, ignored, warnings) => {
    expect(mapHeaders(headerOf(file))).toEqual({ columns, ignored, warnings })
  })

  it('keeps 腾讯问卷\'s trailing empty header out of ignored', () => {
    const header = headerOf('tencent-utf8-bom.csv')
    expect(header).toHaveLength(17)
    expect(header[16]).toBe('')
    expect(mapHeaders(header).ignored).not.toContain('column 17')
  })
})

describe('mapHeaders', () => {
  const basic = ['ID', '被评价部门', '总体满意度']

  it('lists an empty header in the middle as ignored, and drops trailing ones silently', () => {
    expect(mapHeaders(['ID', '', '被评价部门', '总体满意度', '', ' '])).toMatchObject({
      columns: { response_id: 0, rated_unit: 2, overall: 3 },
      ignored: ['column 2'],
    })
  })

  it('warns about missing optional columns', () => {
    expect(mapHeaders(['被评价部门', '准确性']).warnings).toEqual([
      'no response id column: a row imported before is recognised by its content',
      "no respondent unit column: responses are stored without the respondent's unit",
      'no column for timeliness, completeness, professionalism, overall: those scores stay empty',
      'no submitted time column: responses are stored without it',
    ])
  })

  it('reads look-alike radicals and says so', () => {
    const m = mapHeaders(['编号', '被评价部门', '总体满意度', '意⻅', '项⽬'])
    expect(m.columns.comment).toBe(3)
    expect(m.ignored).toEqual(['项⽬'])
    expect(m.warnings).toContain("header '意⻅' has look-alike radical characters; read as '意见'")
    expect(m.warnings).toContain("header '项⽬' has look-alike radical characters; read as '项目'")
  })

  it('refuses a duplicate header that would feed one field twice, naming both columns and --map', () => {
    const e = userError(() => mapHeaders(['序号', '被评价部门', '总体满意度', '被评价部门']))
    expect(e.message).toBe("header '被评价部门' appears twice (columns 2 and 4), so rated_unit is ambiguous")
    expect(e.hint).toContain('--map')
  })

  it('refuses two different headers meaning one field', () => {
    const e = userError(() => mapHeaders(['被评价部门', '总体满意度', '提交时间', '结束答题时间']))
    expect(e.message).toBe(
      "headers '提交时间' and '结束答题时间' both mean submitted_at (columns 3 and 4), so submitted_at is ambiguous",
    )
    expect(e.hint).toBe('say which one feeds submitted_at with --map FILE.json, e.g. {"submitted_at": 3}')
  })

  it('lets --map settle a duplicate: the other column is ignored', () => {
    const m = mapHeaders(['被评价部门', '总体满意度', '提交时间', '结束答题时间'], mapping({ submitted_at: 4 }))
    expect(m.columns).toEqual({ rated_unit: 0, overall: 1, submitted_at: 3 })
    expect(m.ignored).toEqual(['提交时间'])
  })

  it('lets a duplicate header that feeds no field pass, ignored twice', () => {
    expect(mapHeaders([...basic, '来源', '来源']).ignored).toEqual(['来源', '来源'])
  })

  it('follows the DESIGN.md mapping example: header texts and a 1-based column number win over aliases', () => {
    const headers = ['ID', 'Timestamp', 'Which department are you rating?', ...Array.from({ length: 9 }, (_, i) => `Q${i + 2}`), 'Overall, how satisfied?']
    const map = parseMappingFile('{"response_id": "ID", "rated_unit": "Which department are you rating?", "overall": 13, "labels": {"Neutral": 3}}')
    expect(mapHeaders(headers, map).columns).toEqual({ response_id: 0, submitted_at: 1, rated_unit: 2, overall: 12 })
  })

  it('compares map header texts after normalisation', () => {
    const m = mapHeaders(['No.', '3、被評價部門：', 'Score'], mapping({ rated_unit: '被评价部门', overall: 'score' }))
    expect(m.columns).toEqual({ response_id: 0, rated_unit: 1, overall: 2 })
  })

  it('moves an alias column aside when the map gives its field another column', () => {
    const m = mapHeaders(['被评价部门', '总体满意度', '我的评分'], mapping({ overall: '我的评分' }))
    expect(m.columns).toEqual({ rated_unit: 0, overall: 2 })
    expect(m.ignored).toEqual(['总体满意度'])
  })

  it.each([
    [mapping({ overall: 'Overall rating' }), /--map: overall is 'Overall rating', but no column has that header \(headers: 'ID', '被评价部门', '总体满意度'\)/],
    [mapping({ overall: 4 }), /--map: overall is column 4, but the file has 3 columns/],
    [mapping({ overall: 0 }), /--map: overall is column 0/],
    [mapping({ overall: 3, accuracy: 3 }), /--map gives column 3 \(总体满意度\) to both overall and accuracy/],
    [{ columns: { rating: 3 } as unknown as MappingFile['columns'], labels: {} }, /--map: 'rating' is not a survey field/],
  ])('refuses a bad map %#', (map, message) => {
    expect(userError(() => mapHeaders(basic, map)).message).toMatch(message)
  })

  it('refuses a map header text that heads two columns', () => {
    const e = userError(() => mapHeaders(['评分', '被评价部门', '评分'], mapping({ overall: '评分' })))
    expect(e.message).toBe("--map: overall is '评分', which heads columns 1 and 3")
    expect(e.hint).toBe('give the column number instead, e.g. {"overall": 1}')
  })

  it('needs the rated unit and at least one of the five scores, listing the headers it saw', () => {
    const e = userError(() => mapHeaders(['序号', '部门', '评分', '您是否愿意继续与该部门合作']))
    expect(e.message).toBe(
      "cannot find the column for rated_unit (被评价部门) and at least one score (accuracy, timeliness, completeness, professionalism, overall) among the headers '序号', '部门', '评分', '您是否愿意继续与该部门合作'",
    )
    expect(e.hint).toContain('--map')
    expect(userError(() => mapHeaders(['被评价部门', 'loyalty'])).message).toMatch(/at least one score/)
    expect(userError(() => mapHeaders(['总体满意度'])).message).toMatch(/rated_unit/)
    expect(userError(() => mapHeaders([])).message).toMatch(/among the headers \(none\)/)
  })
})

describe('parseMappingFile', () => {
  it('reads fields as header texts or 1-based columns, and labels', () => {
    expect(parseMappingFile('\uFEFF{"response_id": "ID", "overall": 13, "labels": {"Neutral": 3, "Good": 4}}')).toEqual({
      columns: { response_id: 'ID', overall: 13 },
      labels: { Neutral: 3, Good: 4 },
    })
    expect(parseMappingFile('{}')).toEqual({ columns: {}, labels: {} })
  })

  it('reads "id_prefix": a short tag without spaces (full-width forms folded), else says what one is', () => {
    expect(parseMappingFile('{"id_prefix": "B-"}')).toEqual({ columns: {}, labels: {}, idPrefix: 'B-' })
    expect(parseMappingFile('{"id_prefix": " 二部- "}').idPrefix).toBe('二部-')
    expect(parseMappingFile('{"id_prefix": "Ｂ－"}').idPrefix).toBe('B-')
    expect(userError(() => parseMappingFile('{"id_prefix": "B 2"}')).message).toBe("the mapping file's id_prefix: 'B 2' is not an id prefix (1 to 20 letters, digits or - _ . : /, not ending in a digit)")
    expect(userError(() => parseMappingFile('{"id_prefix": ""}')).message).toBe("the mapping file's id_prefix: '' is not an id prefix (1 to 20 letters, digits or - _ . : /, not ending in a digit)")
    expect(userError(() => parseMappingFile('{"id_prefix": 2}')).message).toBe("the mapping file's id_prefix: 2 is not an id prefix (1 to 20 letters, digits or - _ . : /, not ending in a digit)")
    expect(userError(() => parseMappingFile(`{"id_prefix": "${'x'.repeat(21)}"}`)).message).toMatch(/is not an id prefix/)
    expect(parseMappingFile(`{"id_prefix": "${'x'.repeat(20)}"}`).idPrefix).toBe('x'.repeat(20))
    // a digit last would run into the id: 2 before 1 reads as 21, another questionnaire's id
    expect(userError(() => parseMappingFile('{"id_prefix": "B2"}')).message).toMatch(/'B2' is not an id prefix/)
    expect(userError(() => parseMappingFile('{"id_prefix": "２"}')).message).toMatch(/is not an id prefix/)
    expect(parseMappingFile('{"id_prefix": "2024-"}').idPrefix).toBe('2024-')
    expect(parseMappingFile('{"id_prefix": "二部/Q2:"}').idPrefix).toBe('二部/Q2:')
    // nothing a shell reads otherwise: the --force hint repeats the prefix to paste
    for (const bad of ['B&', 'B;', "B'", 'B$', '#B', 'B*']) expect(userError(() => parseMappingFile(JSON.stringify({ id_prefix: bad }))).message).toMatch(/is not an id prefix/)
    // the hint says how to give one in the map
    expect(userError(() => parseMappingFile('{"id_prefix": "B2"}')).hint).toBe('give a short tag for the questionnaire, e.g. "id_prefix": "B-" (ids become B-1, B-2, …)')
  })

  it('says where invalid JSON goes wrong: line, column and the text there', () => {
    // Node says "Expected double-quoted property name in JSON at position 15": line 1, column 16
    expect(userError(() => parseMappingFile('{"overall": 13,}')).message).toBe("the mapping file is not valid JSON at line 1, column 16 ('}')")
    // a line break before it counts: position 17 is line 2, column 4
    expect(userError(() => parseMappingFile('{"overall": 13,\n  rated_unit: 2}')).message).toBe("the mapping file is not valid JSON at line 2, column 3 ('rated_unit: 2}')")
    // Node says "… in JSON at position 14", the end of the text
    expect(userError(() => parseMappingFile('{"overall": 13')).message).toBe('the mapping file is not valid JSON at line 1, column 15 (the end of the file)')
    // a text in single quotes: Node names the token, not a position
    expect(userError(() => parseMappingFile(`{"overall": 'x'}`)).message).toBe("the mapping file is not valid JSON: ''' does not belong there (texts go in double quotes)")
  })

  it.each([
    ['[1, 2]', 'the mapping file must hold a JSON object'],
    ['null', 'the mapping file must hold a JSON object'],
    ['{"rating": 3}', "the mapping file names 'rating', which is not a survey field"],
    ['{"overall": ""}', 'the mapping file gives overall as "": expected a header text or a column number from 1'],
    ['{"overall": 0}', 'the mapping file gives overall as 0: expected a header text or a column number from 1'],
    ['{"overall": 2.5}', 'the mapping file gives overall as 2.5: expected a header text or a column number from 1'],
    ['{"overall": true}', 'the mapping file gives overall as true: expected a header text or a column number from 1'],
    ['{"labels": ["Neutral"]}', 'the mapping file\'s "labels" must be an object of label → score'],
    ['{"labels": {"Great": 6}}', "the mapping file gives label 'Great' the score 6: scores are whole numbers 1–5"],
    ['{"labels": {"Awful": 0}}', "the mapping file gives label 'Awful' the score 0: scores are whole numbers 1–5"],
    ['{"labels": {"OK": "3"}}', 'the mapping file gives label \'OK\' the score "3": scores are whole numbers 1–5'],
    ['{"labels": {"": 3}}', 'the mapping file has an empty label'],
  ])('%s → %s', (json, message) => {
    expect(userError(() => parseMappingFile(json)).message).toBe(message)
  })
})
