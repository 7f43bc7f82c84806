import { UserError } from '../errors.js'
import { quote } from '../excerpt.js'
import { t } from '../i18n/catalog.js'
import { matchEnum } from '../i18n/enums.js'
import { toSimplified } from '../org/unit-names.js'
import { shownStatus, shownValues } from './request-labels.js'

/**
 * The request state machine (DESIGN.md §2):
 *
 *   new → evaluated → accepted → in_progress → resolved → closed
 *   new | evaluated → accepted | rejected        (evaluation is optional)
 *   in_progress ⇄ waiting                         (waiting on the customer)
 *   any open state → cancelled
 *   scope change: new, evaluated, accepted, in_progress, waiting, rejected → new
 *
 * Anything else is refused with a UserError whose hint names the commands that are allowed.
 */

export const REQUEST_STATUSES = [
  'new',
  'evaluated',
  'accepted',
  'rejected',
  'in_progress',
  'waiting',
  'resolved',
  'closed',
  'cancelled',
] as const
export type RequestStatus = (typeof REQUEST_STATUSES)[number]

export const REQUEST_ACTIONS = [
  'evaluate',
  'accept',
  'reject',
  'start',
  'wait',
  'resume',
  'resolve',
  'close',
  'cancel',
  'change',
] as const
export type RequestAction = (typeof REQUEST_ACTIONS)[number]

/** Open = still needs work from the provider. */
export const OPEN_REQUEST_STATUSES: readonly RequestStatus[] = ['new', 'evaluated', 'accepted', 'in_progress', 'waiting']

/** The command a user runs for each action; hints name these. */
export const REQUEST_ACTION_COMMANDS: Record<RequestAction, string> = {
  evaluate: 'icm request evaluate',
  accept: 'icm request respond --accept',
  reject: 'icm request respond --reject',
  start: 'icm request start',
  wait: 'icm request wait',
  resume: 'icm request resume',
  resolve: 'icm request resolve',
  close: 'icm request close',
  cancel: 'icm request cancel',
  change: 'icm request change',
}

const TRANSITIONS: Record<RequestAction, Partial<Record<RequestStatus, RequestStatus>>> = {
  evaluate: { new: 'evaluated', evaluated: 'evaluated' },
  accept: { new: 'accepted', evaluated: 'accepted' },
  reject: { new: 'rejected', evaluated: 'rejected' },
  start: { accepted: 'in_progress' },
  wait: { in_progress: 'waiting' },
  resume: { waiting: 'in_progress' },
  resolve: { in_progress: 'resolved' },
  close: { resolved: 'closed' },
  cancel: { new: 'cancelled', evaluated: 'cancelled', accepted: 'cancelled', in_progress: 'cancelled', waiting: 'cancelled' },
  change: { new: 'new', evaluated: 'new', accepted: 'new', in_progress: 'new', waiting: 'new', rejected: 'new' },
}

/** True for new, evaluated, accepted, in_progress and waiting. */
export function isOpenRequest(status: RequestStatus): boolean {
  return OPEN_REQUEST_STATUSES.includes(status)
}

/** The actions allowed from a status, in REQUEST_ACTIONS order (empty for closed and cancelled). */
export function allowedRequestActions(from: RequestStatus): RequestAction[] {
  return REQUEST_ACTIONS.filter((a) => TRANSITIONS[a][from] !== undefined)
}

/**
 * The status after `action`, or a UserError "cannot <action> <code> in status <from>" with a
 * hint naming the allowed next commands. `code` is the request's code (e.g. REQ-0007).
 */
export function nextRequestStatus(from: RequestStatus, action: RequestAction, code = 'the request'): RequestStatus {
  const to = TRANSITIONS[action][from]
  if (to !== undefined) return to
  throw new UserError(t('request.cannot', { action, code, status: shownStatus(from) }), requestHint(from))
}

/** The hint for a refused change: the next commands, or that the status is final. */
export function requestHint(from: RequestStatus): string {
  const allowed = allowedRequestActions(from)
  if (allowed.length === 0) return t('request.final', { status: shownStatus(from) })
  return t('request.next', { commands: allowed.map((a) => REQUEST_ACTION_COMMANDS[a]).join(', ') })
}

export function isRequestStatus(text: string): text is RequestStatus {
  return (REQUEST_STATUSES as readonly string[]).includes(text)
}

/** A status typed by the user (e.g. a --status filter), case-insensitive, '-' accepted for '_'. */
export function parseRequestStatus(text: string): RequestStatus {
  const s = text.trim().toLowerCase().replace(/-/g, '_')
  if (isRequestStatus(s)) return s
  const v = matchEnum('requestStatus', text, REQUEST_STATUSES, toSimplified)
  if (v !== undefined) return v
  throw new UserError(t('request.unknownStatus', { text: quote(text) }), t('request.unknownStatus.hint', { values: shownValues('requestStatus', REQUEST_STATUSES) }))
}
