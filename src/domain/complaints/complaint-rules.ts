import { addBusinessDays, type WorkSchedule } from '../calendar/business-time.js'
import type { ComplaintStatus } from './complaint-state.js'
import { formatInstant, localDate } from '../calendar/dates.js'
import { UserError } from '../errors.js'
import type { ComplaintOutcome } from '../assessment/kpi.js'
import { round2 } from '../rounding.js'
import { quote } from '../excerpt.js'
import { t } from '../i18n/catalog.js'
import { matchEnum } from '../i18n/enums.js'
import { toSimplified } from '../org/unit-names.js'
import { shownValues } from '../requests/request-labels.js'

/**
 * The rules of complaint handling (policy chapter 7) besides the state machine: what the user may
 * type, the plan deadline on the business calendar, when a complaint is overdue, and the figures
 * the assessment (H of DESIGN.md §3) and `complaint stats` read from a complaint.
 */

export const ROOT_CAUSE_CATEGORIES = ['process', 'people', 'system', 'communication', 'resource', 'other'] as const
export type RootCauseCategory = (typeof ROOT_CAUSE_CATEGORIES)[number]

export const EVIDENCE_KINDS = ['document', 'interview', 'site_visit'] as const
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number]

/** A root-cause category typed by the user, case-insensitive. */
export function parseRootCauseCategory(text: string): RootCauseCategory {
  const v = matchEnum('rootCause', text, ROOT_CAUSE_CATEGORIES, toSimplified)
  if (v === undefined) throw new UserError(t('complaint.invalidRootCause', { text: quote(text) }), t('complaint.useOneOf', { values: shownValues('rootCause', ROOT_CAUSE_CATEGORIES) }))
  return v
}

/** An evidence kind typed by the user ('site-visit' is read as site_visit). */
export function parseEvidenceKind(text: string): EvidenceKind {
  const v = matchEnum('evidenceKind', text, EVIDENCE_KINDS, toSimplified)
  if (v === undefined) throw new UserError(t('complaint.invalidEvidenceKind', { text: quote(text) }), t('complaint.useOneOf', { values: shownValues('evidenceKind', EVIDENCE_KINDS) }))
  return v
}

/** --resolved yes|no → true|false. */
export function parseResolved(text: string): boolean {
  // yes or no in English (not y/true/1), or a Chinese word for them (是, 否 …)
  const typed = text.trim().toLowerCase()
  const v = /^[\x00-\x7f]*$/.test(typed) ? typed : matchEnum('yesNo', text, ['yes', 'no'], toSimplified)
  if (v === 'yes' || v === 'no') return v === 'yes'
  throw new UserError(t('complaint.resolvedYesNo', { text: quote(text) }), t('complaint.resolvedYesNo.hint'))
}

/** A satisfaction score: a whole number 1–5. */
export function parseSatisfaction(text: string): number {
  const s = text.normalize('NFKC').trim()
  if (!/^\d+$/.test(s) || Number(s) < 1 || Number(s) > 5) {
    throw new UserError(t('complaint.satisfactionInvalid', { text: quote(text) }), t('complaint.satisfactionInvalid.hint'))
  }
  return Number(s)
}

/** A channel of the published list (config complaint.channels), case-insensitive. */
export function checkChannel(text: string, channels: readonly string[]): string {
  const v = matchEnum('complaintChannel', text, channels, toSimplified)
  if (v === undefined) {
    throw new UserError(t('complaint.channelNotPublished', { text: quote(text) }), t('complaint.channelNotPublished.hint', { values: shownValues('complaintChannel', channels) }))
  }
  return v
}

/** Who complains: a unit (--from) or nobody named (--anonymous); exactly one of the two. */
export function complainantChoice(from: string | undefined, anonymous: boolean | undefined): { anonymous: true } | { anonymous: false; from: string } {
  const hasFrom = from !== undefined && from.trim() !== ''
  if (hasFrom && anonymous) {
    throw new UserError(t('complaint.fromAndAnonymous'), t('complaint.fromAndAnonymous.hint'))
  }
  if (!hasFrom && !anonymous) throw new UserError(t('complaint.whoComplains'), t('complaint.whoComplains.hint'))
  return hasFrom ? { anonymous: false, from: from!.trim() } : { anonymous: true }
}

/** --accepted | --disputed → true | false; exactly one of the two. */
export function feedbackChoice(accepted: boolean | undefined, disputed: boolean | undefined): boolean {
  if (accepted && disputed) throw new UserError(t('complaint.feedbackBoth'))
  if (!accepted && !disputed) {
    throw new UserError(t('complaint.feedbackNone'), t('complaint.feedbackNone.hint'))
  }
  return accepted === true
}

/**
 * The default plan deadline: the local date on which `days` business days after `plannedAt`
 * end, on the business calendar (a plan made after hours starts counting at the next working
 * moment). Wed 10:00 + 5 days → next Wed.
 */
export function defaultPlanDeadline(schedule: WorkSchedule, plannedAt: Date, days: number): string {
  return localDate(addBusinessDays(schedule, plannedAt, days))
}

/** A given plan deadline may not be before the day the plan is made. */
export function checkPlanDeadline(deadline: string, plannedAt: Date): string {
  if (deadline < localDate(plannedAt)) {
    throw new UserError(t('complaint.deadlineBeforePlan', { deadline, planned: localDate(plannedAt) }), t('complaint.deadlineBeforePlan.hint'))
  }
  return deadline
}

/** A step's time may not be before an earlier step it follows (`what`: 'was received', 'was planned' …). */
export function checkStepTime(at: Date, notBefore: Date, code: string, what: string): Date {
  if (at.getTime() < notBefore.getTime()) {
    throw new UserError(t('complaint.stepBefore', { at: formatInstant(at), code, what, before: formatInstant(notBefore) }), t('complaint.stepBefore.hint'))
  }
  return at
}

/** What the rules read from a complaint (storage-free). */
export interface ComplaintFacts {
  status: ComplaintStatus
  /** the plan deadline, 'YYYY-MM-DD'; null before a plan */
  planDeadline: string | null
  /** the last verification's time; null before one */
  verifiedAt: Date | null
  /** the last verification's satisfaction 1–5 */
  satisfaction: number | null
}

/** Overdue: the plan deadline is before `today` and no verification has found it resolved. */
export function isOverdueComplaint(c: Pick<ComplaintFacts, 'status' | 'planDeadline'>, today: string): boolean {
  return c.planDeadline !== null && c.planDeadline < today && c.status !== 'verified'
}

/** Verified resolved at or before its plan deadline (the local date of verification ≤ the deadline). */
export function resolvedByDeadline(c: ComplaintFacts): boolean {
  return c.status === 'verified' && c.verifiedAt !== null && c.planDeadline !== null && localDate(c.verifiedAt) <= c.planDeadline
}

/**
 * What a complaint contributes to H (DESIGN.md §3): r counts it when verified resolved by the
 * deadline; v reads its satisfaction only once it is verified resolved (a "not resolved"
 * verification reopens it, so it is not verified).
 */
export function complaintOutcome(c: ComplaintFacts): ComplaintOutcome {
  return {
    resolvedByDeadline: resolvedByDeadline(c),
    verifiedSatisfaction: c.status === 'verified' ? c.satisfaction : null,
  }
}

export interface UnitComplaintStats {
  unit: string
  received: number
  /** verified resolved (closed) */
  verified: number
  resolvedByDeadline: number
  /** mean satisfaction of the verified complaints, two decimals; null when none is verified */
  meanSatisfaction: number | null
}

export interface RootCauseCount {
  category: RootCauseCategory
  count: number
}

export interface ComplaintStats {
  units: UnitComplaintStats[]
  rootCauses: RootCauseCount[]
  /** complaints without a root cause yet */
  withoutRootCause: number
}

/**
 * The complaint summary of a period (原因分析總結): per unit complained about (by code), the
 * complaints received, verified, verified by the deadline and their mean verified
 * satisfaction; per root-cause category, how many complaints it explains (most first).
 */
export function complaintStats(items: readonly (ComplaintFacts & { against: string; rootCause: string | null })[]): ComplaintStats {
  const byUnit = new Map<string, (ComplaintFacts & { against: string })[]>()
  for (const c of items) byUnit.set(c.against, [...(byUnit.get(c.against) ?? []), c])
  const units = [...byUnit.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([unit, cs]) => {
      const outcomes = cs.map(complaintOutcome)
      const sats = outcomes.map((o) => o.verifiedSatisfaction).filter((s): s is number => s !== null)
      return {
        unit,
        received: cs.length,
        verified: sats.length,
        resolvedByDeadline: outcomes.filter((o) => o.resolvedByDeadline).length,
        meanSatisfaction: sats.length === 0 ? null : round2(sats.reduce((a, s) => a + s, 0) / sats.length),
      }
    })
  const rootCauses = ROOT_CAUSE_CATEGORIES.map((category) => ({ category, count: items.filter((c) => c.rootCause === category).length }))
    .filter((r) => r.count > 0)
    .sort((a, b) => b.count - a.count || ROOT_CAUSE_CATEGORIES.indexOf(a.category) - ROOT_CAUSE_CATEGORIES.indexOf(b.category))
  return { units, rootCauses, withoutRootCause: items.filter((c) => c.rootCause === null).length }
}
