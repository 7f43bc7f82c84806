import { addBusinessDays, addBusinessHours, addBusinessMinutes, businessMinutesBetween, type BusinessClock, type WorkSchedule } from '../calendar/business-time.js'
import { isLate, latenessOf } from '../calendar/lateness.js'
import { UserError } from '../errors.js'
import { quote } from '../excerpt.js'
import type { RequestStatus } from './request-state.js'
import { t } from '../i18n/catalog.js'
import { matchEnum } from '../i18n/enums.js'
import { shownValues } from './request-labels.js'
import { toSimplified } from '../org/unit-names.js'

/** Requests (policy chapter 3): channels, deadlines on the business calendar, lateness, changes. */
export const REQUEST_CHANNELS = ['meeting', 'mailbox', 'hotline', 'online', 'survey', 'research'] as const
export type RequestChannel = (typeof REQUEST_CHANNELS)[number]

export function parseChannel(text: string): RequestChannel {
  const c = matchEnum('requestChannel', text, REQUEST_CHANNELS, toSimplified)
  if (c === undefined) throw new UserError(t('request.invalidChannel', { text: quote(text) }), t('request.invalidChannel.hint', { values: shownValues('requestChannel', REQUEST_CHANNELS) }))
  return c
}

export function parseYesNo(text: string, flag: string): boolean {
  const v = matchEnum('yesNo', text, ['yes', 'no'], toSimplified)
  if (v !== undefined) return v === 'yes'
  throw new UserError(t('request.yesNo', { flag, text: quote(text) }))
}

/** The response due time: N business hours after the request was logged (DESIGN.md §3). */
export function responseDue(s: WorkSchedule, loggedAt: Date, responseHours: number): Date {
  return addBusinessHours(s, loggedAt, responseHours)
}

/** The resolution due time: N business days after the request was accepted. */
export function resolutionDue(s: WorkSchedule, acceptedAt: Date, resolutionDays: number): Date {
  return addBusinessDays(s, acceptedAt, resolutionDays)
}

/** Business hours from `due` to `at` (positive when late), to one decimal. */
export function businessHoursLate(clock: BusinessClock, due: Date, at: Date): number {
  return latenessOf(clock, due, at).businessHours
}

/**
 * After waiting on the customer from `since` to `until`: the paused business minutes and the
 * resolution due time moved by them (paused time never counts against the provider).
 */
export function resumeAfterWaiting(s: WorkSchedule, due: Date, since: Date, until: Date): { pausedMinutes: number; due: Date } {
  const pausedMinutes = Math.max(0, businessMinutesBetween(s, since, until))
  return { pausedMinutes, due: addBusinessMinutes(s, due, pausedMinutes) }
}

/** A unit as a request names it: its id, and its code for what is shown and recorded. */
export interface UnitRef {
  id: number
  code: string
}

/**
 * A request as the rules see it. Instants are ISO 8601 UTC text (as `new Date(x).toISOString()`
 * writes them), dates 'YYYY-MM-DD'; units and the service by id.
 */
export interface Request extends ClockState {
  id: number
  code: string
  customerId: number
  providerId: number
  serviceId: number | null
  channel: string
  title: string
  description: string | null
  status: RequestStatus
  neededBy: string | null
  /** when it was logged (--at): the response clock starts here */
  loggedAt: string
  responseDue: string
  respondedAt: string | null
  responseOnTime: boolean | null
  decision: 'accepted' | 'rejected' | null
  expectedDate: string | null
  rejectReason: string | null
  resolutionDue: string | null
  /** business minutes spent waiting on the customer so far */
  pausedMinutes: number
  waitingSince: string | null
  waitingReason: string | null
  startedAt: string | null
  resolvedAt: string | null
  resolutionNote: string | null
  closedAt: string | null
  satisfaction: number | null
  cancelledAt: string | null
  cancelReason: string | null
  /** the latest --at of any step: later steps may not be dated before it */
  lastStepAt: string
  updatedAt: string
}

/** A request about to be stored: everything but the id and the code its series gives it. */
export type NewRequest = Omit<Request, 'id' | 'code'>

export interface ClockState {
  status: string
  responseDue: string
  respondedAt: string | null
  cancelledAt: string | null
  resolutionDue: string | null
  resolvedAt: string | null
  waitingSince: string | null
}

export type Overdue = { kind: 'response' | 'resolution'; due: Date }

/**
 * Whether a request is overdue at `asOf`: its response (not given by then, late in business time,
 * not cancelled before), or its resolution (accepted, not resolved by then, late in business
 * time). Late means at least one business minute past due (domain/calendar/lateness.ts): a
 * response due at 18:00 is not overdue overnight, only from 09:01 on the next working day. A
 * request waiting on the customer is overdue only if it was already late when the wait began.
 */
export function overdueAt(r: ClockState, asOf: Date, clock: BusinessClock): Overdue | null {
  const t = asOf.getTime()
  const before = (iso: string | null) => iso !== null && Date.parse(iso) <= t
  if (before(r.cancelledAt)) return null
  if (!before(r.respondedAt)) {
    const due = new Date(r.responseDue)
    return isLate(clock, due, asOf) ? { kind: 'response', due } : null
  }
  if (r.resolutionDue === null || before(r.resolvedAt)) return null
  if (!['accepted', 'in_progress', 'waiting', 'resolved', 'closed'].includes(r.status)) return null
  const due = new Date(r.resolutionDue)
  if (r.status === 'waiting' && r.waitingSince !== null && !isLate(clock, due, new Date(r.waitingSince))) return null
  return isLate(clock, due, asOf) ? { kind: 'resolution', due } : null
}

/** A co-responsible unit (--also) is neither the provider nor the customer of the request. */
export function checkCoResponsible(unit: UnitRef, providerId: number, customerId: number): UnitRef {
  if (unit.id === providerId) throw new UserError(t('request.alsoProvider', { code: unit.code }))
  if (unit.id === customerId) throw new UserError(t('request.alsoCustomer', { code: unit.code }), t('request.alsoCustomer.hint'))
  return unit
}
