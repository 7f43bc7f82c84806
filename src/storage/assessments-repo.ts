import type { Kysely } from 'kysely'
import type { AssessmentInputRow, AssessmentRow, AssessmentTableRow } from './schema-assessments.js'
import type { DB } from './schema.js'

/** Qualitative inputs (self and superior scores) and the stored score tables. */
export async function upsertInput(db: Kysely<DB>, i: AssessmentInputRow): Promise<void> {
  await db
    .insertInto('assessment_inputs')
    .values(i)
    .onConflict((oc) => oc.columns(['period', 'unit_id']).doUpdateSet({ self: i.self, superior: i.superior, updated_at: i.updated_at }))
    .execute()
}

export async function findInput(db: Kysely<DB>, period: string, unitId: number): Promise<AssessmentInputRow | undefined> {
  return db.selectFrom('assessment_inputs').selectAll().where('period', '=', period).where('unit_id', '=', unitId).executeTakeFirst()
}

export async function listInputs(db: Kysely<DB>, period: string): Promise<AssessmentInputRow[]> {
  return db.selectFrom('assessment_inputs').selectAll().where('period', '=', period).orderBy('unit_id').execute()
}

export async function findAssessment(db: Kysely<DB>, period: string): Promise<AssessmentRow | undefined> {
  return db.selectFrom('assessments').selectAll().where('period', '=', period).executeTakeFirst()
}

export async function listAssessmentRows(db: Kysely<DB>, period: string): Promise<AssessmentTableRow[]> {
  return db.selectFrom('assessment_rows').selectAll().where('period', '=', period).orderBy('position').execute()
}

export async function findAssessmentRow(db: Kysely<DB>, period: string, unitId: number): Promise<AssessmentTableRow | undefined> {
  return db.selectFrom('assessment_rows').selectAll().where('period', '=', period).where('unit_id', '=', unitId).executeTakeFirst()
}

/** Replaces a period's draft table with a newly computed one. */
export async function saveDraft(db: Kysely<DB>, a: AssessmentRow, rows: AssessmentTableRow[]): Promise<void> {
  await db.deleteFrom('assessment_rows').where('period', '=', a.period).execute()
  await db.deleteFrom('assessments').where('period', '=', a.period).execute()
  await db.insertInto('assessments').values(a).execute()
  for (let i = 0; i < rows.length; i += 100) await db.insertInto('assessment_rows').values(rows.slice(i, i + 100)).execute()
}

export async function setAssessmentState(
  db: Kysely<DB>,
  period: string,
  changes: Pick<AssessmentRow, 'state' | 'finalized_at' | 'finalized_by' | 'rows_hash'>,
): Promise<void> {
  await db.updateTable('assessments').set(changes).where('period', '=', period).execute()
}

/** Stores the hash of a final table's rows, as read back from the database (domain/table-hash.ts). */
export async function setRowsHash(db: Kysely<DB>, period: string, rowsHash: string): Promise<void> {
  await db.updateTable('assessments').set({ rows_hash: rowsHash }).where('period', '=', period).execute()
}

/** Every final assessment, oldest period first (for icm check). */
export async function listAllFinalAssessments(db: Kysely<DB>): Promise<AssessmentRow[]> {
  return db.selectFrom('assessments').selectAll().where('state', '=', 'final').orderBy('period').execute()
}

/** The final assessments of the given periods. */
export async function listFinalAssessments(db: Kysely<DB>, periods: readonly string[]): Promise<AssessmentRow[]> {
  if (periods.length === 0) return []
  return db.selectFrom('assessments').selectAll().where('period', 'in', [...periods]).where('state', '=', 'final').orderBy('period').execute()
}
