import { resumeAfterWaiting, resolutionDue, responseDue, type NewRequest, type Request } from './request.js'
import { nextRequestStatus, type RequestAction } from './request-state.js'
import { createBusinessClock, type WorkSchedule } from '../calendar/business-time.js'
import { formatInstant, localDate } from '../calendar/dates.js'
import { isLate } from '../calendar/lateness.js'
import { UserError } from '../errors.js'
import { t } from '../i18n/catalog.js'
import { shownStatus } from './request-labels.js'

/**
 * The steps of a request (policy chapter 3, DESIGN.md §2): each takes the request, the step and
 * when it happened (`at`; `now` is when it is recorded) and returns the request after it, with
 * what happened for the event log. The state machine (request-state.ts) says which step may
 * follow which; these say what each step records and which clock it starts, moves or stops.
 */

/** What happened in a step, as the event log records it. */
export type StepDetails = Record<string, unknown>

export interface StepOutcome {
  request: Request
  details: StepDetails
}

/** What a request is logged with (the units and the service already looked up). */
export type RequestToLog = Pick<Request, 'customerId' | 'providerId' | 'serviceId' | 'channel' | 'title' | 'description' | 'neededBy'>

/** A request not answered yet: no response, no decision, no resolution clock. */
export const NO_RESPONSE = { respondedAt: null, responseOnTime: null, decision: null, expectedDate: null, rejectReason: null, resolutionDue: null } as const

/** A request nobody works on yet: not started, not waiting. */
export const NO_WORK = { startedAt: null, waitingSince: null, waitingReason: null } as const

/** A request logged at `at`: new, its response due `responseHours` business hours later. */
export function openRequest(fields: RequestToLog, at: Date, responseHours: number, schedule: WorkSchedule, now: Date): NewRequest {
  const logged = at.toISOString()
  return {
    ...fields,
    status: 'new',
    loggedAt: logged,
    responseDue: responseDue(schedule, at, responseHours).toISOString(),
    ...NO_RESPONSE,
    ...NO_WORK,
    pausedMinutes: 0,
    resolvedAt: null,
    resolutionNote: null,
    closedAt: null,
    satisfaction: null,
    cancelledAt: null,
    cancelReason: null,
    lastStepAt: logged,
    updatedAt: now.toISOString(),
  }
}

/** A step cannot be back-dated before the request's latest recorded step. */
export function checkAfterLastStep(r: Pick<Request, 'code' | 'lastStepAt'>, at: Date): void {
  if (at.getTime() < Date.parse(r.lastStepAt)) {
    throw new UserError(t('request.beforeLastStep', { at: formatInstant(at), code: r.code, last: formatInstant(new Date(r.lastStepAt)) }), t('request.beforeLastStep.hint'))
  }
}

/** The status after `action` (or UserError), the step's time checked; the request's step clock at `at`. */
function advance(r: Request, action: RequestAction, at: Date, now: Date): Request {
  const status = nextRequestStatus(r.status, action, r.code)
  checkAfterLastStep(r, at)
  return { ...r, status, lastStepAt: at.toISOString(), updatedAt: now.toISOString() }
}

/** The request after an evaluation: evaluated (the scores themselves are kept per evaluator). */
export function evaluateRequest(r: Request, at: Date, now: Date): Request {
  return advance(r, 'evaluate', at, now)
}

/** The answer to the customer: accept with the expected date, or reject with the reason. */
export type Response = { accept: true; expected: string | null; resolutionDays: number; schedule: WorkSchedule } | { accept: false; reason: string }

/**
 * The request after its response: on time unless it comes at least one business minute after the
 * response due time (on `schedule`: due 18:00, answered 09:00 the next working day is on time); accepted starts
 * the resolution clock (`resolutionDays` business days from the response), rejected records why.
 * A request is answered once: later changes go through `request change`.
 */
export function respondToRequest(r: Request, response: Response, at: Date, now: Date, schedule: WorkSchedule): StepOutcome {
  if (r.respondedAt) {
    throw new UserError(t('request.alreadyAnswered', { code: r.code, decision: shownStatus(r.decision ?? ''), at: formatInstant(new Date(r.respondedAt)) }), t('request.alreadyAnswered.hint', { code: r.code }))
  }
  const after = advance(r, response.accept ? 'accept' : 'reject', at, now)
  const expected = response.accept ? response.expected : null
  if (expected && expected < localDate(new Date(r.loggedAt))) {
    throw new UserError(t('request.expectedBeforeLogged', { expected, code: r.code, logged: localDate(new Date(r.loggedAt)) }), t('request.dateFromLogged.hint', { flag: '--expected', logged: localDate(new Date(r.loggedAt)) }))
  }
  const onTime = !isLate(createBusinessClock(schedule), new Date(r.responseDue), at)
  const request: Request = { ...after, respondedAt: at.toISOString(), responseOnTime: onTime, decision: response.accept ? 'accepted' : 'rejected' }
  if (response.accept) {
    request.expectedDate = expected
    request.resolutionDue = resolutionDue(response.schedule, at, response.resolutionDays).toISOString()
  } else {
    request.rejectReason = response.reason
  }
  const details = {
    at: at.toISOString(),
    onTime,
    responseDue: r.responseDue,
    expected,
    resolutionDue: response.accept ? request.resolutionDue : null,
    reason: response.accept ? null : response.reason,
  }
  return { request, details }
}

/** The steps of the work once a request is accepted. */
export type WorkStep =
  | { action: 'start' }
  | { action: 'wait'; reason: string }
  | { action: 'resume'; schedule: WorkSchedule }
  | { action: 'resolve'; note: string | null }
  | { action: 'close'; satisfaction: number | null }
  | { action: 'cancel'; reason: string }

/**
 * The request after a step of the work. Waiting on the customer pauses the resolution clock;
 * resuming moves the resolution due time by the paused business time; cancelling ends a wait.
 */
export function workOnRequest(r: Request, step: WorkStep, at: Date, now: Date): StepOutcome {
  const request = advance(r, step.action, at, now)
  const when = at.toISOString()
  const details: StepDetails = { at: when }
  switch (step.action) {
    case 'start':
      request.startedAt = when
      break
    case 'wait':
      request.waitingSince = when
      request.waitingReason = step.reason
      details.reason = step.reason
      break
    case 'resume': {
      const moved = resumeAfterWaiting(step.schedule, new Date(r.resolutionDue!), new Date(r.waitingSince!), at)
      request.waitingSince = null
      request.pausedMinutes = r.pausedMinutes + moved.pausedMinutes
      request.resolutionDue = moved.due.toISOString()
      Object.assign(details, { pausedMinutes: moved.pausedMinutes, resolutionDue: request.resolutionDue, previousResolutionDue: r.resolutionDue })
      break
    }
    case 'resolve':
      request.resolvedAt = when
      request.resolutionNote = step.note
      Object.assign(details, { note: step.note, onTime: r.resolutionDue ? at.getTime() <= Date.parse(r.resolutionDue) : null })
      break
    case 'close':
      request.closedAt = when
      request.satisfaction = step.satisfaction
      details.satisfaction = step.satisfaction
      break
    case 'cancel':
      request.cancelledAt = when
      request.cancelReason = step.reason
      details.reason = step.reason
      request.waitingSince = null
      break
  }
  return { request, details }
}
