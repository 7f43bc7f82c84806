import { UserError } from '../errors.js'
import { hasLookalikes, toSimplified, unifyLookalikes } from '../org/unit-names.js'
import { excerpt, quote, quoteList } from '../excerpt.js'
import { DIMENSION_FIELDS, SURVEY_FIELDS, type SurveyField } from './survey-fields.js'
import type { FileReading } from './file-reading.js'
import { fieldName, matchByKeywords, type AmbiguousField, type KeywordMatch } from './header-keywords.js'
import { isSurveyField, type MappingFile } from './mapping-file.js'
import { t } from '../i18n/catalog.js'
import { note, noteShown } from './survey-notes.js'

/**
 * Finding the survey fields among a CSV file's headers (DESIGN.md §5 "Survey CSV import"): by
 * header name in English or Chinese, simplified or traditional, after a survey platform's question
 * number, or by a mapping file given with `--map`.
 */

export { parseMappingFile, type MappingFile } from './mapping-file.js'

/** Which column feeds each field, 0-based. */
export type ColumnMap = Partial<Record<SurveyField, number>>


export interface HeaderMapping {
  /** 0-based column per field found; fields without a column are absent. */
  columns: ColumnMap
  /** Headers of the columns no field uses (IP, source, duration …), to list once; 'column N' when it has no header. */
  ignored: string[]
  /** Things the user should know but that do not stop the import (a missing optional column, look-alike characters). */
  warnings: string[]
  /** How the answers are read (date order, loyalty scale, answer forms): set by the importer after profiling the file. */
  reading?: FileReading
  /** Fields found by keywords in a freely worded header (a clear winner), for the summary. */
  matched?: KeywordMatch[]
  /** Fields with a tie or only a weak match: to ask on a terminal, else refuse (header-choices.ts). */
  ambiguous?: AmbiguousField[]
}

/**
 * Header names per field, in the form normalizeHeader gives (simplified, lower-case, single
 * spaces for spaces and underscores). Traditional forms come through normalisation (被評價部門 →
 * 被评价部门). Matching is exact here; a freely worded question is matched by keywords afterwards
 * (header-keywords.ts), and only when one header is clearly ahead. 腾讯问卷 exports 开始答题时间 and 结束答题时间: the end is the submission, so only
 * 结束答题时间 is submitted_at and the start time is ignored.
 */
export const HEADER_ALIASES: Readonly<Record<SurveyField, readonly string[]>> = {
  response_id: ['response id', 'responseid', 'id', 'no', 'no.', 'answer id', 'submission id', '序号', '编号', '答卷编号', '答卷序号', '答题序号', '问卷编号'],
  respondent_unit: [
    'respondent unit', 'respondent', 'respondent department', 'your department', 'rater', 'rater unit',
    '您所在的部门', '您所在部门', '你所在的部门', '所在部门', '评价部门', '填写部门', '填写人部门', '评价人部门', '评价人所在部门', '您的部门',
  ],
  rated_unit: [
    'rated unit', 'rated', 'rated department', 'department rated',
    '被评价部门', '被评部门', '被评价单位', '被评价的部门', '评价对象', '被评价对象', '被考评部门',
  ],
  accuracy: ['accuracy', '准确性', '准确度', '服务准确性'],
  timeliness: ['timeliness', '及时性', '及时度', '服务及时性'],
  completeness: ['completeness', '完整性', '完整度', '服务完整性'],
  professionalism: ['professionalism', '专业性', '专业度', '专业水平', '服务专业性'],
  overall: ['overall', 'overall satisfaction', 'satisfaction', '总体满意度', '整体满意度', '满意度', '综合满意度', '总体评价'],
  loyalty: ['loyalty', '忠诚度', '合作意愿', '继续合作意愿', '您是否愿意继续与该部门合作', '是否愿意继续合作'],
  comment: ['comment', 'comments', 'remark', 'remarks', 'suggestion', 'suggestions', '意见', '建议', '意见和建议', '意见与建议', '意见建议', '其他意见', '其他意见和建议', '备注', '留言'],
  submitted_at: [
    'submitted at', 'submitted', 'submission time', 'submit time', 'timestamp',
    '提交答卷时间', '提交时间', '结束答题时间', '答题结束时间', '完成时间', '填写时间',
  ],
}

let aliasIndex: ReadonlyMap<string, SurveyField> | undefined

/** Normalised alias → field, built on first use (normalising loads the OpenCC dictionary). */
function aliases(): ReadonlyMap<string, SurveyField> {
  if (aliasIndex) return aliasIndex
  const m = new Map<string, SurveyField>()
  for (const field of SURVEY_FIELDS) {
    for (const alias of [field, ...HEADER_ALIASES[field]]) {
      const key = normalizeHeader(alias)
      const other = m.get(key)
      if (other && other !== field) throw new Error(`header alias '${alias}' is listed for both ${other} and ${field}`)
      m.set(key, field)
    }
  }
  aliasIndex = m
  return m
}

/** Invisible characters Excel and platforms leave in headers: BOM, zero-width space/joiners, word joiner. */
const INVISIBLE = /[\uFEFF\u200B-\u200D\u2060]/gu

/**
 * A survey platform's question number: `3、` `3.` `3．` `3:` `3)` `Q3` `Q3.` `Q3:` `(3)` `（3）`
 * `[3]` `第3题`, read after NFKC (full-width forms are ASCII by then). A number directly followed
 * by another digit after its dot (`3.5 分制`) is not a question number.
 */
const QUESTION_NUMBER =
  /^(?:第\s*\d+\s*[题題]\s*[、.:)-]?|q\s*\d+\s*[、.:)-]?|\(\s*\d+\s*\)\s*[、.:-]?|\[\s*\d+\s*\]\s*[、.:-]?|\d+\s*[、.:)](?!\d))\s*/iu

/** A platform's annotation at the end of a question: (单选题) [必答] 【量表题】 … */
const QUESTION_KIND = /\s*[([【]\s*(?:单选题|多选题|填空题|量表题|矩阵量表题|矩阵单选题|评分题|下拉框|必答|必填|选填)\s*[)\]】]\s*$/u

/** Trailing marks: colon, required star, question mark (full-width forms are ASCII after NFKC). */
const TRAILING_MARKS = /[\s:*?]+$/u

/**
 * The comparison form of a header: BOM and zero-width characters removed, NFKC plus look-alike
 * radicals (项⽬ → 项目), trimmed, question number stripped (unless nothing would be left),
 * simplified Chinese, lower-case, underscores as spaces, runs of spaces as one, without a
 * leading `*` or trailing `:` `：` `*` `?` `？` or a (单选题)-style annotation.
 */
export function normalizeHeader(h: string): string {
  let s = unifyLookalikes(h.replace(INVISIBLE, '')).trim()
  const stripped = s.replace(QUESTION_NUMBER, '')
  if (stripped.trim() !== '') s = stripped
  s = toSimplified(s).toLowerCase().replace(/_/g, ' ').replace(/\s+/gu, ' ')
  s = s.replace(QUESTION_KIND, '').replace(TRAILING_MARKS, '').replace(/^[\s*]+/u, '')
  return s.trim()
}

/** The field a header names through the alias table, if any. */
export function fieldForHeader(h: string): SurveyField | undefined {
  return aliases().get(normalizeHeader(h))
}

/** A header as messages show it: without BOM and outer spaces, or 'column N' when empty. */
export function displayHeader(headers: readonly string[], column: number): string {
  const text = (headers[column] ?? '').replace(INVISIBLE, '').trim()
  return text === '' ? `column ${column + 1}` : text
}

/**
 * The columns a header really has: its cells up to the last one that is not blank (invisible
 * characters count as blank). Excel and 腾讯问卷 end every line with empty columns (`a,b,c,,`):
 * those are not columns a row must fill.
 */
export function headerWidth(headers: readonly string[]): number {
  let width = headers.length
  while (width > 0 && (headers[width - 1] ?? '').replace(INVISIBLE, '').trim() === '') width--
  return width
}

/** Which column feeds which field (1-based, with its header), in field order: what `--show-mapping` prints. */
export function mappedColumns(headers: readonly string[], mapping: HeaderMapping): { field: SurveyField; column: number; header: string }[] {
  return SURVEY_FIELDS.filter((f) => mapping.columns[f] !== undefined).map((f) => {
    const column = mapping.columns[f]!
    return { field: f, column: column + 1, header: displayHeader(headers, column) }
  })
}

const mapHint = () => t('surveyImport.map.hint', { example: '{"rated_unit": "被评价部门", "overall": 7}' })

/**
 * Which column feeds which field (0-based). `map` entries win over the alias table. Trailing
 * columns without a header (腾讯问卷's trailing comma) are dropped silently; other columns
 * without a header are listed in `ignored`. Throws UserError when two columns would feed one
 * field (naming both), when the map names a header or column that does not exist or gives one
 * column to two fields, or when rated_unit or every one of the five score columns is missing
 * (listing the headers seen).
 */
export function mapHeaders(headers: readonly string[], map?: MappingFile, opts?: { wide?: ReadonlySet<number> }): HeaderMapping {
  // The wide layout (wide-layout.ts) owns the columns naming a unit; the others give the fields a respondent row shares.
  const wide = opts?.wide
  const shared = (f: SurveyField) => !wide || WIDE_SHARED_FIELDS.includes(f)
  const width = headerWidth(headers)
  const norm = headers.slice(0, width).map(normalizeHeader)

  const columns: ColumnMap = {}
  const owner = new Map<number, SurveyField>()
  const mapped = new Set<SurveyField>()

  for (const [key, ref] of Object.entries(map?.columns ?? {})) {
    if (!isSurveyField(key)) {
      throw new UserError(t('surveyImport.map.notField', { key: quote(key) }), t('surveyImport.map.notField.hint', { fields: SURVEY_FIELDS.join(', ') }))
    }
    if (ref === undefined) continue
    const col = mapColumn(headers, norm, key, ref)
    const taken = owner.get(col)
    if (taken) {
      throw new UserError(
        t('surveyImport.map.columnTwice', { column: col + 1, header: excerpt(displayHeader(headers, col)), a: taken, b: key }),
        t('surveyImport.map.columnTwice.hint'),
      )
    }
    columns[key] = col
    owner.set(col, key)
    mapped.add(key)
  }

  for (let i = 0; i < width; i++) {
    if (owner.has(i) || wide?.has(i)) continue
    const field = aliases().get(norm[i]!)
    if (!field || mapped.has(field) || !shared(field)) continue
    const prev = columns[field]
    if (prev !== undefined) {
      const a = displayHeader(headers, prev)
      const b = displayHeader(headers, i)
      const what = a === b ? t('surveyImport.map.headerTwice', { header: quote(a) }) : t('surveyImport.map.headersSame', { a: quote(a), b: quote(b), field })
      throw new UserError(
        t('surveyImport.map.ambiguousField', { what, a: prev + 1, b: i + 1, field }),
        t('surveyImport.map.ambiguousField.hint', { field, example: `{"${field}": ${prev + 1}}` }),
      )
    }
    columns[field] = i
    owner.set(i, field)
  }

  // Freely worded questions: keywords, for the fields neither the map nor an alias found.
  const open = SURVEY_FIELDS.filter((f) => f !== 'response_id' && columns[f] === undefined && !mapped.has(f) && shared(f))
  const { matched, ambiguous } = matchByKeywords(norm, new Set([...owner.keys(), ...(wide ?? [])]), open, new Set<SurveyField>(wide ? [] : ['rated_unit']))
  for (const m of matched) {
    columns[m.field] = m.column
    owner.set(m.column, m.field)
  }
  const pending = new Set(ambiguous.map((a) => a.field))

  const missing: string[] = []
  const noScoreColumn = !wide && DIMENSION_FIELDS.every((f) => columns[f] === undefined && !pending.has(f))
  // An undecided rated unit is asked about, unless the file cannot be imported anyway.
  if (!wide && columns.rated_unit === undefined && (noScoreColumn || !pending.has('rated_unit'))) missing.push(t('surveyImport.map.missingRated'))
  if (noScoreColumn) missing.push(t('surveyImport.map.missingScore', { fields: DIMENSION_FIELDS.join(', ') }))
  if (missing.length > 0) {
    const seen = headers.slice(0, width).map((_, i) => displayHeader(headers, i))
    throw new UserError(
      t('surveyImport.map.missing', { what: missing.join(t('surveyImport.and')), headers: quoteList(seen, 60) || t('survey.mapping.none') }),
      mapHint(),
    )
  }

  const ignored: string[] = []
  for (let i = 0; i < width; i++) if (!owner.has(i) && !wide?.has(i)) ignored.push(displayHeader(headers, i))

  const warnings: string[] = []
  for (let i = 0; i < width; i++) {
    const raw = headers[i] ?? ''
    if (hasLookalikes(raw)) {
      warnings.push(note('surveyImport.note.lookalikes', { header: quote(displayHeader(headers, i)), read: quote(unifyLookalikes(raw.replace(INVISIBLE, '')).trim()) }))
    }
  }
  if (columns.response_id === undefined) {
    warnings.push(note('surveyImport.note.noId'))
  }
  if (columns.respondent_unit === undefined && !pending.has('respondent_unit')) {
    warnings.push(note('surveyImport.note.noRespondent'))
  }
  const noScore = DIMENSION_FIELDS.filter((f) => columns[f] === undefined)
  if (noScore.length > 0 && !wide) warnings.push(noteShown('surveyImport.note.noScoreColumns', { fields: noScore.join(', ') }, { fields: noScore.map(fieldName).join('、') }))
  if (columns.submitted_at === undefined) warnings.push(note('surveyImport.note.noSubmitted'))

  return { columns, ignored, warnings, ...(matched.length > 0 ? { matched } : {}), ...(ambiguous.length > 0 ? { ambiguous } : {}) }
}

function mapColumn(headers: readonly string[], norm: readonly string[], field: SurveyField, ref: string | number): number {
  if (typeof ref === 'number') {
    if (!Number.isInteger(ref) || ref < 1 || ref > headers.length) {
      throw new UserError(
        t('surveyImport.map.noSuchColumn', { field, column: ref, n: headers.length }),
        t('surveyImport.map.noSuchColumn.hint'),
      )
    }
    return ref - 1
  }
  const want = normalizeHeader(ref)
  const hits: number[] = []
  norm.forEach((h, i) => {
    if (h === want && want !== '') hits.push(i)
  })
  if (hits.length === 0) {
    const seen = quoteList(norm.map((_, i) => displayHeader(headers, i)))
    throw new UserError(t('surveyImport.map.noSuchHeader', { field, ref: quote(ref), headers: seen }), t('surveyImport.map.noSuchHeader.hint'))
  }
  if (hits.length > 1) {
    throw new UserError(
      t('surveyImport.map.headerTwiceRef', { field, ref: quote(ref), columns: hits.map((i) => i + 1).join(t('surveyImport.and')) }),
      t('surveyImport.map.headerTwiceRef.hint', { example: `{"${field}": ${hits[0]! + 1}}` }),
    )
  }
  return hits[0]!
}

/** The fields every response of a wide row shares: the row's own, not a unit's. */
const WIDE_SHARED_FIELDS: readonly SurveyField[] = ['response_id', 'respondent_unit', 'comment', 'submitted_at']
