import crypto from 'node:crypto'
import type { ColumnMap } from './header-aliases.js'
import { parseScore } from './score-labels.js'
import { SCORE_FIELDS } from './survey-fields.js'
import { compileSurveyRowValidator, createSubmittedAtReader, rowFingerprint, type CanonicalResponse, type SurveyRowContext } from './survey-row.js'
import type { WideLayout } from './wide-layout.js'

/**
 * One respondent row of a wide file → one response per unit it rates (issue 16). Pure. A unit is
 * rated when one of its score columns has an answer (blank, or a platform's skipped marker, is
 * not rated, and a row rating no unit gives no response); a unit the respondent belongs to is
 * skipped and counted, not an error. Each response
 * is checked as a long row would be (survey-row.ts), its rated unit being the column's unit; a
 * problem in any of them makes the whole line bad. The key of a response is the row's key (the
 * export's response id, else the hash of every response of the row) plus the unit's code.
 */

export interface WideResponse {
  row: CanonicalResponse
  key: string
  fingerprint: string
}

export type WideRowResult = { ok: true; rows: WideResponse[]; selfRatings: number } | { ok: false; reason: string }

export interface WideRowContext extends Omit<SurveyRowContext, 'columns'> {
  layout: WideLayout
  /** the fields the row shares (response_id, respondent_unit, comment, submitted_at) */
  columns: ColumnMap
  headers: readonly string[]
}

/** The key of a wide row's response: the row's key and the rated unit's code. */
export function wideResponseKey(rowKey: string, unitCode: string): string {
  return `${rowKey}@${unitCode}`
}

export function compileWideRowChecker(ctx: WideRowContext): (cells: string[]) => WideRowResult {
  // The rated unit of each response is an extra cell after the row's last: the unit's code.
  const virtual = ctx.headers.length
  const headers = [...ctx.headers, 'rated unit']
  const shared: ColumnMap = {
    response_id: ctx.columns.response_id,
    respondent_unit: ctx.columns.respondent_unit,
    comment: ctx.columns.comment,
    submitted_at: ctx.columns.submitted_at,
  }
  // one parser for every unit: it remembers the row's time once read
  const readTime = createSubmittedAtReader(ctx.dateOrder)
  const units = ctx.layout.units.map((u) => ({
    id: u.unitId,
    code: u.unit,
    scoreColumns: SCORE_FIELDS.map((f) => u.columns[f]).filter((c): c is number => c !== undefined),
    validate: compileSurveyRowValidator({
      ...ctx,
      readTime,
      headers,
      columns: { ...shared, rated_unit: virtual, ...scoreColumnsOf(u.columns), ...(u.columns.comment !== undefined ? { comment: u.columns.comment } : {}) },
    }),
  }))
  const iRespondent = shared.respondent_unit ?? -1
  const iId = shared.response_id ?? -1
  const labels = ctx.labels
  const answered = (cell: string | undefined) => cell !== undefined && cell.trim() !== '' && parseScore(cell, labels).kind !== 'empty'

  return (cells) => {
    const respondentText = iRespondent < 0 ? '' : (cells[iRespondent] ?? '').trim()
    const respondent = respondentText === '' ? undefined : ctx.resolveUnit(respondentText)
    const respondentId = respondent?.ok ? respondent.id : undefined
    const rows: { row: CanonicalResponse; code: string; fingerprint: string }[] = []
    let problems: Set<string> | undefined
    let selfRatings = 0
    const width = cells.length
    for (const u of units) {
      if (!u.scoreColumns.some((c) => answered(cells[c]))) continue
      if (u.id === respondentId) {
        selfRatings++
        continue
      }
      cells[virtual] = u.code
      const v = u.validate(cells)
      if (v.ok) rows.push({ row: v.row, code: u.code, fingerprint: rowFingerprint(v.row) })
      else for (const p of v.reason.split('; ')) (problems ??= new Set()).add(p)
    }
    cells.length = width
    if (problems) return { ok: false, reason: [...problems].join('; ') }
    const id = iId < 0 ? '' : (cells[iId] ?? '').trim()
    const rowKey = id !== '' ? `id:${ctx.idPrefix ?? ''}${id}` : `sha256:${sha256Hex(rows.map((r) => `${r.code}=${r.fingerprint}`).join(','))}`
    return { ok: true, rows: rows.map((r) => ({ row: r.row, key: wideResponseKey(rowKey, r.code), fingerprint: r.fingerprint })), selfRatings }
  }
}

function scoreColumnsOf(columns: WideLayout['units'][number]['columns']): ColumnMap {
  const out: ColumnMap = {}
  for (const f of SCORE_FIELDS) if (columns[f] !== undefined) out[f] = columns[f]
  return out
}

function sha256Hex(text: string): string {
  return crypto.createHash('sha256').update(text, 'utf8').digest('hex')
}
