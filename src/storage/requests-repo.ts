import type { ExpressionBuilder, Kysely } from 'kysely'
import type { PeriodBounds } from '../domain/calendar/period.js'
import type { NewRequest, Request } from '../domain/requests/request.js'
import type { RequestStatus } from '../domain/requests/request-state.js'
import type { DB, RequestRow, RequestTable } from './schema.js'
import { nextCode } from './sequences-repo.js'

/** Requests and their co-responsible units: domain values in, domain values out. */

/** A stored request as the rules see it. */
function requestOf(r: RequestRow): Request {
  return {
    id: r.id,
    code: r.code,
    customerId: r.customer_id,
    providerId: r.provider_id,
    serviceId: r.service_id,
    channel: r.channel,
    title: r.title,
    description: r.description,
    status: r.status as RequestStatus,
    neededBy: r.needed_by,
    loggedAt: r.created_at,
    responseDue: r.response_due,
    respondedAt: r.responded_at,
    responseOnTime: r.response_on_time === null ? null : r.response_on_time === 1,
    decision: r.decision,
    expectedDate: r.expected_date,
    rejectReason: r.reject_reason,
    resolutionDue: r.resolution_due,
    pausedMinutes: r.paused_minutes,
    waitingSince: r.waiting_since,
    waitingReason: r.waiting_reason,
    startedAt: r.started_at,
    resolvedAt: r.resolved_at,
    resolutionNote: r.resolution_note,
    closedAt: r.closed_at,
    satisfaction: r.satisfaction,
    cancelledAt: r.cancelled_at,
    cancelReason: r.cancel_reason,
    lastStepAt: r.last_step_at,
    updatedAt: r.updated_at,
  }
}

/** The columns of a request's state (all but the id, the code and the unused overrides). */
function columnsOf(r: NewRequest): Omit<RequestTable, 'id' | 'code' | 'important_override' | 'urgent_override'> {
  return {
    customer_id: r.customerId,
    provider_id: r.providerId,
    service_id: r.serviceId,
    channel: r.channel,
    title: r.title,
    description: r.description,
    status: r.status,
    needed_by: r.neededBy,
    created_at: r.loggedAt,
    response_due: r.responseDue,
    responded_at: r.respondedAt,
    response_on_time: r.responseOnTime === null ? null : r.responseOnTime ? 1 : 0,
    decision: r.decision,
    expected_date: r.expectedDate,
    reject_reason: r.rejectReason,
    resolution_due: r.resolutionDue,
    paused_minutes: r.pausedMinutes,
    waiting_since: r.waitingSince,
    waiting_reason: r.waitingReason,
    started_at: r.startedAt,
    resolved_at: r.resolvedAt,
    resolution_note: r.resolutionNote,
    closed_at: r.closedAt,
    satisfaction: r.satisfaction,
    cancelled_at: r.cancelledAt,
    cancel_reason: r.cancelReason,
    last_step_at: r.lastStepAt,
    updated_at: r.updatedAt,
  }
}

export async function findRequestByCode(db: Kysely<DB>, code: string): Promise<Request | undefined> {
  const row = await db.selectFrom('requests').selectAll().where('code', '=', code.trim().toUpperCase()).executeTakeFirst()
  return row && requestOf(row)
}

/** Stores a new request under the next code of its series (REQ-0001 …), inside the caller's write transaction. */
export async function insertRequest(db: Kysely<DB>, r: NewRequest): Promise<Request> {
  const code = await nextCode(db, 'REQ')
  const row = await db
    .insertInto('requests')
    .values({ ...columnsOf(r), code, important_override: null, urgent_override: null })
    .returningAll()
    .executeTakeFirstOrThrow()
  return requestOf(row)
}

/** Stores a request's new state (as a step or a change of the domain returned it). */
export async function saveRequest(db: Kysely<DB>, r: Request): Promise<Request> {
  const row = await db.updateTable('requests').set(columnsOf(r)).where('id', '=', r.id).returningAll().executeTakeFirstOrThrow()
  return requestOf(row)
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

export interface RequestFilter {
  statuses?: readonly string[]
  customerId?: number
  /** the provider or a co-responsible unit */
  unitId?: number
  /** response due within the period */
  responseDueIn?: PeriodBounds
  /** only requests overdue as of this instant (candidates; the domain decides) */
  overdueAsOf?: Date
  limit?: number
}

/** Requests matching a filter, oldest first. Overdue candidates come from the deadline indexes. */
export async function listRequests(db: Kysely<DB>, f: RequestFilter = {}): Promise<Request[]> {
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
  if (f.responseDueIn) q = q.where('response_due', '>=', f.responseDueIn.from).where('response_due', '<', f.responseDueIn.to)
  if (f.overdueAsOf) {
    // the overdue branches use their own indexes; the other filters apply to what they find
    const others = { ...f, overdueAsOf: undefined }
    const rows = await overdueRows(db, f.overdueAsOf.toISOString(), (b) => b.selectAll().execute())
    return (await filterRows(db, rows, others)).sort((a, b) => (a.created_at < b.created_at ? -1 : a.created_at > b.created_at ? 1 : a.id - b.id)).map(requestOf)
  }
  q = q.orderBy('created_at').orderBy('id')
  if (f.limit) q = q.limit(f.limit)
  return (await q.execute()).map(requestOf)
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

/** What `request overdue` reads of a request: enough to tell whether and how it is late. */
export type OverdueCandidate = Pick<
  Request,
  'id' | 'code' | 'status' | 'customerId' | 'providerId' | 'title' | 'responseDue' | 'respondedAt' | 'cancelledAt' | 'resolutionDue' | 'resolvedAt' | 'waitingSince'
>

/** The few columns `request overdue` needs, for every request overdue at `asOf`. */
export async function listOverdueCandidates(db: Kysely<DB>, asOf: Date): Promise<OverdueCandidate[]> {
  const rows = await overdueRows(db, asOf.toISOString(), (q) =>
    q.select(['id', 'code', 'status', 'customer_id', 'provider_id', 'title', 'response_due', 'responded_at', 'cancelled_at', 'resolution_due', 'resolved_at', 'waiting_since']).execute(),
  )
  return rows.map((r) => ({
    id: r.id,
    code: r.code,
    status: r.status as RequestStatus,
    customerId: r.customer_id,
    providerId: r.provider_id,
    title: r.title,
    responseDue: r.response_due,
    respondedAt: r.responded_at,
    cancelledAt: r.cancelled_at,
    resolutionDue: r.resolution_due,
    resolvedAt: r.resolved_at,
    waitingSince: r.waiting_since,
  }))
}

/** The non-overdue filters of listRequests, applied to rows already in hand. */
async function filterRows(db: Kysely<DB>, rows: RequestRow[], f: RequestFilter): Promise<RequestRow[]> {
  let co: Set<number> | undefined
  if (f.unitId !== undefined) {
    const ids = await db.selectFrom('request_units').select('request_id').where('unit_id', '=', f.unitId).execute()
    co = new Set(ids.map((r) => r.request_id))
  }
  const due = f.responseDueIn
  return rows.filter(
    (r) =>
      (!f.statuses || f.statuses.length === 0 || f.statuses.includes(r.status)) &&
      (f.customerId === undefined || r.customer_id === f.customerId) &&
      (f.unitId === undefined || r.provider_id === f.unitId || co!.has(r.id)) &&
      (!due || (r.response_due >= due.from && r.response_due < due.to)),
  )
}
