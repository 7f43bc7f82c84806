import type { Kysely } from 'kysely'
import { complaintOutcome } from '../domain/complaints/complaint-rules.js'
import type { AssessInput, AssessLevel, AssessUnit, ComplaintInput, OnTimeCount, ProjectInput, RequestInput, SatisfactionInput } from '../domain/assessment/assessment.js'
import { assessPolicyOf } from '../domain/assessment/score-table.js'
import type { PeriodBounds } from '../domain/calendar/period.js'
import { listInputs } from './assessments-repo.js'
import { loadSchedule } from './calendar-repo.js'
import { loadPolicy } from './config-repo.js'
import { listProjectParticipations } from './projects-repo.js'
import type { DB } from './schema.js'
import { satisfactionAggregates } from './surveys-repo.js'

/**
 * The data of one assessment period, in the shapes src/domain/assessment/assessment.ts takes.
 * Large data is read narrowly: survey responses are aggregated in SQL; requests are read four
 * columns each.
 */

/** Everything a period's table is computed from, at a level, as of a time (nothing is written). */
export async function loadAssessInput(db: Kysely<DB>, b: PeriodBounds, level: AssessLevel, asOf: Date): Promise<AssessInput> {
  const policy = await loadPolicy(db)
  const [units, schedule, satisfaction, requests, projects, complaints, inputs] = await Promise.all([
    assessUnitsOf(db),
    loadSchedule(db, policy),
    satisfactionInputs(db, b),
    requestInputs(db, b, asOf),
    projectInputs(db, b),
    complaintInputs(db, b),
    listInputs(db, b.code),
  ])
  return {
    units,
    level,
    policy: assessPolicyOf(policy),
    asOf,
    schedule,
    satisfaction,
    requestsOnTime: requests.onTime,
    requests: requests.others,
    projects,
    complaints,
    inputs,
  }
}

export async function assessUnitsOf(db: Kysely<DB>): Promise<AssessUnit[]> {
  const rows = await db.selectFrom('units').select(['id', 'code', 'name', 'kind', 'parent_id', 'active']).orderBy('code').execute()
  return rows.map((u) => ({ id: u.id, code: u.code, name: u.name, kind: u.kind, parentId: u.parent_id, active: u.active === 1 }))
}

/** Service-survey satisfaction per rated unit (the one implementation relation assess shares). */
export async function satisfactionInputs(db: Kysely<DB>, b: PeriodBounds): Promise<SatisfactionInput[]> {
  const rows = await satisfactionAggregates(db, { from: b.startDate, to: b.endDate, kind: 'service', groupBy: 'rated' })
  return rows.map((r) => ({ unitId: r.ratedId, count: r.count, valueSum: r.valueSum }))
}

/**
 * The requests whose response was due in the period: per provider, how many were answered on
 * time by `asOf` (responded at or before the due time: counted in SQL over a covering index,
 * as there are many), and every other one in full for the domain to classify (late, or left out).
 */
export async function requestInputs(db: Kysely<DB>, b: PeriodBounds, asOf: Date): Promise<{ onTime: OnTimeCount[]; others: RequestInput[] }> {
  const at = asOf.toISOString()
  const inPeriod = db.selectFrom('requests').where('response_due', '>=', b.from).where('response_due', '<', b.to)
  const counts = await inPeriod
    .select(['provider_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('responded_at', '<=', at)
    .whereRef('responded_at', '<=', 'response_due')
    .groupBy('provider_id')
    .execute()
  const rows = await inPeriod
    .select(['code', 'provider_id', 'response_due', 'responded_at', 'cancelled_at'])
    .where((eb) => eb.or([eb('responded_at', 'is', null), eb('responded_at', '>', at), eb('responded_at', '>', eb.ref('response_due'))]))
    .execute()
  return {
    onTime: counts.map((c) => ({ unitId: c.provider_id, count: Number(c.n) })),
    others: [
      ...rows.map((r) => ({
        code: r.code,
        unitId: r.provider_id,
        responseDue: new Date(r.response_due),
        respondedAt: r.responded_at === null ? null : new Date(r.responded_at),
        cancelledAt: r.cancelled_at === null ? null : new Date(r.cancelled_at),
      })),
      ...(await supersededClocks(db, b)),
    ],
  }
}

/**
 * The response clocks that changes of scope ended (request_changes), due in the period: each
 * counts like a request cancelled at the change — answered on time or late as it was, unanswered
 * late when the change came after its due time, else left out. A change after asOf has not
 * happened yet at asOf (kpi.ts classifyResponseTimeliness), so the clock counts as it stood then.
 */
async function supersededClocks(db: Kysely<DB>, b: PeriodBounds): Promise<RequestInput[]> {
  const rows = await db
    .selectFrom('request_changes as c')
    .innerJoin('requests as r', 'r.id', 'c.request_id')
    .select(['r.code', 'r.provider_id', 'r.response_due', 'c.at', 'c.superseded_provider_id', 'c.superseded_response_due', 'c.superseded_responded_at'])
    .where('c.superseded_response_due', '>=', b.from)
    .where('c.superseded_response_due', '<', b.to)
    .orderBy('c.id')
    .execute()
  return rows.map((c) => ({
    code: c.code,
    unitId: c.superseded_provider_id!,
    responseDue: new Date(c.superseded_response_due!),
    respondedAt: c.superseded_responded_at === null ? null : new Date(c.superseded_responded_at),
    cancelledAt: new Date(c.at),
    superseded: { at: new Date(c.at), currentProviderInPeriod: c.response_due >= b.from && c.response_due < b.to ? c.provider_id : null },
  }))
}

/** Every unit's part in the projects due in the period. */
export async function projectInputs(db: Kysely<DB>, b: PeriodBounds): Promise<ProjectInput[]> {
  const parts = await listProjectParticipations(db, { dueFrom: b.startDate, dueTo: b.endDate })
  return parts.map((p) => ({
    code: p.code,
    unitId: p.unitId,
    role: p.role,
    due: p.due,
    completedOn: p.completedOn,
    quality: p.quality,
    cancelled: p.status === 'cancelled',
  }))
}

/** Every complaint received in the period, against whom, and how it was handled (the columns H needs). */
export async function complaintInputs(db: Kysely<DB>, b: PeriodBounds): Promise<ComplaintInput[]> {
  const rows = await db
    .selectFrom('complaints')
    .select(['code', 'against_id', 'status', 'plan_deadline', 'verified_at', 'satisfaction'])
    .where('received_at', '>=', b.from)
    .where('received_at', '<', b.to)
    .execute()
  return rows.map((c) => {
    const verifiedAt = c.verified_at === null ? null : new Date(c.verified_at)
    return {
      code: c.code,
      unitId: c.against_id,
      outcome: complaintOutcome({ status: c.status, planDeadline: c.plan_deadline, verifiedAt, satisfaction: c.satisfaction }),
      planDeadline: c.plan_deadline,
      verifiedAt,
    }
  })
}
