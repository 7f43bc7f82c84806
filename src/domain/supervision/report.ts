import { formatInstant, localDate } from '../calendar/dates.js'
import { UsageError, UserError } from '../errors.js'
import { quote } from '../excerpt.js'
import { label, t } from '../i18n/catalog.js'

/** Employee reports of violations (policy chapter 8.1): the decision on a report and its reward. */
export type Validity = 'valid' | 'invalid'

export const REPORT_STATUSES = ['received', 'decided'] as const
export type ReportStatus = (typeof REPORT_STATUSES)[number]

/** The Chinese words for a report's status (simplified and traditional). */
const REPORT_STATUS_WORDS: Readonly<Record<string, ReportStatus>> = {
  已收到: 'received',
  收到: 'received',
  待处理: 'received',
  待處理: 'received',
  已处理: 'decided',
  已處理: 'decided',
  处理: 'decided',
  處理: 'decided',
  已认定: 'decided',
  已認定: 'decided',
}

/** `--status`: received or decided, in any case, or a Chinese word for it (已收到, 已处理). */
export function parseReportStatus(text: string): ReportStatus {
  const s = text.normalize('NFKC').trim().toLowerCase()
  const status = REPORT_STATUS_WORDS[s] ?? (s === 'received' || s === 'decided' ? s : undefined)
  if (status === undefined) throw new UserError(t('report.badStatus', { text }), t('report.badStatus.hint'))
  return status
}

/** Refuses deciding a report twice, or at `at` before it was filed (instants as ISO UTC text). */
export function checkDecidable(r: { code: string; status: ReportStatus; validity: Validity | null; decided_at: string | null; filed_at: string }, at: Date): void {
  if (r.status === 'decided') throw new UserError(t('report.decide.already', { code: r.code, validity: r.validity === null ? '' : label('reportValidity', r.validity), date: localDate(new Date(r.decided_at ?? r.filed_at)) }))
  if (at.toISOString() < r.filed_at) throw new UserError(t('report.decide.beforeFiled', { code: r.code, filed: formatInstant(new Date(r.filed_at)) }), t('report.decide.beforeFiled.hint'))
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
  if (o.valid && o.invalid) throw new UserError(t('report.decide.both'), t('report.decide.both.hint'))
  if (!o.valid && !o.invalid) throw new UsageError(t('report.decide.neither'), t('report.decide.neither.hint'))
  const validity: Validity = o.valid ? 'valid' : 'invalid'
  if (o.reward === undefined) return { validity, rewardCents: null }
  const rewardCents = parseRewardCents(o.reward)
  if (validity === 'invalid') throw new UserError(t('report.decide.rewardInvalid'), t('report.decide.rewardInvalid.hint'))
  return { validity, rewardCents }
}

/** '200' → 20000, '88.5' → 8850; UserError for a negative, non-numeric or sub-cent amount. */
export function parseRewardCents(text: string): number {
  const amount = String(text).normalize('NFKC').trim()
  if (/^-/.test(amount)) throw new UserError(t('report.reward.negative', { text: quote(text) }))
  const m = /^(\d{1,9})(?:\.(\d{1,2}))?$/.exec(amount)
  if (!m) throw new UserError(t('report.reward.bad', { text: quote(text) }))
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
