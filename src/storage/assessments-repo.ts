import type { Kysely } from 'kysely'
import type { AssessLevel, AssessPolicy, QualitativeInput, UnitAssessment, UnitDetails } from '../domain/assessment/assessment.js'
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

/** A period's table at a level (a department and a position table can both exist for a period). */
export async function findScoreTable(db: Kysely<DB>, period: string, level: AssessLevel = 'department'): Promise<ScoreTable | undefined> {
  const row = await db.selectFrom('assessments').selectAll().where('period', '=', period).where('level', '=', level).executeTakeFirst()
  return row && scoreTableOf(row)
}

/** The levels a period has a table at, department first. */
export async function scoreTableLevels(db: Kysely<DB>, period: string): Promise<AssessLevel[]> {
  const rows = await db.selectFrom('assessments').select('level').where('period', '=', period).orderBy('level').execute()
  return rows.map((r) => r.level)
}

/** The final tables, oldest period first (department before position): of the given periods (and level), or all of them. */
export async function listFinalScoreTables(db: Kysely<DB>, periods?: readonly string[], level?: AssessLevel): Promise<ScoreTable[]> {
  if (periods?.length === 0) return []
  let q = db.selectFrom('assessments').selectAll().where('state', '=', 'final')
  if (periods) q = q.where('period', 'in', [...periods])
  if (level) q = q.where('level', '=', level)
  return (await q.orderBy('period').orderBy('level').execute()).map(scoreTableOf)
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
export async function readScoreRows(db: Kysely<DB>, t: Pick<ScoreTable, 'period' | 'state'> & { level?: AssessLevel }): Promise<{ rows: ScoreRow[]; hash: string | null }> {
  const rows = await storedRows(db, t.period, t.level ?? 'department')
  return { rows: rows.map(scoreRowOf), hash: t.state === 'final' ? tableRowsHash(t.period, rows) : null }
}

/** A table's rows with what each keeps behind it (the details column, parsed), and the hash as readScoreRows gives it. */
export async function readScoreRowsWithDetails<D>(db: Kysely<DB>, t: Pick<ScoreTable, 'period' | 'state' | 'level'>): Promise<{ rows: { row: ScoreRow; details: D }[]; hash: string | null }> {
  const rows = await storedRows(db, t.period, t.level)
  return { rows: rows.map((r) => ({ row: scoreRowOf(r), details: JSON.parse(r.details) as D })), hash: t.state === 'final' ? tableRowsHash(t.period, rows) : null }
}

/** Stores a table whose rows are given as they are stored (e.g. the annual table, its details its own); returns the rows hash of a final table. */
export async function saveStoredTable(db: Kysely<DB>, t: Omit<ScoreTable, 'rowsHash'>, rows: readonly { row: ScoreRow; details: unknown }[]): Promise<string | null> {
  return saveRows(db, t, rows.map(({ row, details }) => rowColumns(t.period, t.level, row, JSON.stringify(details))))
}

/** Everything behind one unit's row (the numbers `assess explain` shows). */
export async function findRowDetails(db: Kysely<DB>, period: string, unitId: number, level: AssessLevel = 'department'): Promise<UnitDetails | undefined> {
  const row = await db.selectFrom('assessment_rows').select('details').where('period', '=', period).where('level', '=', level).where('unit_id', '=', unitId).executeTakeFirst()
  return row && (JSON.parse(row.details) as UnitDetails)
}

/**
 * Replaces a period's table at its level with a newly computed one (the other level's table stays), rows in the order given. A final table's
 * rows are hashed as read back, so the hash is of exactly what show, export and bonus will read;
 * returns that hash (null for a draft).
 */
export async function saveScoreTable(db: Kysely<DB>, t: Omit<ScoreTable, 'rowsHash'>, computed: readonly UnitAssessment[]): Promise<string | null> {
  return saveRows(db, t, scoreRowsOf(computed).map((r, i) => rowColumns(t.period, t.level, r, JSON.stringify(computed[i]!.details))))
}

/** Replaces the table (period, level) with these rows; hashes them as read back when the table is final. */
async function saveRows(db: Kysely<DB>, t: Omit<ScoreTable, 'rowsHash'>, rows: readonly AssessmentTableRow[]): Promise<string | null> {
  await db.deleteFrom('assessment_rows').where('period', '=', t.period).where('level', '=', t.level).execute()
  await db.deleteFrom('assessments').where('period', '=', t.period).where('level', '=', t.level).execute()
  await db.insertInto('assessments').values(assessmentColumns({ ...t, rowsHash: null })).execute()
  for (let i = 0; i < rows.length; i += 100) await db.insertInto('assessment_rows').values(rows.slice(i, i + 100)).execute()
  if (t.state !== 'final') return null
  const rowsHash = tableRowsHash(t.period, await storedRows(db, t.period, t.level))
  await db.updateTable('assessments').set({ rows_hash: rowsHash }).where('period', '=', t.period).where('level', '=', t.level).execute()
  return rowsHash
}

/** Stores a table's state: final or draft, who finalized it when, and its rows hash. */
export async function setScoreTableState(db: Kysely<DB>, t: Pick<ScoreTable, 'period' | 'level' | 'state' | 'finalizedAt' | 'finalizedBy' | 'rowsHash'>): Promise<void> {
  await db
    .updateTable('assessments')
    .set({ state: t.state, finalized_at: t.finalizedAt?.toISOString() ?? null, finalized_by: t.finalizedBy, rows_hash: t.rowsHash })
    .where('period', '=', t.period)
    .where('level', '=', t.level)
    .execute()
}

function storedRows(db: Kysely<DB>, period: string, level: AssessLevel): Promise<AssessmentTableRow[]> {
  return db.selectFrom('assessment_rows').selectAll().where('period', '=', period).where('level', '=', level).orderBy('position').execute()
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

function rowColumns(period: string, level: AssessLevel, r: ScoreRow, details: string): AssessmentTableRow {
  const c = r.components
  return { period, level, unit_id: r.unitId, position: r.position, code: r.code, name: r.name, s: c.S, t: c.T, c: c.C, h: c.H, self: c.self, superior: c.superior, total: r.total, rank: r.rank, grade: r.grade, bonus: r.bonus, details }
}
