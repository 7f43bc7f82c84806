import type { BusinessClock } from './business-time.js'

/**
 * On time in business time (DESIGN.md §3): a step is late only when it comes after its due time
 * by at least one business minute. A response due at 18:00 and given at 09:00 on the next working
 * day is on time, since no working time passed in between. The one rule behind every deadline
 * measured in business hours: request response and resolution (`request overdue`, `request show`,
 * `request list --overdue`, T and `assess explain`) and the complaint deadlines.
 */
export const LATE_FROM_BUSINESS_MINUTES = 1

export interface Lateness {
  /** at least LATE_FROM_BUSINESS_MINUTES of working time between due and the step */
  late: boolean
  /** working minutes in [due, at); negative when the step came before its due time */
  businessMinutes: number
  /** the same in hours, to one decimal: round(minutes / 6) / 10 */
  businessHours: number
}

/** How late a step at `at` is against its due time, in working time. */
export function latenessOf(clock: BusinessClock, due: Date, at: Date): Lateness {
  const businessMinutes = clock.minutesBetween(due, at)
  return {
    late: businessMinutes >= LATE_FROM_BUSINESS_MINUTES,
    businessMinutes,
    businessHours: Math.round(businessMinutes / 6) / 10,
  }
}

/** Whether a step at `at` is late against `due` (see latenessOf). */
export function isLate(clock: BusinessClock, due: Date, at: Date): boolean {
  return latenessOf(clock, due, at).late
}

/** On time (true) or late (false) by that rule, for ISO times; null while the step is not done or has no due time. */
export function onTimeOf(clock: BusinessClock, due: string | null, done: string | null): boolean | null {
  return due === null || done === null ? null : !isLate(clock, new Date(due), new Date(done))
}
