import { addDays, localDate, startOfDate } from './dates.js'
import { UserError } from '../errors.js'
import { quote } from '../excerpt.js'
import { t } from '../i18n/catalog.js'
import { canonicalPeriod } from './written-forms.js'

/**
 * Assessment periods (DESIGN.md §3): a year '2026', a half '2026-H1' / '2026-H2', or a quarter
 * '2026-Q1' … '2026-Q4'. An item belongs to a period by its due time, in local time.
 */
export type PeriodKind = 'year' | 'half' | 'quarter'

export interface Period {
  /** Normalised upper case: '2026', '2026-H1', '2026-Q3'. */
  code: string
  kind: PeriodKind
  year: number
  /** First day, 'YYYY-MM-DD'. */
  startDate: string
  /** Last day, inclusive, 'YYYY-MM-DD'. */
  endDate: string
}

const MIN_YEAR = 1900
const MAX_YEAR = 2999
/**
 * The period of '2026', '2026-H1', '2026-h2' or '2026-Q1' … '2026-Q4', also as people say them:
 * 2026H1, 2026上半年, 2026年下半年, 2026Q3, 2026年第三季度, 2026年1-6月, 2026年 (DESIGN.md §7).
 */
export function parsePeriod(text: string): Period {
  const m = /^(\d{4})(?:-([HQ])(\d))?$/i.exec(canonicalPeriod(text))
  if (!m) throw new UserError(t('period.invalid', { text: quote(text) }), t('period.invalid.hint'))
  const year = Number(m[1])
  if (year < MIN_YEAR || year > MAX_YEAR) {
    throw new UserError(t('period.badYear', { text: quote(text), min: MIN_YEAR, max: MAX_YEAR }), t('period.invalid.hint'))
  }
  if (m[2] === undefined) return span(String(year), 'year', year, 1, 12)
  const letter = m[2].toUpperCase()
  const n = Number(m[3])
  const code = `${year}-${letter}${n}`
  if (letter === 'H') {
    if (n < 1 || n > 2) throw new UserError(t('period.badHalf', { text: quote(text) }), t('period.invalid.hint'))
    return span(code, 'half', year, 6 * n - 5, 6 * n)
  }
  if (n < 1 || n > 4) throw new UserError(t('period.badQuarter', { text: quote(text) }), t('period.invalid.hint'))
  return span(code, 'quarter', year, 3 * n - 2, 3 * n)
}

/**
 * A period as every repository takes it: its days for what is dated by day (projects by due
 * date, surveys by their period) and its instants for what is timed (requests by response due
 * time, complaints by received time). Made once, by boundsOf.
 */
export interface PeriodBounds {
  /** '2026-H1' */
  code: string
  /** first and last day, 'YYYY-MM-DD', both inclusive */
  startDate: string
  endDate: string
  /** [from, to) instants, ISO 8601 UTC: local midnight of the first day and after the last */
  from: string
  to: string
}

/** The bounds of a period in local time. */
export function boundsOf(p: Period): PeriodBounds {
  return { code: p.code, startDate: p.startDate, endDate: p.endDate, from: periodStart(p).toISOString(), to: periodEnd(p).toISOString() }
}

/** Local midnight at the start of the period's first day. */
export function periodStart(p: Period): Date {
  return startOfDate(p.startDate)
}

/** Local midnight after the period's last day (exclusive end). */
export function periodEnd(p: Period): Date {
  return startOfDate(addDays(p.endDate, 1))
}

/** Whether calendar date 'YYYY-MM-DD' lies in the period (both ends inclusive). */
export function periodContainsDate(p: Period, date: string): boolean {
  return date >= p.startDate && date <= p.endDate
}

/** Whether instant `t` lies in [periodStart, periodEnd) in local time. */
export function periodContainsInstant(p: Period, t: Date): boolean {
  return periodContainsDate(p, localDate(t))
}

/** The two halves of `year`: [H1, H2]. */
export function halvesOf(year: number): [Period, Period] {
  const y = checkYear(year, String(year))
  return [parsePeriod(`${y}-H1`), parsePeriod(`${y}-H2`)]
}

/** The year of '2026' (1900–2999). */
export function yearOf(text: string): number {
  const y = canonicalPeriod(text)
  if (!/^\d{4}$/.test(y)) throw new UserError(t('year.invalid', { text: quote(text) }), t('year.invalid.hint'))
  return checkYear(Number(y), text)
}

function checkYear(year: number, text: string): number {
  if (!Number.isInteger(year) || year < MIN_YEAR || year > MAX_YEAR) {
    throw new UserError(t('year.outOfRange', { text: quote(text), min: MIN_YEAR, max: MAX_YEAR }), t('year.invalid.hint'))
  }
  return year
}

function span(code: string, kind: PeriodKind, year: number, firstMonth: number, lastMonth: number): Period {
  const y = String(year)
  const startDate = `${y}-${pad2(firstMonth)}-01`
  const endDate = addDays(`${lastMonth === 12 ? year + 1 : y}-${pad2(lastMonth === 12 ? 1 : lastMonth + 1)}-01`, -1)
  return { code, kind, year, startDate, endDate }
}

function pad2(n: number): string {
  return String(n).padStart(2, '0')
}
