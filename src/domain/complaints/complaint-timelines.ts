import { addBusinessHours, businessMinutesBetween, type WorkSchedule } from '../calendar/business-time.js'
import { daysBetween, localDate, parseDate } from '../calendar/dates.js'
import { NotFoundError, UserError } from '../errors.js'
import { quote } from '../excerpt.js'
import type { ComplaintStatus } from './complaint-state.js'
import { t } from '../i18n/catalog.js'

/**
 * The time limits of complaint handling besides the plan deadline (policy 7.二.1 迅速组建调查小组,
 * 7.三.1 时间节点, 7.三.2 跟踪处理进度): the investigation team is due within
 * `complaint.investigate_hours` business hours of receipt, and a plan may set dated milestones
 * that progress marks done. Neither changes H.
 */

export interface Milestone {
  /** 1, 2, … within the complaint */
  seq: number
  /** 'YYYY-MM-DD' */
  due: string
  title: string
  /** ISO instant the plan set it */
  createdAt: string
  doneAt: string | null
  supersededAt: string | null
}

/** "2026-04-10 备用服务器上线" → { due: '2026-04-10', title: '备用服务器上线' } (the date as people write it). */
export function parseMilestone(text: string): { due: string; title: string } {
  const m = /^\s*(\S+)\s+(.*\S)\s*$/su.exec(text)
  if (!m) throw new UserError(t('complaint.milestoneFormat', { text: quote(text) }), t('complaint.milestoneFormat.hint'))
  return { due: parseDate(m[1]!, '--milestone date'), title: m[2]! }
}

/** A milestone may not be due before the day the complaint was received. */
export function checkMilestoneDue(due: string, receivedAt: Date, code: string): string {
  const received = localDate(receivedAt)
  if (due < received) throw new UserError(t('complaint.milestoneBeforeReceived', { due, code, received }), t('complaint.milestoneBeforeReceived.hint'))
  return due
}

export interface InvestigationTimeline {
  /** the instant the team is due: receipt + `hours` business hours */
  due: Date
  /** the team was formed at least one business minute after it was due; null without a team */
  late: boolean | null
  /** no team yet, the complaint is open and at least one business minute has passed since it was due */
  overdue: boolean
  /** business hours past due (one decimal) when late or overdue, else null */
  hoursLate: number | null
}

/**
 * The investigation deadline of a complaint received at `receivedAt` and whether its team came
 * in time. Received Fri 17:00 with 8 hours: 1 hour on Friday, 7 on Monday → due Mon 16:00; a
 * team formed Mon 16:00 is on time, one formed Tue 10:00 is 2.0 business hours late.
 */
export function investigationTimeline(
  s: WorkSchedule,
  c: { status: ComplaintStatus; receivedAt: Date; investigatedAt: Date | null },
  hours: number,
  now: Date,
): InvestigationTimeline {
  const due = addBusinessHours(s, c.receivedAt, hours)
  const past = (t: Date) => businessMinutesBetween(s, due, t)
  if (c.investigatedAt !== null) {
    const late = past(c.investigatedAt) >= 1
    return { due, late, overdue: false, hoursLate: late ? round1(past(c.investigatedAt) / 60) : null }
  }
  const overdue = c.status !== 'verified' && past(now) >= 1
  return { due, late: null, overdue, hoursLate: overdue ? round1(past(now) / 60) : null }
}

function round1(x: number): number {
  return Math.round(x * 10) / 10
}

/** An open milestone (not done, not superseded) of an open complaint whose date is before `today`; days past due, else null. */
export function milestoneDaysOverdue(m: Milestone, complaintStatus: ComplaintStatus, today: string): number | null {
  if (m.doneAt !== null || m.supersededAt !== null || complaintStatus === 'verified' || m.due >= today) return null
  return daysBetween(m.due, today)
}

/** Why a complaint needs attention: 'plan' (deadline passed), 'investigation' (no team in time), 'milestone N'. */
export function overdueReasons(planOverdue: boolean, investigation: InvestigationTimeline, milestones: readonly Milestone[], status: ComplaintStatus, today: string): string[] {
  const reasons: string[] = []
  if (investigation.overdue) reasons.push('investigation')
  if (planOverdue) reasons.push('plan')
  for (const m of milestones) if (milestoneDaysOverdue(m, status, today) !== null) reasons.push(`milestone ${m.seq}`)
  return reasons
}

/**
 * Whether progress may be recorded on a complaint, and on milestone `n` (marking it done when
 * `done`): a closed complaint takes no more progress (3); an unknown milestone is not found (4);
 * a milestone already done or replaced by a later plan cannot be marked done (3).
 */
export function checkProgress(c: { code: string; status: ComplaintStatus }, milestones: readonly Milestone[], n: number | undefined, done: boolean): Milestone | undefined {
  if (c.status === 'verified') throw new UserError(t('complaint.closedNoProgress', { code: c.code }), t('complaint.closedNoProgress.hint'))
  if (n === undefined) return undefined
  const m = milestones.find((x) => x.seq === n)
  if (!m) {
    const known = milestones.length === 0 ? t('complaint.noMilestone.none') : t('complaint.noMilestone.some', { list: milestones.map((x) => x.seq).join(', ') })
    throw new NotFoundError(t('complaint.noMilestone', { code: c.code, n, known }), t('complaint.noMilestone.hint', { code: c.code }))
  }
  if (done && m.doneAt !== null) throw new UserError(t('complaint.milestoneDone', { n, code: c.code }), t('complaint.milestoneDone.hint'))
  if (done && m.supersededAt !== null) throw new UserError(t('complaint.milestoneReplaced', { n, code: c.code }), t('complaint.noMilestone.hint', { code: c.code }))
  return m
}
