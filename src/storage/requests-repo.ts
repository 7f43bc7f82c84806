import type { Kysely } from 'kysely'
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
    const asOf = f.overdueAsOf
    q = q.where((eb) =>
      eb.or([
        eb.and([eb('response_due', '<', asOf), eb.or([eb('responded_at', 'is', null), eb('responded_at', '>', asOf)])]),
        eb.and([eb('resolution_due', '<', asOf), eb.or([eb('resolved_at', 'is', null), eb('resolved_at', '>', asOf)])]),
      ]),
    )
  }
  q = q.orderBy('created_at').orderBy('id')
  if (f.limit) q = q.limit(f.limit)
  return q.execute()
}
