import { addDays, isoWeekday, localDate, startOfDate } from './dates.js'
import { UserError } from '../errors.js'
import { quote } from '../excerpt.js'
import { t as say } from '../i18n/catalog.js'

/**
 * Business time (DESIGN.md §3): working days are the schedule's weekdays minus calendar holidays
 * plus make-up workdays (调休); working hours are [start, end) in local time. A deadline of N
 * business hours or days counts only working time. All arithmetic is in the process's local zone.
 */
export interface WorkSchedule {
  /** Minutes after local midnight that work starts (09:00 → 540). */
  startMinute: number
  /** Minutes after local midnight that work ends (18:00 → 1080); at most 1440. */
  endMinute: number
  /** ISO weekdays 1 (Mon) … 7 (Sun) that are normally working days. */
  workDays: ReadonlySet<number>
  /** 'YYYY-MM-DD' days off even on a work day. */
  holidays: ReadonlySet<string>
  /** 'YYYY-MM-DD' working days even on a weekend (调休). */
  makeUpDays: ReadonlySet<string>
}

const MS_PER_MINUTE = 60_000
/** How far to look for the next (or previous) working day before calling the schedule broken. */
const SEARCH_DAYS = 400

const WORK_HOURS_HINT = () => say('calendar.workHours.hint')
const WORK_DAYS_HINT = () => say('calendar.workDays.hint')

/** The working hours of '09:00-18:00' as minutes after midnight; end may be 24:00. */
export function parseWorkHours(text: string): { startMinute: number; endMinute: number } {
  const m = /^(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})$/.exec(text.trim())
  if (!m) throw new UserError(say('calendar.workHours.invalid', { text: quote(text) }), WORK_HOURS_HINT())
  const [sh, sm, eh, em] = [Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4])]
  if (sh > 23 || sm > 59 || em > 59 || eh > 24 || (eh === 24 && em !== 0)) {
    throw new UserError(say('calendar.workHours.noSuchTime', { text: quote(text) }), WORK_HOURS_HINT())
  }
  const startMinute = sh * 60 + sm
  const endMinute = eh * 60 + em
  if (endMinute <= startMinute) {
    throw new UserError(say('calendar.workHours.backwards', { text: quote(text) }), WORK_HOURS_HINT())
  }
  return { startMinute, endMinute }
}

/** The ISO weekdays of '1-5', '1,2,3,4,5', '1-5,7' or '6'. */
export function parseWorkDays(text: string): Set<number> {
  const days = new Set<number>()
  if (text.trim() === '') throw new UserError(say('calendar.workDays.empty'), WORK_DAYS_HINT())
  for (const raw of text.split(',')) {
    const part = raw.trim()
    const m = /^(\d+)(?:\s*-\s*(\d+))?$/.exec(part)
    if (!m) throw new UserError(say('calendar.workDays.unreadable', { text: quote(text), part: quote(part) }), WORK_DAYS_HINT())
    const from = Number(m[1])
    const to = m[2] === undefined ? from : Number(m[2])
    if (from < 1 || from > 7 || to < 1 || to > 7) {
      throw new UserError(say('calendar.workDays.range', { text: quote(text) }), WORK_DAYS_HINT())
    }
    if (to < from) throw new UserError(say('calendar.workDays.backwards', { text: quote(text), part: quote(part) }), WORK_DAYS_HINT())
    for (let d = from; d <= to; d++) days.add(d)
  }
  return days
}

/** The schedule of the config's work hours and days and the calendar's holidays and make-up workdays. */
export function scheduleOf(
  workHours: string,
  workDays: string,
  days: { date: string; type: 'holiday' | 'workday' }[],
): WorkSchedule {
  const { startMinute, endMinute } = parseWorkHours(workHours)
  const holidays = new Set<string>()
  const makeUpDays = new Set<string>()
  for (const d of days) (d.type === 'holiday' ? holidays : makeUpDays).add(d.date)
  return { startMinute, endMinute, workDays: parseWorkDays(workDays), holidays, makeUpDays }
}

/** Whether `date` is a working day: a make-up day is, a holiday is not, else by weekday. */
export function isWorkingDay(s: WorkSchedule, date: string): boolean {
  if (s.makeUpDays.has(date)) return true
  if (s.holidays.has(date)) return false
  return s.workDays.has(isoWeekday(date))
}

/** Whether `t` falls in working time: a working day and start ≤ local time of day < end. */
export function isWorkingTime(s: WorkSchedule, t: Date): boolean {
  if (!isWorkingDay(s, localDate(t))) return false
  const minute = minuteOfDay(t)
  return minute >= s.startMinute && minute < s.endMinute
}

/** `t` itself when it is working time, else the start of the next working period. */
export function nextWorkingMoment(s: WorkSchedule, t: Date): Date {
  const date = localDate(t)
  if (isWorkingDay(s, date)) {
    const minute = minuteOfDay(t)
    if (minute < s.startMinute) return workStart(s, date)
    if (minute < s.endMinute) return t
  }
  return workStart(s, nextWorkingDay(s, date, 1))
}

/**
 * `t` plus `minutes` of working time. The clock starts at the next working moment; a result that
 * lands exactly on the end of a working day stays there. Negative minutes count back in the same
 * way (a clock outside working time starts at the previous end of work). 0 returns `t`.
 */
export function addBusinessMinutes(s: WorkSchedule, t: Date, minutes: number): Date {
  if (!Number.isFinite(minutes)) throw new UserError(`invalid business time '${minutes}'`, 'use a finite number')
  if (minutes === 0) return t
  return minutes > 0 ? forward(s, t, Math.round(minutes * MS_PER_MINUTE)) : backward(s, t, Math.round(-minutes * MS_PER_MINUTE))
}

/** `t` plus `hours` of working time (see addBusinessMinutes). */
export function addBusinessHours(s: WorkSchedule, t: Date, hours: number): Date {
  return addBusinessMinutes(s, t, hours * 60)
}

/** `t` plus `days` full working days, a working day being end − start of the schedule. */
export function addBusinessDays(s: WorkSchedule, t: Date, days: number): Date {
  return addBusinessMinutes(s, t, days * (s.endMinute - s.startMinute))
}

/**
 * Working minutes in [a, b) (fractional when the instants carry seconds); −(working minutes in
 * [b, a)) when b is before a.
 */
export function businessMinutesBetween(s: WorkSchedule, a: Date, b: Date): number {
  if (b.getTime() < a.getTime()) return -businessMinutesBetween(s, b, a)
  const last = localDate(b)
  let total = 0
  for (let date = localDate(a); date <= last; date = addDays(date, 1)) {
    if (!isWorkingDay(s, date)) continue
    const from = Math.max(a.getTime(), workStart(s, date).getTime())
    const to = Math.min(b.getTime(), workEnd(s, date).getTime())
    if (to > from) total += to - from
  }
  return total / MS_PER_MINUTE
}

function forward(s: WorkSchedule, t: Date, ms: number): Date {
  let cursor = nextWorkingMoment(s, t)
  let remaining = ms
  for (;;) {
    const date = localDate(cursor)
    const available = workEnd(s, date).getTime() - cursor.getTime()
    if (remaining <= available) return new Date(cursor.getTime() + remaining)
    remaining -= available
    cursor = workStart(s, nextWorkingDay(s, date, 1))
  }
}

function backward(s: WorkSchedule, t: Date, ms: number): Date {
  let cursor = previousWorkingMoment(s, t)
  let remaining = ms
  for (;;) {
    const date = localDate(cursor)
    const available = cursor.getTime() - workStart(s, date).getTime()
    if (remaining <= available) return new Date(cursor.getTime() - remaining)
    remaining -= available
    cursor = workEnd(s, nextWorkingDay(s, date, -1))
  }
}

/** `t` when it is in (start, end] of a working day, else the end of the previous working period. */
function previousWorkingMoment(s: WorkSchedule, t: Date): Date {
  const date = localDate(t)
  if (isWorkingDay(s, date)) {
    const minute = minuteOfDay(t)
    if (minute > s.endMinute) return workEnd(s, date)
    if (minute > s.startMinute) return t
  }
  return workEnd(s, nextWorkingDay(s, date, -1))
}

/** The first working day strictly after (step 1) or before (step −1) `date`. */
function nextWorkingDay(s: WorkSchedule, date: string, step: 1 | -1): string {
  for (let i = 1; i <= SEARCH_DAYS; i++) {
    const d = addDays(date, step * i)
    if (isWorkingDay(s, d)) return d
  }
  throw new UserError(say(step > 0 ? 'calendar.noWorkingDayAfter' : 'calendar.noWorkingDayBefore', { n: SEARCH_DAYS, date }), say('calendar.noWorkingDay.hint'))
}

/** Local time of day in minutes, with seconds and milliseconds as a fraction. */
function minuteOfDay(t: Date): number {
  return t.getHours() * 60 + t.getMinutes() + t.getSeconds() / 60 + t.getMilliseconds() / MS_PER_MINUTE
}

function atMinute(date: string, minute: number): Date {
  const d = startOfDate(date)
  return new Date(d.getFullYear(), d.getMonth(), d.getDate(), 0, minute, 0, 0)
}

function workStart(s: WorkSchedule, date: string): Date {
  return atMinute(date, s.startMinute)
}

function workEnd(s: WorkSchedule, date: string): Date {
  return atMinute(date, s.endMinute)
}

/**
 * A business clock for many measurements over one schedule (e.g. lateness of 50,000 overdue
 * requests): working minutes up to the start of each day are summed once and cached, so each
 * measurement costs O(1) instead of a walk over the days between. Same results as
 * businessMinutesBetween.
 */
export interface BusinessClock {
  minutesBetween(a: Date, b: Date): number
}

export function createBusinessClock(s: WorkSchedule): BusinessClock {
  const dayLength = s.endMinute - s.startMinute
  let anchor = 0 // day number of cum[0]
  let cum: number[] = [] // cum[i] = working minutes from the start of day anchor to the start of day anchor + i
  let working: boolean[] = []

  const dayNumber = (t: Date) => Math.floor(Date.UTC(t.getFullYear(), t.getMonth(), t.getDate()) / 86_400_000)
  const dateOf = (n: number) => new Date(n * 86_400_000).toISOString().slice(0, 10)

  function build(from: number, to: number): void {
    anchor = from
    cum = [0]
    working = []
    for (let n = from; n <= to; n++) {
      const w = isWorkingDay(s, dateOf(n))
      working.push(w)
      cum.push(cum[cum.length - 1]! + (w ? dayLength : 0))
    }
  }

  function ensure(n: number): void {
    if (cum.length === 0) return build(n - 400, n + 400)
    const last = anchor + working.length - 1
    if (n < anchor) build(n - 400, last)
    else if (n > last) build(anchor, n + 400)
  }

  function position(t: Date): number {
    const n = dayNumber(t)
    ensure(n)
    const i = n - anchor
    const base = cum[i]!
    if (!working[i]) return base
    const minute = t.getHours() * 60 + t.getMinutes() + t.getSeconds() / 60 + t.getMilliseconds() / MS_PER_MINUTE
    return base + Math.min(Math.max(minute - s.startMinute, 0), dayLength)
  }

  return { minutesBetween: (a, b) => position(b) - position(a) }
}
