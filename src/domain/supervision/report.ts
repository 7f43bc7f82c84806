import { formatInstant, localDate } from '../calendar/dates.js'
import { UsageError, UserError } from '../errors.js'
import { quote } from '../excerpt.js'

/** Employee reports of violations (policy chapter 8.1): the decision on a report and its reward. */
export type Validity = 'valid' | 'invalid'

export const REPORT_STATUSES = ['received', 'decided'] as const
export type ReportStatus = (typeof REPORT_STATUSES)[number]

/** `--status`: received or decided, in any case. */
export function parseReportStatus(text: string): ReportStatus {
  const s = text.trim().toLowerCase()
  if (s !== 'received' && s !== 'decided') throw new UserError(`invalid report status '${text}'`, 'use received or decided')
  return s
}

/** Refuses deciding a report twice, or at `at` before it was filed (instants as ISO UTC text). */
export function checkDecidable(r: { code: string; status: ReportStatus; validity: Validity | null; decided_at: string | null; filed_at: string }, at: Date): void {
  if (r.status === 'decided') throw new UserError(`${r.code} was already decided ${r.validity ?? ''} on ${localDate(new Date(r.decided_at ?? r.filed_at))}`)
  if (at.toISOString() < r.filed_at) throw new UserError(`${r.code} cannot be decided before it was filed (${formatInstant(new Date(r.filed_at))})`, 'check --at')
}

export interface Decision {
  validity: Validity
  /** the reward in whole cents; null when none */
  rewardCents: number | null
}

/**
 * The decision of `report decide`: exactly one of --valid and --invalid; a reward only with
 * --valid, never negative, at most two decimals (kept in whole cents).
 */
export function parseDecision(o: { valid?: boolean; invalid?: boolean; reward?: string }): Decision {
  if (o.valid && o.invalid) throw new UserError('--valid and --invalid cannot be given together', 'decide the report one way')
  if (!o.valid && !o.invalid) throw new UsageError('missing --valid or --invalid', 'say whether the report is valid')
  const validity: Validity = o.valid ? 'valid' : 'invalid'
  if (o.reward === undefined) return { validity, rewardCents: null }
  const rewardCents = parseRewardCents(o.reward)
  if (validity === 'invalid') throw new UserError('--reward is only for a valid report', 'leave out --reward, or decide --valid')
  return { validity, rewardCents }
}

/** '200' → 20000, '88.5' → 8850; UserError for a negative, non-numeric or sub-cent amount. */
export function parseRewardCents(text: string): number {
  const t = String(text).trim()
  if (/^-/.test(t)) throw new UserError(`--reward cannot be negative, got ${quote(text)}`)
  const m = /^(\d{1,9})(?:\.(\d{1,2}))?$/.exec(t)
  if (!m) throw new UserError(`--reward must be an amount like 200 or 88.50, got ${quote(text)}`)
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'))
}

/** Whole cents as the amount: 8850 → 88.5. */
export function centsToAmount(cents: number | null): number | null {
  return cents === null ? null : cents / 100
}

/** The amount with two decimals: 8850 → '88.50'. */
export function formatAmount(cents: number | null): string {
  if (cents === null) return ''
  return `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`
}
