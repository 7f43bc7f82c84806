import { addBusinessDays, businessMinutesBetween, createBusinessClock, type WorkSchedule } from '../calendar/business-time.js'
import { latenessOf } from '../calendar/lateness.js'
import { addDays, daysBetween, localDate } from '../calendar/dates.js'
import { visitDue } from '../collaboration/visit.js'
import { investigationTimeline } from '../complaints/complaint-timelines.js'
import { overdueAt, type ClockState } from '../requests/request.js'

/**
 * What needs attention today (policy 8.一.2 日常监督): the selection rules of `icm today`, pure.
 * Each rule takes the facts the repositories read and the time `asOf`, and returns the items a
 * department head should act on, each naming its code, the unit that acts and the command.
 */

export const SECTIONS = ['responses', 'resolutions', 'waiting', 'complaints', 'actions', 'findings', 'visits', 'projects', 'assessment'] as const
export type Section = (typeof SECTIONS)[number]

export interface TodayItem {
  section: Section
  /** overdue: past its deadline; due: due today or within the look-ahead */
  state: 'overdue' | 'due'
  /** REQ-0004, CMP-0005, ACT-0003, FND-0002, PRJ-0003, IT>FIN (a visit pair), 2026-H1 (an assessment) */
  code: string
  /** the unit that acts (a unit code); null for the company-wide assessment step */
  unit: string | null
  title: string
  /** the title in the interface language, when it differs (never in --json) */
  shownTitle?: string
  /** the deadline: an ISO instant for requests, a date otherwise; null when there is none */
  due: string | null
  /** how late, in `lateUnit`; 0 when due and not late */
  late: number
  lateUnit: 'businessHours' | 'businessDays' | 'days'
  /** days left until due (0 when due today or late) */
  daysLeft: number
  /** what it is about: the message key of its kind */
  what: What
  /** the icm command line that acts on it */
  command: string
}

export type What = 'response' | 'resolution' | 'waiting' | 'team' | 'investigation' | 'plan' | 'action' | 'finding' | 'project' | 'visit' | 'inputs' | 'finalize'

const round1 = (n: number) => Math.round(n * 10) / 10

function workDayMinutes(s: WorkSchedule): number {
  return s.endMinute - s.startMinute
}

export interface RequestFacts extends ClockState {
  code: string
  title: string
  /** the provider's unit code: who responds and resolves */
  provider: string
  /** the customer's unit code: who owes the answer while it waits */
  customer: string
}

/**
 * Requests: a response or resolution overdue at `asOf` (as `request overdue` judges it), with the
 * business hours late; one due later today (same local date, not yet past); one waiting on the
 * customer for more than `waitDays` business days (the customer's unit acts).
 */
export function requestItems(reqs: readonly RequestFacts[], asOf: Date, s: WorkSchedule, waitDays: number): TodayItem[] {
  const out: TodayItem[] = []
  const today = localDate(asOf)
  const t = asOf.getTime()
  const done = (iso: string | null) => iso !== null && Date.parse(iso) <= t
  const clock = createBusinessClock(s)
  for (const r of reqs) {
    if (done(r.cancelledAt)) continue
    const base = { code: r.code, unit: r.provider, title: r.title, lateUnit: 'businessHours' as const, daysLeft: 0 }
    const respond = `icm request respond ${r.code} --accept --expected YYYY-MM-DD`
    const resolve = `icm request resolve ${r.code} --note "…"`
    const o = overdueAt(r, asOf, clock)
    if (o) {
      const late = latenessOf(clock, o.due, asOf).businessHours
      out.push({ ...base, section: o.kind === 'response' ? 'responses' : 'resolutions', state: 'overdue', due: o.due.toISOString(), late, what: o.kind, command: o.kind === 'response' ? respond : resolve })
    } else if (!done(r.respondedAt)) {
      if (Date.parse(r.responseDue) >= t && localDate(new Date(r.responseDue)) === today) {
        out.push({ ...base, section: 'responses', state: 'due', due: r.responseDue, late: 0, what: 'response', command: respond })
      }
    } else if (r.resolutionDue !== null && !done(r.resolvedAt) && ['accepted', 'in_progress'].includes(r.status)) {
      if (Date.parse(r.resolutionDue) >= t && localDate(new Date(r.resolutionDue)) === today) {
        out.push({ ...base, section: 'resolutions', state: 'due', due: r.resolutionDue, late: 0, what: 'resolution', command: resolve })
      }
    }
    if (r.status === 'waiting' && r.waitingSince !== null && Date.parse(r.waitingSince) <= t) {
      const waited = businessMinutesBetween(s, new Date(r.waitingSince), asOf) / workDayMinutes(s)
      if (waited > waitDays) {
        out.push({
          section: 'waiting', state: 'overdue', code: r.code, unit: r.customer, title: r.title, due: null,
          late: round1(waited), lateUnit: 'businessDays', daysLeft: 0, what: 'waiting',
          command: `icm request resume ${r.code}`,
        })
      }
    }
  }
  return out
}

export interface ComplaintTodayFacts {
  code: string
  summary: string
  status: 'received' | 'investigating' | 'planned' | 'confirmed' | 'verified'
  /** the unit complained about */
  against: string
  /** the plan's responsible unit; null before a plan */
  responsible: string | null
  receivedAt: string
  planDeadline: string | null
}

/**
 * Complaints: received without an investigation team past complaint.investigate_hours business
 * hours (policy 7.二.1; the same deadline as `complaint show`, late in business hours); still being
 * investigated after complaint.plan_days business days from receipt, the plan's due time (late in
 * business days; the unit complained about acts); or planned or confirmed with the plan deadline
 * before today (late in days; the plan's responsible unit acts, its verification is due).
 */
export function complaintItems(cs: readonly ComplaintTodayFacts[], asOf: Date, s: WorkSchedule, planDays: number, investigateHours: number): TodayItem[] {
  const out: TodayItem[] = []
  const today = localDate(asOf)
  for (const c of cs) {
    const team = c.status === 'received' ? investigationTimeline(s, { status: c.status, receivedAt: new Date(c.receivedAt), investigatedAt: null }, investigateHours, asOf) : undefined
    if (team?.overdue) {
      out.push({
        section: 'complaints', state: 'overdue', code: c.code, unit: c.against, title: c.summary, due: team.due.toISOString(),
        late: team.hoursLate ?? 0, lateUnit: 'businessHours', daysLeft: 0,
        what: 'team', command: `icm complaint investigate ${c.code} --team "…"`,
      })
    } else if (c.status === 'received' || c.status === 'investigating') {
      const due = addBusinessDays(s, new Date(c.receivedAt), planDays)
      if (due.getTime() < asOf.getTime()) {
        out.push({
          section: 'complaints', state: 'overdue', code: c.code, unit: c.against, title: c.summary, due: due.toISOString(),
          late: round1(businessMinutesBetween(s, due, asOf) / workDayMinutes(s)), lateUnit: 'businessDays', daysLeft: 0,
          what: 'investigation', command: `icm complaint plan ${c.code} --responsible ${c.against} --measures "…"`,
        })
      }
    } else if ((c.status === 'planned' || c.status === 'confirmed') && c.planDeadline !== null && c.planDeadline < today) {
      out.push({
        section: 'complaints', state: 'overdue', code: c.code, unit: c.responsible ?? c.against, title: c.summary, due: c.planDeadline,
        late: daysBetween(c.planDeadline, today), lateUnit: 'days', daysLeft: 0,
        what: 'plan', command: `icm complaint verify ${c.code} --resolved yes --satisfaction N`,
      })
    }
  }
  return out
}

/** Something open with a due date, by its owning unit: an improvement action, an audit finding or a project. */
export interface DatedFacts {
  code: string
  unit: string
  title: string
  /** the title as a person reads it in the interface language (a finding's severity by its label); --json keeps `title` */
  shownTitle?: string
  /** 'YYYY-MM-DD' */
  due: string
}

/**
 * Dated work (actions, projects): overdue when due before today (late in days), due when due
 * today or within `days` days after it. Findings use `days` = -1: only the overdue ones.
 */
export function datedItems(section: 'actions' | 'findings' | 'projects', xs: readonly DatedFacts[], today: string, days: number, command: (code: string) => string): TodayItem[] {
  const out: TodayItem[] = []
  const horizon = addDays(today, days)
  for (const x of xs) {
    const base = { section, code: x.code, unit: x.unit, title: x.title, ...(x.shownTitle !== undefined ? { shownTitle: x.shownTitle } : {}), due: x.due, lateUnit: 'days' as const, what: (section === 'actions' ? 'action' : section === 'findings' ? 'finding' : 'project') as What, command: command(x.code) }
    if (x.due < today) out.push({ ...base, state: 'overdue', late: daysBetween(x.due, today), daysLeft: 0 })
    else if (x.due <= horizon) out.push({ ...base, state: 'due', late: 0, daysLeft: daysBetween(today, x.due) })
  }
  return out
}

export interface VisitPairFacts {
  supplier: string
  customer: string
  customerName: string
  /** the last visit on or before today, 'YYYY-MM-DD'; null when never */
  lastVisit: string | null
}

/** Follow-up visits due (visit.interval_days since the last one, or never made): the supplier visits. */
export function visitItems(pairs: readonly VisitPairFacts[], today: string, intervalDays: number): TodayItem[] {
  const out: TodayItem[] = []
  for (const p of pairs) {
    const d = visitDue(p.lastVisit, today, intervalDays)
    if (!d.due) continue
    out.push({
      section: 'visits', state: d.daysOverdue > 0 ? 'overdue' : 'due', code: `${p.supplier}>${p.customer}`, unit: p.supplier,
      title: `${p.customer} ${p.customerName}`, due: d.nextDue, late: d.daysOverdue, lateUnit: 'days', daysLeft: 0,
      what: 'visit',
      command: `icm visit log --by ${p.supplier} --customer ${p.customer} --date ${today} --satisfaction N`,
    })
  }
  return out
}

export interface AssessmentFacts {
  /** the half-year being judged: '2026-H1', its last day and whether its table is final */
  period: string
  endDate: string
  final: boolean
  /** the units assessed (active departments) and their inputs in that period */
  units: readonly { code: string; self: number | null; superior: number | null }[]
}

/**
 * The open steps of an assessment period: each assessed unit without a self or superior score,
 * once the period ends within `days` days (or has ended) and while it is not final; and the
 * period itself when it has ended and is still not final (company-wide, unit null).
 */
export function assessmentItems(a: AssessmentFacts, today: string, days: number): TodayItem[] {
  if (a.final || daysBetween(today, a.endDate) > days) return []
  const ended = a.endDate < today
  const out: TodayItem[] = []
  for (const u of a.units) {
    const missing = [u.self === null ? 'self' : null, u.superior === null ? 'superior' : null].filter((x) => x !== null)
    if (missing.length === 0) continue
    out.push({
      section: 'assessment', state: ended ? 'overdue' : 'due', code: a.period, unit: u.code, title: missing.join(', '),
      due: a.endDate, late: ended ? daysBetween(a.endDate, today) : 0, lateUnit: 'days', daysLeft: ended ? 0 : daysBetween(today, a.endDate),
      what: 'inputs', command: `icm assess input --period ${a.period} --unit ${u.code} --self N --superior N`,
    })
  }
  if (ended) {
    out.push({
      section: 'assessment', state: 'overdue', code: a.period, unit: null, title: a.endDate, due: a.endDate,
      late: daysBetween(a.endDate, today), lateUnit: 'days', daysLeft: 0, what: 'finalize', command: `icm assess finalize --period ${a.period}`,
    })
  }
  return out
}

/** The half-year containing `today` and the one before it: 2026-07-01 → 2026-H2 and 2026-H1. */
export function halvesAround(today: string): { running: string; previous: string } {
  const year = Number(today.slice(0, 4))
  const firstHalf = today.slice(5) <= '06-30'
  return { running: `${year}-${firstHalf ? 'H1' : 'H2'}`, previous: firstHalf ? `${year - 1}-H2` : `${year}-H1` }
}

/**
 * The half-year whose assessment steps are open on `today`: the previous half when it was
 * started (a draft table or some inputs) and is not final; else the running one, whose inputs
 * fall due as it ends. A half nobody started is not nagged about.
 */
export function assessmentPeriodOf(today: string, stateOf: (period: string) => 'final' | 'started' | 'none'): string {
  const { running, previous } = halvesAround(today)
  return stateOf(previous) === 'started' ? previous : running
}
