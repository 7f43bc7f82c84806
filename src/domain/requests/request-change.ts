import { responseDue, type Request, type UnitRef } from './request.js'
import { nextRequestStatus, type RequestStatus } from './request-state.js'
import { deadlinesOf, type Service } from './service.js'
import type { WorkSchedule } from '../calendar/business-time.js'
import { UserError } from '../errors.js'
import { NO_RESPONSE, NO_WORK, type StepDetails } from './request-steps.js'
import { t } from '../i18n/catalog.js'
import { shownStatus } from './request-labels.js'

/**
 * A change of a request (policy 3.5): every change is recorded with its reason and impact; a
 * change of scope (title, description or provider) sends the request back to new — the earlier
 * evaluations stop counting, the earlier response no longer stands and a new response clock
 * starts at the change. The clock it ends is kept with the change (SupersededClock): T still
 * counts it in the period it was due in (on time, late, or left out when it ended before it was
 * due unanswered), so changing a request never undoes a late answer.
 */

/** The response clock a change of scope ended: who was to respond, by when, and when they did (or null). */
export interface SupersededClock {
  providerId: number
  responseDue: string
  respondedAt: string | null
}

/** Fields whose change is a change of scope. */
export const SCOPE_FIELDS = ['title', 'description', 'provider'] as const

/** What changed, field by field, as recorded: { title: { from, to }, … }; units by code. */
export type FieldChanges = Record<string, { from: unknown; to: unknown }>

export function isScopeChange(changes: FieldChanges): boolean {
  return SCOPE_FIELDS.some((f) => f in changes)
}

/** A change as the user asks it: the new values (absent: keep), units already looked up, and why. */
export interface RequestChange {
  title?: string
  description?: string | null
  provider?: UnitRef
  neededBy?: string | null
  /** the co-responsible units after the change (any order, no repeats) */
  also?: readonly UnitRef[]
  reason: string
  /** its impact on time, cost or other units */
  impact: string | null
}

/** The request's surroundings the change rule reads. */
export interface ChangeTerms {
  /** the current provider and co-responsible units, with their codes for the record */
  provider: UnitRef
  also: readonly UnitRef[]
  /** the request's catalogue service, if it has one */
  service: Pick<Service, 'providerId' | 'responseHours' | 'resolutionDays'> | undefined
  /** the policy's deadlines (sla.*) and the business calendar */
  defaults: { responseHours: number; resolutionDays: number }
  schedule: WorkSchedule
}

export interface RequestChangeOutcome {
  request: Request
  changes: FieldChanges
  scopeChange: boolean
  statusBefore: RequestStatus
  statusAfter: RequestStatus
  /** the co-responsible unit ids after the change (ascending), when they change */
  also: number[] | undefined
  /** the current evaluations stop counting (a change of scope) */
  supersedeEvaluations: boolean
  /** a change of scope: the response clock it ends, kept with the change for T */
  superseded: SupersededClock | undefined
  /** what the event log records */
  details: StepDetails
}

/** The fields that differ between the request and the edit, in the order they are recorded. */
export function diffRequest(r: Pick<Request, 'title' | 'description' | 'neededBy'>, edit: Omit<RequestChange, 'reason' | 'impact'>, terms: Pick<ChangeTerms, 'provider' | 'also'>): FieldChanges {
  const changes: FieldChanges = {}
  if (edit.title !== undefined && edit.title !== r.title) changes.title = { from: r.title, to: edit.title }
  if (edit.description !== undefined && edit.description !== r.description) changes.description = { from: r.description, to: edit.description }
  if (edit.provider !== undefined && edit.provider.id !== terms.provider.id) changes.provider = { from: terms.provider.code, to: edit.provider.code }
  if (edit.neededBy !== undefined && edit.neededBy !== r.neededBy) changes.neededBy = { from: r.neededBy, to: edit.neededBy }
  if (edit.also !== undefined) {
    const before = byId(terms.also)
    const after = byId(edit.also)
    if (before.map((u) => u.id).join(',') !== after.map((u) => u.id).join(',')) {
      changes.also = { from: before.map((u) => u.code), to: after.map((u) => u.code) }
    }
  }
  return changes
}

const byId = (units: readonly UnitRef[]) => [...units].sort((a, b) => a.id - b.id)

/**
 * The request after a change at `at` and what happened. Refused when nothing differs, when a
 * change of scope is not allowed from the status (resolved, closed, cancelled), and for any
 * change of a closed or cancelled request. On a change of scope the response clock restarts
 * with the service's response hours while the new provider still provides the service (else the
 * default, and the request leaves the service).
 */
export function changeRequest(r: Request, edit: RequestChange, terms: ChangeTerms, at: Date, now: Date): RequestChangeOutcome {
  const changes = diffRequest(r, edit, terms)
  if (Object.keys(changes).length === 0) throw new UserError(t('request.nothingChanges', { code: r.code }))
  const scopeChange = isScopeChange(changes)
  const before = r.status
  const after = scopeChange ? nextRequestStatus(before, 'change', r.code) : before
  if (!scopeChange && (before === 'closed' || before === 'cancelled')) throw new UserError(t('request.noLongerChange', { code: r.code, status: shownStatus(before) }))
  const request: Request = {
    ...r,
    title: changes.title ? edit.title! : r.title,
    description: changes.description ? edit.description! : r.description,
    providerId: changes.provider ? edit.provider!.id : r.providerId,
    neededBy: changes.neededBy ? edit.neededBy! : r.neededBy,
    lastStepAt: at.toISOString(),
    updatedAt: now.toISOString(),
  }
  const details: StepDetails = { at: at.toISOString(), changes, reason: edit.reason, impact: edit.impact, scopeChange }
  if (scopeChange) {
    const keepsService = terms.service !== undefined && terms.service.providerId === request.providerId
    const hours = keepsService ? deadlinesOf(terms.service, terms.defaults).responseHours : terms.defaults.responseHours
    Object.assign(request, {
      status: after,
      serviceId: terms.service !== undefined && !keepsService ? null : r.serviceId,
      responseDue: responseDue(terms.schedule, at, hours).toISOString(),
      ...NO_RESPONSE,
      ...NO_WORK,
    })
    Object.assign(details, {
      statusBefore: before,
      statusAfter: after,
      previousResponse: r.respondedAt ? { decision: r.decision, at: r.respondedAt, onTime: r.responseOnTime === true } : null,
      responseDue: request.responseDue,
    })
  }
  return {
    request,
    changes,
    scopeChange,
    statusBefore: before,
    statusAfter: after,
    also: changes.also ? byId(edit.also!).map((u) => u.id) : undefined,
    supersedeEvaluations: scopeChange,
    superseded: scopeChange ? { providerId: r.providerId, responseDue: r.responseDue, respondedAt: r.respondedAt } : undefined,
    details,
  }
}

/** A change as the request's history keeps it. */
export interface RequestChangeRecord {
  at: string
  actor: string
  changes: FieldChanges
  reason: string
  impact: string | null
  scopeChange: boolean
  statusBefore: string
  statusAfter: string
  /** a change of scope recorded by this version: the response clock it ended */
  superseded?: SupersededClock
}
