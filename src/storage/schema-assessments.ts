import type { Selectable } from 'kysely'
import type { HashedTableRow } from '../domain/assessment/table-hash.js'

/** The tables of the half-yearly assessment (policy chapter 8); part of the DB interface in schema.ts. */
export interface AssessmentInputTable {
  period: string
  unit_id: number
  self: number | null
  superior: number | null
  updated_at: string
}

/** A score table: keyed by period and level (a department and a position table can both exist); period is a year ('2026') for a final annual table. */
export interface AssessmentTable {
  period: string
  level: 'department' | 'position'
  state: 'draft' | 'final'
  /** JSON: the weights, grade bands, bonus table, min responses and complaint allowance used */
  policy: string
  inputs_hash: string
  computed_at: string
  finalized_at: string | null
  finalized_by: string | null
  /** sha256 of the rows of a final table (domain/table-hash.ts); null while it is a draft */
  rows_hash: string | null
}

/** A row of a stored score table: the columns its hash covers (domain/assessment/table-hash.ts), its period and level. */
export interface AssessmentRowTable extends HashedTableRow {
  period: string
  level: 'department' | 'position'
}

export interface AssessmentTables {
  assessment_inputs: AssessmentInputTable
  assessments: AssessmentTable
  assessment_rows: AssessmentRowTable
}

export type AssessmentInputRow = Selectable<AssessmentInputTable>
export type AssessmentRow = Selectable<AssessmentTable>
export type AssessmentTableRow = Selectable<AssessmentRowTable>
