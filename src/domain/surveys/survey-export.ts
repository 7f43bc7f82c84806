import { formatInstant } from '../calendar/dates.js'
import { SCORE_FIELDS, SURVEY_FIELDS, type ScoreField, type SurveyField } from './survey-fields.js'
import type { CanonicalResponse } from './survey-row.js'

/** `icm survey export`: every response of a survey as one CSV record (SURVEY_EXPORT_COLUMNS). */

/** A response as stored: its content, the import batch that added it and its line in that file. */
export interface StoredResponse extends CanonicalResponse {
  batchId: number
  line: number
}

export interface ExportUnit {
  code: string
  name: string
}

type CellWriter = (r: StoredResponse, out: string[]) => void

const isScore = (f: SurveyField): f is ScoreField => (SCORE_FIELDS as readonly string[]).includes(f)

function writerOf(f: SurveyField, units: ReadonlyMap<number, ExportUnit>): CellWriter {
  if (isScore(f)) return (r, out) => void out.push(r[f] === null ? '' : String(r[f]))
  switch (f) {
    case 'response_id':
      return (r, out) => void out.push(r.responseId ?? '')
    case 'respondent_unit':
      return (r, out) => {
        const u = r.respondentUnitId === null ? undefined : units.get(r.respondentUnitId)
        out.push(u?.code ?? '', u?.name ?? '')
      }
    case 'rated_unit':
      return (r, out) => {
        const u = units.get(r.ratedUnitId)
        out.push(u?.code ?? String(r.ratedUnitId), u?.name ?? '')
      }
    // A CSV writer quotes a cell holding CRLF, the record delimiter, but not always a lone LF,
    // which a reader takes for the end of the record: line breaks are written as CRLF.
    case 'comment':
      return (r, out) => void out.push(r.comment === null ? '' : r.comment.replace(/\r?\n/g, '\r\n'))
    case 'submitted_at':
      return (r, out) => void out.push(r.submittedAt ? formatInstant(new Date(r.submittedAt)) : '')
  }
}

/**
 * The record of one response in SURVEY_EXPORT_COLUMNS order: the survey code, each field (units
 * as code and name; a unit no longer known shows its id as the rated unit), the file of its
 * batch and its line. The writers are chosen once per export, as it may hold a million responses.
 */
export function surveyExportRecord(survey: string, units: ReadonlyMap<number, ExportUnit>, files: ReadonlyMap<number, string>): (r: StoredResponse) => string[] {
  const writers = SURVEY_FIELDS.map((f) => writerOf(f, units))
  return (r) => {
    const out = [survey]
    for (const w of writers) w(r, out)
    out.push(files.get(r.batchId) ?? '', String(r.line))
    return out
  }
}
