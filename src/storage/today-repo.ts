import type { Kysely } from 'kysely'
import { localDate } from '../domain/calendar/dates.js'
import type { ComplaintTodayFacts, DatedFacts, RequestFacts, VisitPairFacts } from '../domain/today/items.js'
import type { UnitInfo } from '../domain/today/digest.js'
import { loadCustomerMap } from './customer-map-repo.js'
import type { DB } from './schema.js'
import { label, t } from '../domain/i18n/catalog.js'
import { visitsByPair } from './visits-repo.js'

/** What `icm today` reads: the open work of every kind, as the selection rules of domain/today take it. */

/** Every unit (inactive ones too: old work may still name them), by code. */
export async function todayUnits(db: Kysely<DB>): Promise<Map<string, UnitInfo & { id: number; active: boolean }>> {
  const rows = await db.selectFrom('units').select(['id', 'code', 'name', 'kind', 'parent_id', 'active']).execute()
  const codeOf = new Map(rows.map((r) => [r.id, r.code]))
  return new Map(
    rows.map((r) => [r.code, { id: r.id, code: r.code, name: r.name, kind: r.kind, parent: r.parent_id === null ? null : (codeOf.get(r.parent_id) ?? null), active: r.active === 1 }]),
  )
}

/**
 * Requests that may be due or late at `asOf`: logged by then, not cancelled by then, and with a
 * response or a resolution still owed then (or waiting on the customer).
 */
export async function todayRequests(db: Kysely<DB>, asOf: Date): Promise<RequestFacts[]> {
  const at = asOf.toISOString()
  const rows = await db
    .selectFrom('requests as r')
    .innerJoin('units as p', 'p.id', 'r.provider_id')
    .innerJoin('units as c', 'c.id', 'r.customer_id')
    .select(['r.code', 'r.title', 'r.status', 'r.response_due', 'r.responded_at', 'r.cancelled_at', 'r.resolution_due', 'r.resolved_at', 'r.waiting_since', 'p.code as provider', 'c.code as customer'])
    .where('r.created_at', '<=', at)
    .where((eb) => eb.or([eb('r.cancelled_at', 'is', null), eb('r.cancelled_at', '>', at)]))
    .where((eb) =>
      eb.or([
        eb('r.responded_at', 'is', null),
        eb('r.responded_at', '>', at),
        eb.and([eb('r.resolution_due', 'is not', null), eb.or([eb('r.resolved_at', 'is', null), eb('r.resolved_at', '>', at)])]),
      ]),
    )
    .orderBy('r.code')
    .execute()
  return rows.map((r) => ({
    code: r.code,
    title: r.title,
    status: r.status,
    provider: r.provider,
    customer: r.customer,
    responseDue: r.response_due,
    respondedAt: r.responded_at,
    cancelledAt: r.cancelled_at,
    resolutionDue: r.resolution_due,
    resolvedAt: r.resolved_at,
    waitingSince: r.waiting_since,
  }))
}

/** Complaints not yet verified resolved, received by `asOf`. */
export async function todayComplaints(db: Kysely<DB>, asOf: Date): Promise<ComplaintTodayFacts[]> {
  const rows = await db
    .selectFrom('complaints as c')
    .innerJoin('units as a', 'a.id', 'c.against_id')
    .leftJoin('units as p', 'p.id', 'c.plan_responsible_id')
    .select(['c.code', 'c.summary', 'c.status', 'c.received_at', 'c.plan_deadline', 'a.code as against', 'p.code as responsible'])
    .where('c.status', '<>', 'verified')
    .where('c.received_at', '<=', asOf.toISOString())
    .orderBy('c.code')
    .execute()
  return rows.map((r) => ({ code: r.code, summary: r.summary, status: r.status, against: r.against, responsible: r.responsible, receivedAt: r.received_at, planDeadline: r.plan_deadline }))
}

/** Open improvement actions due on or before `until` ('YYYY-MM-DD'). */
export async function todayActions(db: Kysely<DB>, until: string): Promise<DatedFacts[]> {
  const rows = await db
    .selectFrom('actions as a')
    .innerJoin('units as u', 'u.id', 'a.owner_id')
    .select(['a.code', 'a.description', 'a.due', 'u.code as unit'])
    .where('a.status', '=', 'open')
    .where('a.due', '<=', until)
    .orderBy('a.code')
    .execute()
  return rows.map((r) => ({ code: r.code, unit: r.unit, title: r.description, due: r.due }))
}

/** Open audit findings due on or before `until`. */
export async function todayFindings(db: Kysely<DB>, until: string): Promise<DatedFacts[]> {
  const rows = await db
    .selectFrom('findings as f')
    .innerJoin('units as u', 'u.id', 'f.unit_id')
    .innerJoin('audits as a', 'a.id', 'f.audit_id')
    .select(['f.code', 'f.description', 'f.due', 'f.severity', 'u.code as unit', 'a.code as audit'])
    .where('f.status', '=', 'open')
    .where('f.due', '<=', until)
    .orderBy('f.code')
    .execute()
  return rows.map((r) => ({ code: r.code, unit: r.unit, title: `${r.audit} ${r.severity}: ${r.description}`, shownTitle: t('audit.findingTitle', { audit: r.audit, severity: label('severity', r.severity), description: r.description }), due: r.due }))
}

/** Open projects due on or before `until`. */
export async function todayProjects(db: Kysely<DB>, until: string): Promise<DatedFacts[]> {
  const rows = await db
    .selectFrom('projects as p')
    .innerJoin('units as u', 'u.id', 'p.owner_id')
    .select(['p.code', 'p.name', 'p.due', 'p.progress', 'u.code as unit'])
    .where('p.status', '=', 'open')
    .where('p.due', '<=', until)
    .orderBy('p.code')
    .execute()
  return rows.map((r) => ({ code: r.code, unit: r.unit, title: `${r.name} (${r.progress}%)`, due: r.due }))
}

/** Every supplier→customer pair of the customer map with its last visit on or before `asOf`'s day. */
export async function todayVisitPairs(db: Kysely<DB>, asOf: Date): Promise<VisitPairFacts[]> {
  const pairs = await loadCustomerMap(db)
  const ids = new Map((await db.selectFrom('units').select(['id', 'code']).execute()).map((u) => [u.code, u.id]))
  const last = new Map((await visitsByPair(db, { upTo: localDate(asOf) })).map((v) => [`${v.supplierId}>${v.customerId}`, v.lastDate]))
  return pairs.map((p) => ({
    supplier: p.supplier,
    customer: p.customer,
    customerName: p.customerName,
    lastVisit: last.get(`${ids.get(p.supplier)}>${ids.get(p.customer)}`) ?? null,
  }))
}

/** An assessment period's state: final, started (a draft table or some inputs) or none. */
export async function assessmentState(db: Kysely<DB>, period: string): Promise<'final' | 'started' | 'none'> {
  const table = await db.selectFrom('assessments').select('state').where('period', '=', period).executeTakeFirst()
  if (table) return table.state === 'final' ? 'final' : 'started'
  const input = await db.selectFrom('assessment_inputs').select('unit_id').where('period', '=', period).limit(1).executeTakeFirst()
  return input ? 'started' : 'none'
}

/** The self and superior scores of a period, by unit code. */
export async function assessmentInputsByCode(db: Kysely<DB>, period: string): Promise<Map<string, { self: number | null; superior: number | null }>> {
  const rows = await db
    .selectFrom('assessment_inputs as i')
    .innerJoin('units as u', 'u.id', 'i.unit_id')
    .select(['u.code', 'i.self', 'i.superior'])
    .where('i.period', '=', period)
    .execute()
  return new Map(rows.map((r) => [r.code, { self: r.self, superior: r.superior }]))
}
