import { quote } from '../excerpt.js'
import { t } from '../i18n/catalog.js'

/**
 * Dates and times as survey platforms write them (DESIGN.md §5 "Survey CSV import"), pure:
 * `5/3/2026 9:03:10` (Microsoft Forms, Google Forms, Excel in an English locale: month first),
 * `3/5/2026 9:03` (day first, most of Europe), `2026年4月18日 20:14`, 12-hour times with AM/PM or
 * 上午/下午, and Excel serial numbers (`46130.376`). All are local times, like the platform's own
 * export; the year-first forms are read elsewhere (survey-row.ts parseSubmittedAt).
 */

/** How a date with the year last is read: month/day/year or day/month/year. */
export type DateOrder = 'mdy' | 'dmy'
export const DATE_ORDERS: readonly DateOrder[] = ['mdy', 'dmy']

/** 'month/day/year' or 'day/month/year', for messages. */
export function dateOrderName(order: DateOrder): string {
  return order === 'mdy' ? 'month/day/year' : 'day/month/year'
}

/** The two leading parts of a date written with the year last (`5/3/2026`, `05.03.2026`, `5-3-2026 9:03`), or undefined. */
const YEAR_LAST = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?=$|[\sT])/u
const YEAR_FIRST = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})(?:\s*日)?/u
/** The time after the date: `9:03`, `09:03:10`, `9:03 PM`, `下午3:05`, `3:05下午`, `20:14:00.123`. */
const TIME =
  /^(?:\s+|T|\s*(?=[上下中晚凌早]))(?:(上午|下午|中午|晚上|凌晨|早上)\s*)?(\d{1,2})[:：](\d{2})(?:[:：](\d{2})(?:\.\d{1,9})?)?\s*(am|pm|a\.m\.|p\.m\.|上午|下午)?$/iu
/** An Excel serial number: days since 1899-12-30, with the time of day as the fraction (1954 to 2173). */
const SERIAL = /^\d{5}(?:\.\d+)?$/u

/** The leading parts of a year-last date, for deciding a column's order: [first, second] or undefined. */
export function yearLastParts(text: string): [number, number] | undefined {
  const m = YEAR_LAST.exec(text.trim())
  return m ? [Number(m[1]), Number(m[2])] : undefined
}

/**
 * A date-time written as in the module comment, in local time; undefined when it is none of
 * those forms or no such day or time. A year-last date whose first two parts are both 12 or less
 * needs `order`; without it, a first part over 12 is read day first and a second part over 12
 * month first.
 */
export function parseWrittenDateTime(text: string, order?: DateOrder): Date | undefined {
  const t = text.trim()
  if (SERIAL.test(t)) return excelSerialToDate(Number(t))
  let y: number
  let mo: number
  let d: number
  let rest: string
  const last = YEAR_LAST.exec(t)
  if (last) {
    const a = Number(last[1])
    const b = Number(last[2])
    y = Number(last[3])
    const as = order ?? (a > 12 ? 'dmy' : b > 12 ? 'mdy' : undefined)
    if (!as) return undefined
    ;[mo, d] = as === 'mdy' ? [a, b] : [b, a]
    rest = t.slice(last[0].length)
  } else {
    const first = YEAR_FIRST.exec(t)
    if (!first) return undefined
    y = Number(first[1])
    mo = Number(first[2])
    d = Number(first[3])
    rest = t.slice(first[0].length)
  }
  let h = 0
  let mi = 0
  let s = 0
  if (rest.trim() !== '') {
    const m = TIME.exec(rest)
    if (!m) return undefined
    h = Number(m[2])
    mi = Number(m[3])
    s = m[4] === undefined ? 0 : Number(m[4])
    const hour = twelveHour(h, (m[1] ?? m[5])?.toLowerCase())
    if (hour === undefined) return undefined
    h = hour
  }
  return localDate(y, mo, d, h, mi, s)
}

/** The 24-hour hour of `h` with its AM/PM or 上午/下午 mark; undefined for 13 PM, 0 AM and the like. */
function twelveHour(h: number, mark: string | undefined): number | undefined {
  if (mark === undefined) return h
  const pm = mark === 'pm' || mark === 'p.m.' || mark === '下午' || mark === '晚上'
  const noon = mark === '中午'
  if (h > 12) return pm || noon ? (h <= 23 ? h : undefined) : undefined // 下午15:00 says the same twice
  if (noon) return h < 11 ? h + 12 : h
  if (h === 0) return pm ? undefined : 0
  if (pm) return h === 12 ? 12 : h + 12
  return h === 12 ? 0 : h
}

/** The local time of y-mo-d h:mi:s, or undefined when there is no such day or time. */
function localDate(y: number, mo: number, d: number, h: number, mi: number, s: number): Date | undefined {
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59) return undefined
  const date = new Date(y, mo - 1, d, h, mi, s, 0)
  if (date.getFullYear() !== y || date.getMonth() !== mo - 1 || date.getDate() !== d) return undefined
  return date
}

/**
 * An Excel serial date-time in local time: the whole part counts days from 1899-12-30 (so 46130
 * is 2026-04-18), the fraction is the time of day rounded to the second (0.5 is 12:00:00).
 * Undefined outside 20000–99999 (1954–2173), where a number is more likely something else.
 */
export function excelSerialToDate(serial: number): Date | undefined {
  if (!Number.isFinite(serial) || serial < 20000 || serial >= 100000) return undefined
  const days = Math.floor(serial)
  const seconds = Math.round((serial - days) * 86400)
  const day = new Date(Date.UTC(1899, 11, 30) + days * 86_400_000)
  return new Date(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate(), 0, 0, seconds, 0)
}

/** What a column's dates say about their order (DateOrderDetector.decision). */
export type DateOrderDecision =
  | { kind: 'none' } // no year-last dates: nothing to decide
  | { kind: 'decided'; order: DateOrder; example: string } // a part over 12 decided it
  | { kind: 'ambiguous'; example: string } // every year-last date has both parts 12 or less
  | { kind: 'conflict'; mdy: string; dmy: string } // one date is only month first, another only day first

/**
 * Decides a column's day order from its values, as the issue asks: one date whose first part is
 * over 12 makes the whole column day/month/year, one whose second part is over 12 makes it
 * month/day/year; a column where neither happens is ambiguous (the user says which).
 */
export class DateOrderDetector {
  private mdy: string | undefined
  private dmy: string | undefined
  private ambiguous: string | undefined

  add(text: string): void {
    const p = yearLastParts(text)
    if (!p) return
    if (p[0] > 12) this.dmy ??= text.trim()
    else if (p[1] > 12) this.mdy ??= text.trim()
    else this.ambiguous ??= text.trim()
  }

  /** True once a part over 12 has been seen (later values cannot change the decision, only contradict it). */
  get decided(): boolean {
    return this.mdy !== undefined || this.dmy !== undefined
  }

  decision(): DateOrderDecision {
    if (this.mdy !== undefined && this.dmy !== undefined) return { kind: 'conflict', mdy: this.mdy, dmy: this.dmy }
    if (this.mdy !== undefined) return { kind: 'decided', order: 'mdy', example: this.mdy }
    if (this.dmy !== undefined) return { kind: 'decided', order: 'dmy', example: this.dmy }
    if (this.ambiguous !== undefined) return { kind: 'ambiguous', example: this.ambiguous }
    return { kind: 'none' }
  }
}

/** Reads a `--date-order` value or a mapping file's "date_order"; undefined when it is neither mdy nor dmy. */
export function parseDateOrder(text: string): DateOrder | undefined {
  const t = text.trim().toLowerCase()
  return t === 'mdy' || t === 'dmy' ? t : undefined
}

/** "'5/3/2026' could be 3 May or 5 March" for a message. */
export function describeAmbiguousDate(example: string): string {
  const p = yearLastParts(example)
  if (!p) return quote(example)
  const day = (d: number, m: number) => t('surveyImport.date.day', { day: d, month: t(`surveyImport.month.${m}` as 'surveyImport.month.1') })
  return t('surveyImport.date.couldBe', { text: quote(example), a: day(p[1], p[0]), b: day(p[0], p[1]) })
}
