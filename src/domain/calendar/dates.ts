import { UserError } from '../errors.js'
import { quote } from '../excerpt.js'
import { t as t_ } from '../i18n/catalog.js'
import { canonicalDateTime } from './written-forms.js'

/**
 * Dates and instants. A calendar date is a 'YYYY-MM-DD' string; an instant is a Date. Input is
 * `YYYY-MM-DD` or ISO 8601 date-time (local time when it has no offset); output is ISO 8601 with
 * the local offset. The local zone is the process's (TZ).
 */

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/
const DATETIME_RE =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i

export function isValidYmd(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false
  return day <= daysInMonth(year, month)
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate()
}

/**
 * The calendar date of `text` ('YYYY-MM-DD'), written as people write it (2026/3/5, 2026.3.5,
 * 2026年3月5日, full-width digits: DESIGN.md §7), refusing impossible dates like 2026-02-30.
 */
export function parseDate(text: string, what = 'date'): string {
  const t = canonicalDateTime(text)
  const m = DATE_RE.exec(t)
  if (!m) throw new UserError(t_('date.invalid', { what, text: quote(text) }), t_('date.invalid.hint'))
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])]
  if (!isValidYmd(y, mo, d)) throw new UserError(t_('date.noSuchDay', { what, text: quote(text) }), t_('date.noSuchDay.hint'))
  return t
}

/**
 * The instant of `text`: 'YYYY-MM-DD' is local midnight; a date-time without offset is local
 * time; with 'Z' or '+08:00' it is exact. Impossible dates and times are refused.
 */
export function parseInstant(text: string, what = 'date-time'): Date {
  const t = canonicalDateTime(text)
  if (DATE_RE.test(t)) {
    const [y, mo, d] = parseDate(t, what).split('-').map(Number) as [number, number, number]
    return new Date(y, mo - 1, d, 0, 0, 0, 0)
  }
  const m = DATETIME_RE.exec(t)
  if (!m) throw new UserError(t_('datetime.invalid', { what, text: quote(text) }), t_('datetime.invalid.hint'))
  const [y, mo, d, h, mi] = [Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4]), Number(m[5])]
  const s = m[6] ? Number(m[6]) : 0
  const ms = m[7] ? Number(m[7].slice(0, 3).padEnd(3, '0')) : 0
  if (!isValidYmd(y, mo, d)) throw new UserError(t_('date.noSuchDay', { what, text: quote(text) }), t_('date.noSuchDay.hint'))
  if (h > 23 || mi > 59 || s > 59) throw new UserError(t_('datetime.noSuchTime', { what, text: quote(text) }), t_('datetime.noSuchTime.hint'))
  const zone = m[8]
  if (!zone) return new Date(y, mo - 1, d, h, mi, s, ms)
  let offsetMinutes = 0
  if (zone.toUpperCase() !== 'Z') {
    const sign = zone.startsWith('-') ? -1 : 1
    const digits = zone.slice(1).replace(':', '')
    offsetMinutes = sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4)))
  }
  return new Date(Date.UTC(y, mo - 1, d, h, mi, s, ms) - offsetMinutes * 60_000)
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0')
}

/** ISO 8601 with the local offset, to the second: 2026-03-02T09:00:00+08:00. */
export function formatInstant(t: Date): string {
  const off = -t.getTimezoneOffset()
  const sign = off >= 0 ? '+' : '-'
  const abs = Math.abs(off)
  return (
    `${localDate(t)}T${pad(t.getHours())}:${pad(t.getMinutes())}:${pad(t.getSeconds())}` +
    `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`
  )
}

/** The local calendar date of an instant. */
export function localDate(t: Date): string {
  return `${pad(t.getFullYear(), 4)}-${pad(t.getMonth() + 1)}-${pad(t.getDate())}`
}

/** Local midnight at the start of a calendar date. */
export function startOfDate(date: string): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number]
  return new Date(y, m - 1, d, 0, 0, 0, 0)
}

/** The calendar date `n` days after `date` (n may be negative). */
export function addDays(date: string, n: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number]
  const u = new Date(Date.UTC(y, m - 1, d + n))
  return `${pad(u.getUTCFullYear(), 4)}-${pad(u.getUTCMonth() + 1)}-${pad(u.getUTCDate())}`
}

/** ISO weekday of a calendar date: 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number]
  const wd = new Date(Date.UTC(y, m - 1, d)).getUTCDay()
  return wd === 0 ? 7 : wd
}

/** Whole days from calendar date a to b (b − a). */
export function daysBetween(a: string, b: string): number {
  const [ay, am, ad] = a.split('-').map(Number) as [number, number, number]
  const [by, bm, bd] = b.split('-').map(Number) as [number, number, number]
  return Math.round((Date.UTC(by, bm - 1, bd) - Date.UTC(ay, am - 1, ad)) / 86_400_000)
}
