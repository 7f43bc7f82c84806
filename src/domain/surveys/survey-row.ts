import crypto from 'node:crypto'
import { parseInstant } from '../calendar/dates.js'
import { displayHeader, type ColumnMap } from './header-aliases.js'
import { DIMENSION_FIELDS, SCORE_FIELDS, type ScoreValues, type SurveyField } from './survey-fields.js'
import { foldLabel, numberInAnswer, parseLoyaltyOfTen, parseScore } from './score-labels.js'
import { parseWrittenDateTime, yearLastParts, type DateOrder } from './written-dates.js'
import type { UnitResolver } from '../org/unit-names.js'
import { excerpt, quote } from '../excerpt.js'
import { t } from '../i18n/catalog.js'

/**
 * One survey CSV record → a canonical response or the reason it is rejected (DESIGN.md §5
 * "Survey CSV import"). Pure: the importer parses the CSV, resolves nothing itself and decides
 * what a rejection means (fail the import, or write it to --rejects).
 */

/** A response as stored: unit ids, scores 1–5 or null (ScoreValues), submitted time as ISO UTC. */
export interface CanonicalResponse extends ScoreValues {
  /** The export's own response id (序号, 编号, ID …), trimmed; null when the file has none. */
  responseId: string | null
  respondentUnitId: number | null
  ratedUnitId: number
  /** Trimmed, line breaks as \n; null when empty or a platform's skipped marker. */
  comment: string | null
  /** `Date.prototype.toISOString()` form, e.g. '2026-04-25T01:45:35.000Z'. */
  submittedAt: string | null
}

export interface SurveyRowContext {
  /** 0-based column per field, from mapHeaders. */
  columns: ColumnMap
  /** From createUnitResolver over the units of the database. */
  resolveUnit: UnitResolver
  /** Extra score labels from the mapping file. */
  labels?: Record<string, number>
  /** The file's header row, so reasons name columns as the file does; without it they use field names. */
  headers?: readonly string[]
  /** How dates with the year last are read (decided per column before the import, or given). */
  dateOrder?: DateOrder
  /** 10: the loyalty column is on a 0–10 scale, read as 1 + 4 × v / 10 (parseLoyaltyOfTen). */
  loyaltyScale?: 5 | 10
  /** Put before each response id (id-prefix.ts). */
  idPrefix?: string
  /** The file's createSubmittedAtReader, when validators share one (a wide row's units share its time). */
  readTime?: (text: string) => string | undefined
}

export type SurveyRowResult = { ok: true; row: CanonicalResponse } | { ok: false; reason: string }

/** A platform's marker for a skipped open question, as a whole comment. */
const SKIPPED_COMMENT = /^[(（]\s*跳[过過]\s*[)）]$/u

/**
 * The canonical response of one record, or why it is rejected. Rules: the rated unit is
 * required and must resolve; the respondent unit is optional but, when given, must resolve and
 * differ from the rated unit; at least one of the five dimension scores is present and every
 * present score (loyalty too) is valid; submitted_at is ISO 8601 or a platform's local
 * 'YYYY/M/D H:mm:ss' / 'YYYY-M-D H:mm:ss'. Every problem of the row is listed, '; ' apart, each
 * naming the column's header and the value. Cells beyond the end of a short record are empty.
 *
 * Not checked here (the importer's job): blank records (see isBlankRecord), unbalanced quotes and
 * other CSV syntax, and conflicts between rows (the same response id with different content).
 */
export function validateSurveyRow(cells: readonly string[], ctx: SurveyRowContext): SurveyRowResult {
  return compileSurveyRowValidator(ctx)(cells)
}

/**
 * validateSurveyRow with the column lookups, header names and time parsing prepared once for a
 * file: the importer calls the returned function for every record (a million in a large import).
 */
export function compileSurveyRowValidator(ctx: SurveyRowContext): (cells: readonly string[]) => SurveyRowResult {
  const col = (f: SurveyField): number => ctx.columns[f] ?? -1
  const header = (f: SurveyField): string => {
    const i = ctx.columns[f]
    return ctx.headers && i !== undefined ? excerpt(displayHeader(ctx.headers, i)) : f
  }
  const iRated = col('rated_unit')
  const iRespondent = col('respondent_unit')
  const iId = col('response_id')
  const iComment = col('comment')
  const iSubmitted = col('submitted_at')
  const scoreColumns = SCORE_FIELDS.map(col)
  const scoreHeaders = SCORE_FIELDS.map(header)
  const ratedHeader = header('rated_unit')
  const respondentHeader = header('respondent_unit')
  const submittedHeader = header('submitted_at')
  const present = DIMENSION_FIELDS.filter((f) => ctx.columns[f] !== undefined)
  const noScore = t('surveyImport.row.noScore', { columns: present.length > 0 ? present.map(header).join(', ') : DIMENSION_FIELDS.join(', ') })
  const labels = ctx.labels
  const resolveUnit = ctx.resolveUnit
  const readTime = ctx.readTime ?? createSubmittedAtReader(ctx.dateOrder)
  const loyaltyOfTen = ctx.loyaltyScale === 10
  const idPrefix = ctx.idPrefix ?? ''
  const scores: (number | null)[] = [null, null, null, null, null, null]

  return (cells) => {
    const cell = (i: number): string => (i < 0 ? '' : (cells[i] ?? '').trim())
    let problems: string[] | undefined

    const ratedText = cell(iRated)
    let ratedUnitId: number | null = null
    if (ratedText === '') {
      ;(problems ??= []).push(t('surveyImport.row.ratedEmpty', { header: ratedHeader }))
    } else {
      const r = resolveUnit(ratedText)
      if (r.ok) ratedUnitId = r.id
      else (problems ??= []).push(`${ratedHeader}: ${unitProblem(ratedText, r.reason)}`)
    }

    const respondentText = cell(iRespondent)
    let respondentUnitId: number | null = null
    if (respondentText !== '') {
      const r = resolveUnit(respondentText)
      if (!r.ok) (problems ??= []).push(`${respondentHeader}: ${unitProblem(respondentText, r.reason)}`)
      else if (r.id === ratedUnitId) {
        ;(problems ??= []).push(
          t('surveyImport.row.ratesOwnUnit', { respondentHeader, ratedHeader, respondent: quote(respondentText), rated: quote(ratedText) }),
        )
      } else respondentUnitId = r.id
    }

    let invalidScore = false
    let anyDimension = false
    for (let k = 0; k < 6; k++) {
      const s = k === 5 && loyaltyOfTen ? parseLoyaltyOfTen(cell(scoreColumns[k]!)) : parseScore(cell(scoreColumns[k]!), labels)
      if (s.kind === 'score') {
        scores[k] = s.value
        if (k < 5) anyDimension = true
      } else {
        scores[k] = null
        if (s.kind === 'invalid') {
          invalidScore = true
          ;(problems ??= []).push(`${scoreHeaders[k]}: ${s.reason}${k === 5 && !loyaltyOfTen && outOfRange(cell(scoreColumns[k]!)) ? t('surveyImport.row.loyaltyOfTen') : ''}`)
        }
      }
    }
    if (!invalidScore && !anyDimension) (problems ??= []).push(noScore)

    const submittedText = cell(iSubmitted)
    let submittedAt: string | null = null
    if (submittedText !== '') {
      const at = readTime(submittedText)
      if (at !== undefined) submittedAt = at
      else {
        ;(problems ??= []).push(t('surveyImport.row.notDateTime', { header: submittedHeader, text: quote(submittedText), hint: timeHint(submittedText, ctx.dateOrder) }))
      }
    }

    if (problems !== undefined || ratedUnitId === null) return { ok: false, reason: (problems ?? []).join('; ') }

    const responseId = cell(iId)
    return {
      ok: true,
      row: {
        responseId: responseId === '' ? null : idPrefix + responseId,
        respondentUnitId,
        ratedUnitId,
        accuracy: scores[0]!,
        timeliness: scores[1]!,
        completeness: scores[2]!,
        professionalism: scores[3]!,
        overall: scores[4]!,
        loyalty: scores[5]!,
        comment: normalizeComment(cell(iComment)),
        submittedAt,
      },
    }
  }
}

/** True when every cell is empty or blank, like the `,,,,` lines Excel leaves at the end: skip them, do not reject. */
export function isBlankRecord(cells: readonly string[]): boolean {
  return cells.every((c) => c.trim() === '')
}

/**
 * A platform's submission time: ISO 8601 (with or without offset; without is local time, as
 * parseInstant reads it) or 'YYYY/M/D H:mm[:ss]', 'YYYY-M-D H:mm[:ss]', 'YYYY.M.D', '2026年4月25日
 * 9:45' in local time. Undefined when it is none of those or no such day or time.
 */
export function parseSubmittedAt(text: string): Date | undefined {
  const t = text.trim()
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:(?:\s+|T)(\d{1,2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?)?$/u.exec(t)
  const iso = m
    ? `${m[1]}-${pad2(m[2]!)}-${pad2(m[3]!)}` + (m[4] ? `T${pad2(m[4])}:${m[5]}:${m[6] ?? '00'}${m[7] ?? ''}` : '')
    : t
  try {
    return parseInstant(iso)
  } catch {
    return undefined
  }
}

/**
 * Reads the common shapes of a platform's time, local: '2026-04-25 09:45:35', '2026/4/25 9:45',
 * 'YYYY-MM-DDTHH:mm:ss' (as /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})[ T](\d{1,2}):(\d{2})(?::(\d{2}))?$/,
 * a character at a time: this runs for every row) into `parts` (year, month, day, hour, minute,
 * second, 0 when not written); false for any other shape.
 */
export function scanPlainLocalTime(text: string, parts: Int32Array): boolean {
  let at = digitsAt(text, 0, 4, parts, 0)
  if (at < 0 || !charAt(text, at, 0x2d, 0x2f)) return false // '-' or '/'
  at = digitsAt(text, at + 1, 1, parts, 1)
  if (at < 0 || !charAt(text, at, 0x2d, 0x2f)) return false
  at = digitsAt(text, at + 1, 1, parts, 2)
  if (at < 0 || !charAt(text, at, 0x20, 0x54)) return false // ' ' or 'T'
  at = digitsAt(text, at + 1, 1, parts, 3)
  if (at < 0 || !charAt(text, at, 0x3a, 0x3a)) return false // ':'
  at = digitsAt(text, at + 1, 2, parts, 4)
  if (at < 0) return false
  parts[5] = 0
  if (at === text.length) return true
  if (!charAt(text, at, 0x3a, 0x3a)) return false
  at = digitsAt(text, at + 1, 2, parts, 5)
  return at === text.length
}

/**
 * Reads ASCII digits from `at` into parts[k]: exactly 4 when `min` is 4, else `min` to 2; returns
 * the position after them, or -1 when there are too few (or a fifth digit after four).
 */
function digitsAt(text: string, at: number, min: number, parts: Int32Array, k: number): number {
  const max = min === 4 ? 4 : 2
  let v = 0
  let count = 0
  while (count < max && at < text.length) {
    const d = text.charCodeAt(at) - 48
    if (d < 0 || d > 9) break
    v = v * 10 + d
    at++
    count++
  }
  parts[k] = v
  return count >= min ? at : -1
}

function charAt(text: string, at: number, a: number, b: number): boolean {
  const c = text.charCodeAt(at)
  return c === a || c === b
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]

/** '00' … '59': the two digits of an hour, minute or second. */
const TWO_DIGITS = Array.from({ length: 60 }, (_, n) => String(n).padStart(2, '0'))
const MINUTES_PER_DAY = 1440

/** A calendar day's UTC offset (minutes, as getTimezoneOffset: UTC = local + offset) and its ISO dates the day before, of, after. */
interface LocalDay {
  offset: number
  dates: [string, string, string]
}

/**
 * parseSubmittedAt for a whole file, giving the time as toISOString() writes it
 * ('2026-04-25T01:45:35.000Z'). The common local 'date time' shapes are read without the
 * general parser or a Date: the UTC offset and the ISO dates of each calendar day are looked up
 * once, and the time is shifted by the offset in minutes (a day whose offset changes, a
 * daylight-saving day, or an offset of seconds, takes the general path). Same results as
 * parseSubmittedAt; a third of the import's time went to Date objects before.
 */
export function createSubmittedAtReader(dateOrder?: DateOrder): (text: string) => string | undefined {
  const days = new Map<number, LocalDay | null>()
  const parts = new Int32Array(6)
  // the last text read and its time: a wide row's responses share one submitted time
  let lastText: string | undefined
  let last: string | undefined
  return (text) => {
    if (text !== lastText) {
      lastText = text
      last = read(text)
    }
    return last
  }
  function read(text: string): string | undefined {
    if (!scanPlainLocalTime(text, parts)) return (parseSubmittedAt(text) ?? parseWrittenDateTime(text, dateOrder))?.toISOString()
    const y = parts[0]!
    const mo = parts[1]!
    const d = parts[2]!
    const h = parts[3]!
    const mi = parts[4]!
    const sec = parts[5]!
    if (mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || sec > 59) return undefined
    const leap = mo === 2 && ((y % 4 === 0 && y % 100 !== 0) || y % 400 === 0)
    if (d > DAYS_IN_MONTH[mo - 1]! + (leap ? 1 : 0)) return undefined
    const key = y * 10_000 + mo * 100 + d
    let day = days.get(key)
    if (day === undefined) {
      day = localDay(y, mo, d)
      if (days.size < 10_000) days.set(key, day)
    }
    if (day === null) return new Date(y, mo - 1, d, h, mi, sec, 0).toISOString()
    let minutes = h * 60 + mi + day.offset
    let which = 1
    if (minutes < 0) {
      minutes += MINUTES_PER_DAY
      which = 0
    } else if (minutes >= MINUTES_PER_DAY) {
      minutes -= MINUTES_PER_DAY
      which = 2
    }
    const hh = (minutes / 60) | 0
    return `${day.dates[which]}T${TWO_DIGITS[hh]}:${TWO_DIGITS[minutes - hh * 60]}:${TWO_DIGITS[sec]}.000Z`
  }
}

/** The day's offset and ISO dates, or null when its offset changes within the day or is not whole minutes. */
function localDay(y: number, mo: number, d: number): LocalDay | null {
  const start = new Date(y, mo - 1, d, 0, 0, 0).getTimezoneOffset()
  const end = new Date(y, mo - 1, d, 23, 59, 59).getTimezoneOffset()
  if (start !== end || !Number.isInteger(start) || Math.abs(start) >= MINUTES_PER_DAY) return null
  const date = (k: number) => new Date(Date.UTC(y, mo - 1, d + k)).toISOString().slice(0, 10)
  return { offset: start, dates: [date(-1), date(0), date(1)] }
}

/** What a submitted time that did not read should look like. */
function timeHint(text: string, order: DateOrder | undefined): string {
  const p = yearLastParts(text)
  if (p && !order && p[0] <= 12 && p[1] <= 12) return t('surveyImport.row.dayOrderUnclear')
  return t('surveyImport.row.timeForms')
}

function pad2(s: string): string {
  return s.padStart(2, '0')
}

/** A whole number outside 1–5 (a loyalty answer on a 0–10 scale read as 1–5?). */
function outOfRange(cell: string): boolean {
  const n = numberInAnswer(foldLabel(cell))
  return n !== undefined && Number.isInteger(n.value) && (n.value < 1 || n.value > 5)
}

function unitProblem(text: string, reason: 'unknown' | 'ambiguous'): string {
  return reason === 'ambiguous'
    ? t('surveyImport.row.unitAmbiguous', { text: quote(text) })
    : t('surveyImport.row.unitUnknown', { text: quote(text) })
}

function normalizeComment(text: string): string | null {
  // (the look before each regular expression halves the time: this runs for every response)
  const t = (text.indexOf('\r') === -1 ? text : text.replace(/\r\n?/g, '\n')).trim()
  const c = t.charCodeAt(0)
  if (t === '' || ((c === 0x28 || c === 0xff08) && SKIPPED_COMMENT.test(t))) return null
  return t
}

/**
 * sha256 hex of the response's content (all fields but responseId, in a fixed order, as JSON):
 * the natural key of a row when the export has no response id, and the way to tell "already
 * imported" from "conflict". Stored in the database: changing this format breaks re-imports.
 */
export function rowFingerprint(row: CanonicalResponse): string {
  // Exactly JSON.stringify(['icm.response.v1', …the content fields]), written out: this runs for every response.
  const canonical = `["icm.response.v1",${jsonNumber(row.respondentUnitId)},${jsonNumber(row.ratedUnitId)},${jsonNumber(row.accuracy)},${jsonNumber(row.timeliness)},${jsonNumber(row.completeness)},${jsonNumber(row.professionalism)},${jsonNumber(row.overall)},${jsonNumber(row.loyalty)},${jsonText(row.comment)},${jsonText(row.submittedAt)}]`
  return sha256Hex(canonical)
}

/** '0' … '9999': unit ids and scores, written once. */
const SMALL_NUMBERS = Array.from({ length: 10_000 }, (_, n) => String(n))

function jsonNumber(n: number | null): string {
  if (n === null) return 'null'
  return Number.isInteger(n) && n >= 0 && n < SMALL_NUMBERS.length ? SMALL_NUMBERS[n]! : String(n)
}

/**
 * JSON.stringify(text), with a quick look first: most texts (times, most comments) need no
 * escaping, and the look takes half the time of JSON.stringify.
 */
function jsonText(text: string | null): string {
  if (text === null) return 'null'
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    // what JSON.stringify escapes: control characters, '"', '\\', lone surrogates
    if (c < 0x20 || c === 0x22 || c === 0x5c || (c >= 0xd800 && c <= 0xdfff)) return JSON.stringify(text)
  }
  return `"${text}"`
}

// The one-shot crypto.hash (Node ≥ 20.12) is about twice as fast as createHash for short texts:
// a million-row import hashes every row.
const oneShot = (crypto as { hash?: (algorithm: string, data: string, encoding: 'hex') => string }).hash
function sha256Hex(text: string): string {
  return oneShot ? oneShot('sha256', text, 'hex') : crypto.createHash('sha256').update(text, 'utf8').digest('hex')
}

/** True when two responses say the same thing (responseId aside): the same fingerprint. */
export function sameContent(a: CanonicalResponse, b: CanonicalResponse): boolean {
  return rowFingerprint(a) === rowFingerprint(b)
}
