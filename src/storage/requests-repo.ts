import type { ExpressionBuilder, Kysely } from 'kysely'
import type { DB, RequestChangeRow, RequestEvaluationRow, RequestRow, RequestTable } from './schema.js'
import type { Insertable, Updateable } from 'kysely'

export async function findRequestByCode(db: Kysely<DB>, code: string): Promise<RequestRow | undefined> {
  return db.selectFrom('requests').selectAll().where('code', '=', code.trim().toUpperCase()).executeTakeFirst()
}

export async function insertRequest(db: Kysely<DB>, r: Insertable<RequestTable>): Promise<RequestRow> {
  return db.insertInto('requests').values(r).returningAll().executeTakeFirstOrThrow()
}

export async function updateRequest(db: Kysely<DB>, id: number, patch: Updateable<RequestTable>): Promise<RequestRow> {
  return db.updateTable('requests').set(patch).where('id', '=', id).returningAll().executeTakeFirstOrThrow()
}

/** Replaces the co-responsible units of a request. */
export async function setCoUnits(db: Kysely<DB>, requestId: number, unitIds: readonly number[]): Promise<void> {
  await db.deleteFrom('request_units').where('request_id', '=', requestId).execute()
  if (unitIds.length > 0) await db.insertInto('request_units').values(unitIds.map((unit_id) => ({ request_id: requestId, unit_id }))).execute()
}

/** Co-responsible unit ids per request id. */
export async function coUnitsOf(db: Kysely<DB>, requestIds: readonly number[]): Promise<Map<number, number[]>> {
  const out = new Map<number, number[]>()
  for (let i = 0; i < requestIds.length; i += 500) {
    const rows = await db
      .selectFrom('request_units')
      .select(['request_id', 'unit_id'])
      .where('request_id', 'in', requestIds.slice(i, i + 500))
      .orderBy('request_id')
      .orderBy('unit_id')
      .execute()
    for (const r of rows) out.set(r.request_id, [...(out.get(r.request_id) ?? []), r.unit_id])
  }
  return out
}

/** Records one evaluator's scores, replacing that evaluator's current entry. */
export async function upsertEvaluation(
  db: Kysely<DB>,
  e: Omit<RequestEvaluationRow, 'id' | 'superseded_at'>,
): Promise<{ replaced: boolean }> {
  const current = await db
    .selectFrom('request_evaluations')
    .select('id')
    .where('request_id', '=', e.request_id)
    .where('evaluator', '=', e.evaluator)
    .where('superseded_at', 'is', null)
    .executeTakeFirst()
  if (current) {
    await db.updateTable('request_evaluations').set(e).where('id', '=', current.id).execute()
    return { replaced: true }
  }
  await db.insertInto('request_evaluations').values({ ...e, superseded_at: null }).execute()
  return { replaced: false }
}

/** Marks the current evaluations superseded (a change of scope: they no longer count). */
export async function supersedeEvaluations(db: Kysely<DB>, requestId: number, at: string): Promise<number> {
  const r = await db.updateTable('request_evaluations').set({ superseded_at: at }).where('request_id', '=', requestId).where('superseded_at', 'is', null).executeTakeFirst()
  return Number(r.numUpdatedRows)
}

export async function listEvaluations(db: Kysely<DB>, requestId: number): Promise<RequestEvaluationRow[]> {
  return db.selectFrom('request_evaluations').selectAll().where('request_id', '=', requestId).orderBy('at').orderBy('id').execute()
}

export interface EvaluationSummary {
  count: number
  reasonableness: number
  feasibility: number
  impact: number
  costBenefit: number
  /** the most recent explicit setting, if any evaluator set one */
  important: boolean | null
  urgent: boolean | null
}

/** Current (not superseded) evaluations per request: the means and the latest explicit flags. */
export async function evaluationSummaries(db: Kysely<DB>, requestIds: readonly number[]): Promise<Map<number, EvaluationSummary>> {
  const out = new Map<number, EvaluationSummary>()
  for (let i = 0; i < requestIds.length; i += 500) {
    const rows = await db
      .selectFrom('request_evaluations')
      .select(['request_id', 'reasonableness', 'feasibility', 'impact', 'cost_benefit', 'important', 'urgent', 'at', 'id'])
      .where('request_id', 'in', requestIds.slice(i, i + 500))
      .where('superseded_at', 'is', null)
      .orderBy('request_id')
      .orderBy('at')
      .orderBy('id')
      .execute()
    const sums = new Map<number, { n: number; r: number; f: number; i: number; c: number; imp: boolean | null; urg: boolean | null }>()
    for (const e of rows) {
      const s = sums.get(e.request_id) ?? { n: 0, r: 0, f: 0, i: 0, c: 0, imp: null, urg: null }
      s.n++
      s.r += e.reasonableness
      s.f += e.feasibility
      s.i += e.impact
      s.c += e.cost_benefit
      if (e.important !== null) s.imp = e.important === 1
      if (e.urgent !== null) s.urg = e.urgent === 1
      sums.set(e.request_id, s)
    }
    for (const [id, s] of sums) {
      out.set(id, { count: s.n, reasonableness: s.r / s.n, feasibility: s.f / s.n, impact: s.i / s.n, costBenefit: s.c / s.n, important: s.imp, urgent: s.urg })
    }
  }
  return out
}

export async function insertChange(db: Kysely<DB>, c: Omit<RequestChangeRow, 'id'>): Promise<void> {
  await db.insertInto('request_changes').values(c).execute()
}

export async function listChanges(db: Kysely<DB>, requestId: number): Promise<RequestChangeRow[]> {
  return db.selectFrom('request_changes').selectAll().where('request_id', '=', requestId).orderBy('id').execute()
}

export interface RequestFilter {
  statuses?: readonly string[]
  customerId?: number
  /** the provider or a co-responsible unit */
  unitId?: number
  /** response due within [dueFrom, dueTo) (ISO instants) */
  dueFrom?: string
  dueTo?: string
  /** only requests overdue as of this instant (candidates; the domain decides) */
  overdueAsOf?: string
  limit?: number
}

/** Requests matching a filter, oldest first. Overdue candidates come from the two deadline indexes. */
export async function listRequests(db: Kysely<DB>, f: RequestFilter = {}): Promise<RequestRow[]> {
  let q = db.selectFrom('requests').selectAll()
  if (f.statuses && f.statuses.length > 0) q = q.where('status', 'in', [...f.statuses])
  if (f.customerId !== undefined) q = q.where('customer_id', '=', f.customerId)
  if (f.unitId !== undefined) {
    const unitId = f.unitId
    q = q.where((eb) =>
      eb.or([
        eb('provider_id', '=', unitId),
        eb('id', 'in', eb.selectFrom('request_units').select('request_id').where('unit_id', '=', unitId)),
      ]),
    )
  }
  if (f.dueFrom) q = q.where('response_due', '>=', f.dueFrom)
  if (f.dueTo) q = q.where('response_due', '<', f.dueTo)
  if (f.overdueAsOf) {
    // the overdue branches use their own indexes; the other filters apply to what they find
    const others = { ...f, overdueAsOf: undefined }
    const rows = await overdueRows(db, f.overdueAsOf, (b) => b.selectAll().execute())
    return (await filterRows(db, rows, others)).sort((a, b) => (a.created_at < b.created_at ? -1 : a.created_at > b.created_at ? 1 : a.id - b.id))
  }
  q = q.orderBy('created_at').orderBy('id')
  if (f.limit) q = q.limit(f.limit)
  return q.execute()
}

/**
 * Requests whose response or resolution deadline had passed unmet at `asOf` (the domain decides
 * the rest). Five narrow queries, each on an index, instead of one OR that scans the table: at
 * "now" only the first and third find anything.
 */
function overdueBranches(asOf: string) {
  return [
    (eb: ExpressionBuilder<DB, 'requests'>) => eb.and([eb('responded_at', 'is', null), eb('response_due', '<', asOf)]),
    (eb: ExpressionBuilder<DB, 'requests'>) => eb.and([eb('responded_at', '>', asOf), eb('response_due', '<', asOf)]),
    (eb: ExpressionBuilder<DB, 'requests'>) => eb.and([eb('status', 'in', ['accepted', 'in_progress', 'waiting']), eb('resolution_due', '<', asOf)]),
    (eb: ExpressionBuilder<DB, 'requests'>) => eb.and([eb('resolved_at', '>', asOf), eb('resolution_due', '<', asOf)]),
    (eb: ExpressionBuilder<DB, 'requests'>) => eb.and([eb('cancelled_at', '>', asOf), eb('resolution_due', '<', asOf)]),
  ]
}

/** Runs each overdue branch with the given columns and merges the rows (a row may match two). */
async function overdueRows<R extends { id: number }>(db: Kysely<DB>, asOf: string, run: (q: ReturnType<typeof overdueBase>) => Promise<R[]>): Promise<R[]> {
  const seen = new Set<number>()
  const out: R[] = []
  for (const branch of overdueBranches(asOf)) {
    for (const r of await run(overdueBase(db, asOf).where(branch))) {
      if (seen.has(r.id)) continue
      seen.add(r.id)
      out.push(r)
    }
  }
  return out
}

function overdueBase(db: Kysely<DB>, asOf: string) {
  return db
    .selectFrom('requests')
    .where('created_at', '<=', asOf)
    .where((eb) => eb.or([eb('cancelled_at', 'is', null), eb('cancelled_at', '>', asOf)]))
}

export type OverdueCandidate = Pick<
  RequestRow,
  'id' | 'code' | 'status' | 'customer_id' | 'provider_id' | 'title' | 'response_due' | 'responded_at' | 'cancelled_at' | 'resolution_due' | 'resolved_at' | 'waiting_since'
>

/** The few columns `request overdue` needs, for every request overdue at `asOf`. */
export async function listOverdueCandidates(db: Kysely<DB>, asOf: string): Promise<OverdueCandidate[]> {
  return overdueRows(db, asOf, (q) =>
    q.select(['id', 'code', 'status', 'customer_id', 'provider_id', 'title', 'response_due', 'responded_at', 'cancelled_at', 'resolution_due', 'resolved_at', 'waiting_since']).execute(),
  )
}

/** The non-overdue filters of listRequests, applied to rows already in hand. */
async function filterRows(db: Kysely<DB>, rows: RequestRow[], f: RequestFilter): Promise<RequestRow[]> {
  let co: Set<number> | undefined
  if (f.unitId !== undefined) {
    const ids = await db.selectFrom('request_units').select('request_id').where('unit_id', '=', f.unitId).execute()
    co = new Set(ids.map((r) => r.request_id))
  }
  return rows.filter(
    (r) =>
      (!f.statuses || f.statuses.length === 0 || f.statuses.includes(r.status)) &&
      (f.customerId === undefined || r.customer_id === f.customerId) &&
      (f.unitId === undefined || r.provider_id === f.unitId || co!.has(r.id)) &&
      (!f.dueFrom || r.response_due >= f.dueFrom) &&
      (!f.dueTo || r.response_due < f.dueTo),
  )
}
