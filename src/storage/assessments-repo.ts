import type { Kysely } from 'kysely'
import type { AssessPolicy, QualitativeInput, UnitAssessment, UnitDetails } from '../domain/assessment/assessment.js'
import { scoreRowsOf, type ScoreRow, type ScoreTable } from '../domain/assessment/score-table.js'
import { tableRowsHash } from '../domain/assessment/table-hash.js'
import type { AssessmentRow, AssessmentTableRow } from './schema-assessments.js'
import type { DB } from './schema.js'

/** Qualitative inputs (self and superior scores) and the stored score tables, as domain values. */

export async function upsertInput(db: Kysely<DB>, period: string, i: QualitativeInput, at: Date): Promise<void> {
  const updated_at = at.toISOString()
  await db
    .insertInto('assessment_inputs')
    .values({ period, unit_id: i.unitId, self: i.self, superior: i.superior, updated_at })
    .onConflict((oc) => oc.columns(['period', 'unit_id']).doUpdateSet({ self: i.self, superior: i.superior, updated_at }))
    .execute()
}

export async function findInput(db: Kysely<DB>, period: string, unitId: number): Promise<QualitativeInput | undefined> {
  const row = await db.selectFrom('assessment_inputs').select(['unit_id', 'self', 'superior']).where('period', '=', period).where('unit_id', '=', unitId).executeTakeFirst()
  return row && { unitId: row.unit_id, self: row.self, superior: row.superior }
}

/** A period's inputs, by unit id. */
export async function listInputs(db: Kysely<DB>, period: string): Promise<QualitativeInput[]> {
  const rows = await db.selectFrom('assessment_inputs').select(['unit_id', 'self', 'superior']).where('period', '=', period).orderBy('unit_id').execute()
  return rows.map((r) => ({ unitId: r.unit_id, self: r.self, superior: r.superior }))
}

export async function findScoreTable(db: Kysely<DB>, period: string): Promise<ScoreTable | undefined> {
  const row = await db.selectFrom('assessments').selectAll().where('period', '=', period).executeTakeFirst()
  return row && scoreTableOf(row)
}

/** The final tables, oldest period first: of the given periods, or all of them. */
export async function listFinalScoreTables(db: Kysely<DB>, periods?: readonly string[]): Promise<ScoreTable[]> {
  if (periods?.length === 0) return []
  let q = db.selectFrom('assessments').selectAll().where('state', '=', 'final')
  if (periods) q = q.where('period', 'in', [...periods])
  return (await q.orderBy('period').execute()).map(scoreTableOf)
}

/** Every stored table (draft or final), oldest period first. */
export async function listScoreTables(db: Kysely<DB>): Promise<ScoreTable[]> {
  return (await db.selectFrom('assessments').selectAll().orderBy('period').execute()).map(scoreTableOf)
}

/** Everything behind every row of a period's table, by unit id. */
export async function listRowDetails(db: Kysely<DB>, period: string): Promise<Map<number, UnitDetails>> {
  const rows = await db.selectFrom('assessment_rows').select(['unit_id', 'details']).where('period', '=', period).execute()
  return new Map(rows.map((r) => [Number(r.unit_id), JSON.parse(r.details) as UnitDetails]))
}

/**
 * A table's rows in table order and, for a final table, the hash of the rows as they are stored
 * now (table-hash.ts; a draft's rows are not hashed: null).
 */
export async function readScoreRows(db: Kysely<DB>, t: Pick<ScoreTable, 'period' | 'state'>): Promise<{ rows: ScoreRow[]; hash: string | null }> {
  const rows = await storedRows(db, t.period)
  return { rows: rows.map(scoreRowOf), hash: t.state === 'final' ? tableRowsHash(t.period, rows) : null }
}

/** Everything behind one unit's row (the numbers `assess explain` shows). */
export async function findRowDetails(db: Kysely<DB>, period: string, unitId: number): Promise<UnitDetails | undefined> {
  const row = await db.selectFrom('assessment_rows').select('details').where('period', '=', period).where('unit_id', '=', unitId).executeTakeFirst()
  return row && (JSON.parse(row.details) as UnitDetails)
}

/**
 * Replaces a period's table with a newly computed one, rows in the order given. A final table's
 * rows are hashed as read back, so the hash is of exactly what show, export and bonus will read;
 * returns that hash (null for a draft).
 */
export async function saveScoreTable(db: Kysely<DB>, t: Omit<ScoreTable, 'rowsHash'>, computed: readonly UnitAssessment[]): Promise<string | null> {
  await db.deleteFrom('assessment_rows').where('period', '=', t.period).execute()
  await db.deleteFrom('assessments').where('period', '=', t.period).execute()
  await db.insertInto('assessments').values(assessmentColumns({ ...t, rowsHash: null })).execute()
  const rows = scoreRowsOf(computed).map((r, i) => rowColumns(t.period, r, computed[i]!.details))
  for (let i = 0; i < rows.length; i += 100) await db.insertInto('assessment_rows').values(rows.slice(i, i + 100)).execute()
  if (t.state !== 'final') return null
  const rowsHash = tableRowsHash(t.period, await storedRows(db, t.period))
  await db.updateTable('assessments').set({ rows_hash: rowsHash }).where('period', '=', t.period).execute()
  return rowsHash
}

/** Stores a table's state: final or draft, who finalized it when, and its rows hash. */
export async function setScoreTableState(db: Kysely<DB>, t: Pick<ScoreTable, 'period' | 'state' | 'finalizedAt' | 'finalizedBy' | 'rowsHash'>): Promise<void> {
  await db
    .updateTable('assessments')
    .set({ state: t.state, finalized_at: t.finalizedAt?.toISOString() ?? null, finalized_by: t.finalizedBy, rows_hash: t.rowsHash })
    .where('period', '=', t.period)
    .execute()
}

function storedRows(db: Kysely<DB>, period: string): Promise<AssessmentTableRow[]> {
  return db.selectFrom('assessment_rows').selectAll().where('period', '=', period).orderBy('position').execute()
}

function scoreTableOf(a: AssessmentRow): ScoreTable {
  return {
    period: a.period,
    level: a.level,
    state: a.state,
    policy: JSON.parse(a.policy) as AssessPolicy,
    inputsHash: a.inputs_hash,
    computedAt: new Date(a.computed_at),
    finalizedAt: a.finalized_at === null ? null : new Date(a.finalized_at),
    finalizedBy: a.finalized_by,
    rowsHash: a.rows_hash,
  }
}

function assessmentColumns(t: ScoreTable): AssessmentRow {
  return {
    period: t.period,
    level: t.level,
    state: t.state,
    policy: JSON.stringify(t.policy),
    inputs_hash: t.inputsHash,
    computed_at: t.computedAt.toISOString(),
    finalized_at: t.finalizedAt?.toISOString() ?? null,
    finalized_by: t.finalizedBy,
    rows_hash: t.rowsHash,
  }
}

function scoreRowOf(r: AssessmentTableRow): ScoreRow {
  return {
    unitId: r.unit_id,
    position: r.position,
    code: r.code,
    name: r.name,
    components: { S: r.s, T: r.t, C: r.c, H: r.h, self: r.self, superior: r.superior },
    total: r.total,
    rank: r.rank,
    grade: r.grade,
    bonus: r.bonus,
  }
}

function rowColumns(period: string, r: ScoreRow, details: UnitDetails): AssessmentTableRow {
  const c = r.components
  return { period, unit_id: r.unitId, position: r.position, code: r.code, name: r.name, s: c.S, t: c.T, c: c.C, h: c.H, self: c.self, superior: c.superior, total: r.total, rank: r.rank, grade: r.grade, bonus: r.bonus, details: JSON.stringify(details) }
}
