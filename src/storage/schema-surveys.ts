import type { Generated, Selectable } from 'kysely'

/**
 * The tables of surveys, their responses and import batches, and follow-up visits (policy
 * chapters 4.3 and 6); part of the DB interface in schema.ts.
 */
export interface SurveyTable {
  id: Generated<number>
  /** the code the user gave, e.g. 2026H1-SERVICE (unique case-insensitively) */
  code: string
  title: string
  kind: 'service' | 'relationship'
  /** the period code, e.g. '2026-H1' */
  period: string
  /** first day of the period, 'YYYY-MM-DD' */
  period_start: string
  /** last day of the period (inclusive), 'YYYY-MM-DD' */
  period_end: string
  created_at: string
}

/** One file imported into a survey: what it was and who imported it. */
export interface SurveyBatchTable {
  id: Generated<number>
  survey_id: number
  /** the file name as given on the command line (its base name) */
  file_name: string
  /** sha256 hex of the file's bytes: the same file again is refused unless --force */
  sha256: string
  bytes: number
  encoding: string
  /** records read (header and blank lines not counted) */
  rows: number
  imported: number
  already_present: number
  rejected: number
  /** 1 when imported again with --force */
  forced: number
  /** the --id-prefix put before the file's response ids (null: none) */
  id_prefix: string | null
  actor: string
  at: string
}

export interface SurveyResponseTable {
  id: Generated<number>
  survey_id: number
  /** the natural key within the survey: 'id:' + the export's response id, else 'sha256:' + fingerprint */
  key: string
  response_id: string | null
  respondent_id: number | null
  rated_id: number
  accuracy: number | null
  timeliness: number | null
  completeness: number | null
  professionalism: number | null
  overall: number | null
  loyalty: number | null
  comment: string | null
  submitted_at: string | null
  batch_id: number
  /** line of the file where the record starts (the header is line 1) */
  line: number
  /** rowFingerprint of the content (src/domain/survey-row.ts) */
  fingerprint: string
}

/**
 * Score sums of the responses one import batch added, per (rated unit, respondent unit): what
 * every satisfaction figure adds up. value_sum is Σ kpi.responseValue (overall, else the mean of
 * the dimensions present) over the value_n responses that have one.
 */
export interface SurveyScoreSumTable {
  batch_id: number
  survey_id: number
  rated_id: number
  respondent_id: number | null
  responses: number
  accuracy_sum: number
  accuracy_n: number
  timeliness_sum: number
  timeliness_n: number
  completeness_sum: number
  completeness_n: number
  professionalism_sum: number
  professionalism_n: number
  overall_sum: number
  overall_n: number
  loyalty_sum: number
  loyalty_n: number
  value_sum: number
  value_n: number
}

/** A follow-up visit (回访): a supplier unit visiting its internal customer. */
export interface VisitTable {
  id: Generated<number>
  code: string
  supplier_id: number
  customer_id: number
  /** 'YYYY-MM-DD' */
  date: string
  satisfaction: number | null
  notes: string | null
  created_at: string
}

export interface SurveyTables {
  surveys: SurveyTable
  survey_batches: SurveyBatchTable
  survey_responses: SurveyResponseTable
  survey_score_sums: SurveyScoreSumTable
  visits: VisitTable
}

export type SurveyRow = Selectable<SurveyTable>
export type SurveyBatchRow = Selectable<SurveyBatchTable>
export type SurveyResponseRow = Selectable<SurveyResponseTable>
export type VisitRow = Selectable<VisitTable>
