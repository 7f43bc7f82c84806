import type { Kysely } from 'kysely'
import type { AppContext } from '../../cli/context.js'
import { confirm, printEntity, shownInstant } from '../../cli/output.js'
import type { WorkSchedule } from '../../domain/calendar/business-time.js'
import { daysBetween, formatInstant, localDate } from '../../domain/calendar/dates.js'
import { complaintFacts, type Complaint, type Evidence } from '../../domain/complaints/complaint.js'
import { isOverdueComplaint } from '../../domain/complaints/complaint-rules.js'
import { investigationTimeline, milestoneDaysOverdue, overdueReasons, type Milestone } from '../../domain/complaints/complaint-timelines.js'
import { checkComplaintStep, complaintAfter, type ComplaintStep, type ComplaintStepKind } from '../../domain/complaints/complaint-steps.js'
import { NotFoundError } from '../../domain/errors.js'
import { loadSchedule } from '../../storage/calendar-repo.js'
import { listMilestones } from '../../storage/complaint-milestones-repo.js'
import { appendComplaintStep, findComplaintByCode, requestCodesByIds, saveComplaint } from '../../storage/complaints-repo.js'
import { loadPolicy } from '../../storage/config-repo.js'
import { appendEvent } from '../../storage/events-repo.js'
import type { DB } from '../../storage/schema.js'
import { unitCodesById } from '../../storage/units-repo.js'
import { t } from '../../domain/i18n/catalog.js'

/** What the complaint commands share: finding a complaint, its JSON, and running one step of it. */

export async function requireComplaint(db: Kysely<DB>, code: string): Promise<Complaint> {
  const c = await findComplaintByCode(db, code)
  if (!c) throw new NotFoundError(t('complaint.unknown', { code }), t('complaint.unknown.hint'))
  return c
}

/** What the time limits of complaints are read against: the business calendar, the policy's investigation hours and now. */
export interface ComplaintClock {
  now: Date
  today: string
  schedule: WorkSchedule
  investigateHours: number
}

/** The clock of the complaint commands, from the database's calendar and config. */
export async function complaintClock(ctx: AppContext, db: Kysely<DB>): Promise<ComplaintClock> {
  const policy = await loadPolicy(db)
  const now = ctx.now()
  return { now, today: localDate(now), schedule: await loadSchedule(db, policy), investigateHours: policy.complaintInvestigateHours }
}

/**
 * The JSON of a complaint: unit references as codes, instants with the local offset. `overdue`
 * is about the plan deadline; `overdueReasons` lists everything past due (investigation team,
 * plan, milestones).
 */
export function complaintJson(c: Complaint, codes: ReadonlyMap<number, string>, requests: ReadonlyMap<number, string>, clock: ComplaintClock, milestones: readonly Milestone[]) {
  const unit = (id: number | null) => (id === null ? null : (codes.get(id) ?? null))
  const today = clock.today
  const overdue = isOverdueComplaint(complaintFacts(c), today)
  const inv = investigationTimeline(clock.schedule, { status: c.status, receivedAt: new Date(c.receivedAt), investigatedAt: c.investigatedAt === null ? null : new Date(c.investigatedAt) }, clock.investigateHours, clock.now)
  return {
    code: c.code,
    status: c.status,
    against: unit(c.againstId),
    anonymous: c.complainantId === null,
    from: unit(c.complainantId),
    channel: c.channel,
    summary: c.summary,
    request: c.requestId === null ? null : (requests.get(c.requestId) ?? null),
    handler: c.handler,
    receivedAt: shownInstant(c.receivedAt),
    investigatedAt: shownInstant(c.investigatedAt),
    investigation: { due: formatInstant(inv.due), late: inv.late, overdue: inv.overdue, hoursLate: inv.hoursLate },
    plan: c.plan === null ? null : { responsible: unit(c.plan.responsibleId), measures: c.plan.measures, deadline: c.plan.deadline, plannedAt: shownInstant(c.plan.plannedAt) },
    feedback: c.feedback === null ? null : { accepted: c.feedback.accepted, note: c.feedback.note, at: shownInstant(c.feedback.at) },
    verification: c.verification === null ? null : { resolved: c.verification.resolved, satisfaction: c.verification.satisfaction, note: c.verification.note, at: shownInstant(c.verification.at) },
    rootCause: c.rootCause === null ? null : { category: c.rootCause.category, analysis: c.rootCause.analysis, at: shownInstant(c.rootCause.at) },
    overdue,
    daysOverdue: overdue ? daysBetween(c.plan!.deadline, today) : null,
    milestones: milestones.map((m) => ({
      n: m.seq,
      due: m.due,
      title: m.title,
      done: m.doneAt !== null,
      doneAt: shownInstant(m.doneAt),
      superseded: m.supersededAt !== null,
      daysOverdue: milestoneDaysOverdue(m, c.status, today),
    })),
    overdueReasons: overdueReasons(overdue, inv, milestones, c.status, today),
    closedAt: c.status === 'verified' ? shownInstant(c.verification?.at) : null,
    updatedAt: shownInstant(c.updatedAt),
  }
}

export function evidenceJson(code: string, e: Evidence) {
  return { complaint: code, seq: e.seq, kind: e.kind, note: e.note, file: e.file, at: shownInstant(e.at), actor: e.actor }
}

/** The JSON of a complaint as of now, its units and related request looked up. */
export async function jsonOf(ctx: AppContext, c: Complaint): Promise<ReturnType<typeof complaintJson>> {
  const store = await ctx.store()
  const requests = await requestCodesByIds(store.db, c.requestId === null ? [] : [c.requestId])
  return complaintJson(c, await unitCodesById(store.db), requests, await complaintClock(ctx, store.db), await listMilestones(store.db, c.id))
}

/** With --json the complaint after a step; the confirmation on stderr either way. */
export async function printChanged(ctx: AppContext, c: Complaint, message: string): Promise<void> {
  if (ctx.json) printEntity(ctx, await jsonOf(ctx, c), [])
  confirm(ctx, message)
}

export interface StepSpec<T> {
  /** the action and, for feedback and verify, the answer: what the state machine decides on */
  kind: ComplaintStepKind
  /** the step's name in the timeline and the event's ('complaint.<event>') */
  step: string
  event: string
  at: Date
  /** looks up and writes the step's own rows; returns the step, what the timeline records and a result */
  prepare: (trx: Kysely<DB>, c: Complaint) => Promise<{ step: ComplaintStep; details: Record<string, unknown>; result: T }>
}

/**
 * One step of a complaint in one write transaction: the domain refuses it or says the status it
 * leads to (before anything is looked up), then the complaint, its timeline and the event log
 * are written.
 */
export async function runComplaintStep<T>(ctx: AppContext, code: string, spec: StepSpec<T>): Promise<{ row: Complaint; result: T }> {
  const store = await ctx.store()
  return store.write(async (trx) => {
    const c = await requireComplaint(trx, code)
    checkComplaintStep(c, spec.kind, spec.at)
    const { step, details, result } = await spec.prepare(trx, c)
    const next = complaintAfter(c, step, spec.at, ctx.now())
    const row = await saveComplaint(trx, next)
    await appendComplaintStep(trx, { complaintId: c.id, at: spec.at, actor: ctx.actor, step: spec.step, statusBefore: c.status, statusAfter: next.status, details })
    await appendEvent(trx, ctx.event(`complaint.${spec.event}`, c.code, { ...details, statusBefore: c.status, statusAfter: next.status, at: spec.at.toISOString() }))
    return { row, result }
  })
}
