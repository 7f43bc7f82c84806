import { addDays, daysBetween } from '../calendar/dates.js'
import { UserError } from '../errors.js'
import { quote } from '../excerpt.js'
import { t } from '../i18n/catalog.js'

/** Follow-up visits (回访, policy chapter 6): a supplier unit visiting its internal customer. */

/** A visit's satisfaction: a whole number 1–5. */
export function checkVisitSatisfaction(text: string): number {
  const n = text.normalize('NFKC').trim()
  if (!/^[1-5]$/.test(n)) throw new UserError(t('visit.badSatisfaction', { text: quote(text) }))
  return Number(n)
}

/** Refuses a visit dated after `today` ('YYYY-MM-DD'): a visit is logged once it has happened. */
export function checkVisitDate(date: string, today: string): void {
  if (date > today) throw new UserError(t('visit.future', { date, today }), t('visit.future.hint'))
}

/** Refuses a unit visiting itself: a visit is a supplier's, to one of its internal customers. */
export function checkVisitPair(supplier: { id: number; code: string }, customer: { id: number }): void {
  if (supplier.id === customer.id) throw new UserError(t('visit.self', { code: supplier.code }), t('visit.self.hint'))
}

export interface VisitDue {
  /** the last visit on or before asOf, 'YYYY-MM-DD'; null when never visited */
  lastVisit: string | null
  /** days from the last visit to asOf; null when never visited */
  daysSince: number | null
  /** the date the next visit is due: lastVisit + interval; null when never visited (due now) */
  nextDue: string | null
  /** never visited, or nextDue ≤ asOf */
  due: boolean
  /** days past nextDue (0 when not overdue or never visited) */
  daysOverdue: number
}

/**
 * Whether a supplier→customer pair is due a follow-up visit on `asOf` (DESIGN.md §4
 * visit.interval_days): due when it was never visited or its last visit is `intervalDays` or
 * more days before asOf. With interval 90, a visit on 2026-04-01 is next due on 2026-06-30.
 */
export function visitDue(lastVisit: string | null, asOf: string, intervalDays: number): VisitDue {
  if (lastVisit === null) return { lastVisit: null, daysSince: null, nextDue: null, due: true, daysOverdue: 0 }
  const daysSince = daysBetween(lastVisit, asOf)
  const nextDue = addDays(lastVisit, intervalDays)
  return { lastVisit, daysSince, nextDue, due: daysSince >= intervalDays, daysOverdue: Math.max(0, daysSince - intervalDays) }
}
