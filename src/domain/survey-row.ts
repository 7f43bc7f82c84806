import { createHash } from 'node:crypto'
import { parseInstant } from './dates.js'
import { DIMENSION_FIELDS, SCORE_FIELDS, displayHeader, type ColumnMap, type ScoreField, type SurveyField } from './header-aliases.js'
import { parseScore } from './score-labels.js'
import type { UnitResolver } from './unit-names.js'

/**
 * One survey CSV record → a canonical response or the reason it is rejected (DESIGN.md §5
 * "Survey CSV import"). Pure: the importer parses the CSV, resolves nothing itself and decides
 * what a rejection means (fail the import, or write it to --rejects).
 */

/** A response as stored: unit ids, scores 1–5 or null, submitted time as ISO UTC. */
export interface CanonicalResponse {
  /** The export's own response id (序号, 编号, ID …), trimmed; null when the file has none. */
  responseId: string | null
  respondentUnitId: number | null
  ratedUnitId: number
  accuracy: number | null
  timeliness: number | null
  completeness: number | null
  professionalism: number | null
  overall: number | null
  loyalty: number | null
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
  const problems: string[] = []
  const cell = (f: SurveyField): string => {
    const i = ctx.columns[f]
    return i === undefined ? '' : (cells[i] ?? '').trim()
  }
  const header = (f: SurveyField): string => {
    const i = ctx.columns[f]
    return ctx.headers && i !== undefined ? displayHeader(ctx.headers, i) : f
  }

  const ratedText = cell('rated_unit')
  let ratedUnitId: number | null = null
  if (ratedText === '') {
    problems.push(`${header('rated_unit')}: empty, but the rated unit is required`)
  } else {
    const r = ctx.resolveUnit(ratedText)
    if (r.ok) ratedUnitId = r.id
    else problems.push(`${header('rated_unit')}: ${unitProblem(ratedText, r.reason)}`)
  }

  const respondentText = cell('respondent_unit')
  let respondentUnitId: number | null = null
  if (respondentText !== '') {
    const r = ctx.resolveUnit(respondentText)
    if (!r.ok) problems.push(`${header('respondent_unit')}: ${unitProblem(respondentText, r.reason)}`)
    else if (r.id === ratedUnitId) {
      problems.push(
        `${header('respondent_unit')} and ${header('rated_unit')}: a respondent rating their own unit ('${respondentText}' rates '${ratedText}')`,
      )
    } else respondentUnitId = r.id
  }

  const scores = {} as Record<ScoreField, number | null>
  let invalidScore = false
  for (const f of SCORE_FIELDS) {
    const s = parseScore(cell(f), ctx.labels)
    scores[f] = s.kind === 'score' ? s.value : null
    if (s.kind === 'invalid') {
      invalidScore = true
      problems.push(`${header(f)}: ${s.reason}`)
    }
  }
  const present = DIMENSION_FIELDS.filter((f) => ctx.columns[f] !== undefined)
  if (!invalidScore && DIMENSION_FIELDS.every((f) => scores[f] === null)) {
    const where = present.length > 0 ? present.map(header).join(', ') : DIMENSION_FIELDS.join(', ')
    problems.push(`no score given: ${where} are all empty`)
  }

  const submittedText = cell('submitted_at')
  let submittedAt: string | null = null
  if (submittedText !== '') {
    const t = parseSubmittedAt(submittedText)
    if (t) submittedAt = t.toISOString()
    else {
      problems.push(`${header('submitted_at')}: '${submittedText}' is not a date-time (expected ISO 8601 or 2026/4/25 9:45:35)`)
    }
  }

  if (problems.length > 0 || ratedUnitId === null) return { ok: false, reason: problems.join('; ') }

  const responseId = cell('response_id')
  return {
    ok: true,
    row: {
      responseId: responseId === '' ? null : responseId,
      respondentUnitId,
      ratedUnitId,
      accuracy: scores.accuracy,
      timeliness: scores.timeliness,
      completeness: scores.completeness,
      professionalism: scores.professionalism,
      overall: scores.overall,
      loyalty: scores.loyalty,
      comment: normalizeComment(cell('comment')),
      submittedAt,
    },
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

function pad2(s: string): string {
  return s.padStart(2, '0')
}

function unitProblem(text: string, reason: 'unknown' | 'ambiguous'): string {
  return reason === 'ambiguous'
    ? `'${text}' matches more than one unit (use the unit code)`
    : `'${text}' is not a known unit code or name`
}

function normalizeComment(text: string): string | null {
  const t = text.replace(/\r\n?/g, '\n').trim()
  if (t === '' || SKIPPED_COMMENT.test(t)) return null
  return t
}

/** The fields that make up a response's content: everything but the export's response id. */
const CONTENT_FIELDS = [
  'respondentUnitId',
  'ratedUnitId',
  'accuracy',
  'timeliness',
  'completeness',
  'professionalism',
  'overall',
  'loyalty',
  'comment',
  'submittedAt',
] as const satisfies readonly (keyof CanonicalResponse)[]

/**
 * sha256 hex of the response's content (all fields but responseId, in a fixed order, as JSON):
 * the natural key of a row when the export has no response id, and the way to tell "already
 * imported" from "conflict". Stored in the database: changing this format breaks re-imports.
 */
export function rowFingerprint(row: CanonicalResponse): string {
  const canonical = JSON.stringify(['icm.response.v1', ...CONTENT_FIELDS.map((f) => row[f])])
  return createHash('sha256').update(canonical, 'utf8').digest('hex')
}

/** True when two responses say the same thing (responseId aside). */
export function sameContent(a: CanonicalResponse, b: CanonicalResponse): boolean {
  return CONTENT_FIELDS.every((f) => a[f] === b[f])
}
