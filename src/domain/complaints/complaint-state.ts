import { UserError } from '../errors.js'
import { quote } from '../excerpt.js'
import { isChinese, t } from '../i18n/catalog.js'
import { matchEnum } from '../i18n/enums.js'
import { toSimplified } from '../org/unit-names.js'
import { shownValues } from '../requests/request-labels.js'
import { shownComplaintStatus } from './complaint-labels.js'

/**
 * The complaint state machine (DESIGN.md §2, policy chapter 7):
 *
 *   received → investigating → planned → confirmed → verified (closed)
 *   planned   → investigating   when the complainant disputes the plan (feedback, not accepted)
 *   confirmed → investigating   when verification finds it not resolved
 *   planned   → planned         re-planning before the complainant answers
 *
 * Recording actions that do not move the status:
 * - evidence: received (a complaint often arrives with documents), investigating, planned,
 *   confirmed; not once verified (the file is closed).
 * - root cause: investigating, planned, confirmed (it needs an investigation; verifying as
 *   resolved requires one, so a verified complaint already has it).
 * - prevention actions: any status (they usually follow the closing).
 */

export const COMPLAINT_STATUSES = ['received', 'investigating', 'planned', 'confirmed', 'verified'] as const
export type ComplaintStatus = (typeof COMPLAINT_STATUSES)[number]

export const COMPLAINT_ACTIONS = [
  'investigate',
  'plan',
  'feedback',
  'verify',
  'evidence',
  'root_cause',
  'prevention',
] as const
export type ComplaintAction = (typeof COMPLAINT_ACTIONS)[number]

/** What the transition depends on besides the status. */
export interface ComplaintTransitionOptions {
  /** feedback: true = the complainant accepts the plan, false = disputes it. */
  accepted?: boolean
  /** verify: true = resolved (yes), false = not resolved (no). */
  resolved?: boolean
  /** verify as resolved requires a recorded root cause. */
  hasRootCause?: boolean
}

/** The command a user runs for each action; hints name these. */
export const COMPLAINT_ACTION_COMMANDS: Record<ComplaintAction, string> = {
  investigate: 'icm complaint investigate',
  plan: 'icm complaint plan',
  feedback: 'icm complaint feedback',
  verify: 'icm complaint verify',
  evidence: 'icm complaint evidence',
  root_cause: 'icm complaint root-cause',
  prevention: 'icm complaint prevent',
}

/** How an action reads in "cannot <verb> CMP-0001 in status …". */
const VERBS: Record<ComplaintAction, string> = {
  investigate: 'investigate',
  plan: 'plan',
  feedback: 'record feedback on',
  verify: 'verify',
  evidence: 'add evidence to',
  root_cause: 'record a root cause for',
  prevention: 'add a prevention action to',
}

const ALLOWED: Record<ComplaintAction, readonly ComplaintStatus[]> = {
  investigate: ['received'],
  plan: ['investigating', 'planned'],
  feedback: ['planned'],
  verify: ['confirmed'],
  evidence: ['received', 'investigating', 'planned', 'confirmed'],
  root_cause: ['investigating', 'planned', 'confirmed'],
  prevention: COMPLAINT_STATUSES,
}

/** Open = not verified yet. */
export function isOpenComplaint(status: ComplaintStatus): boolean {
  return status !== 'verified'
}

/** The actions allowed in a status, in COMPLAINT_ACTIONS order. */
export function allowedComplaintActions(from: ComplaintStatus): ComplaintAction[] {
  return COMPLAINT_ACTIONS.filter((a) => ALLOWED[a].includes(from))
}

/**
 * The status after `action`, or a UserError "cannot <action> <code> in status <from>" with a
 * hint naming the allowed commands. Verifying as resolved without a root cause is refused with
 * the hint `icm complaint root-cause`. feedback needs `accepted`, verify needs `resolved`.
 */
export function nextComplaintStatus(
  from: ComplaintStatus,
  action: ComplaintAction,
  options: ComplaintTransitionOptions = {},
  code = 'the complaint',
): ComplaintStatus {
  if (!ALLOWED[action].includes(from)) {
    throw new UserError(t('complaint.cannot', { verb: isChinese() ? t(`complaint.verb.${action}`) : VERBS[action], code, status: shownComplaintStatus(from) }), complaintHint(from))
  }
  switch (action) {
    case 'investigate':
      return 'investigating'
    case 'plan':
      return 'planned'
    case 'feedback':
      if (options.accepted === undefined) throw new TypeError('complaint feedback needs options.accepted')
      return options.accepted ? 'confirmed' : 'investigating'
    case 'verify':
      if (options.resolved === undefined) throw new TypeError('complaint verify needs options.resolved')
      if (!options.resolved) return 'investigating'
      if (!options.hasRootCause) {
        throw new UserError(
          t('complaint.noRootCause', { code }),
          t('complaint.noRootCause.hint', { command: COMPLAINT_ACTION_COMMANDS.root_cause }),
        )
      }
      return 'verified'
    case 'evidence':
    case 'root_cause':
    case 'prevention':
      return from
  }
}

/** The hint for a refused action: the commands allowed in this status. */
export function complaintHint(from: ComplaintStatus): string {
  return t('complaint.next', { commands: allowedComplaintActions(from).map((a) => COMPLAINT_ACTION_COMMANDS[a]).join(', ') })
}

export function isComplaintStatus(text: string): text is ComplaintStatus {
  return (COMPLAINT_STATUSES as readonly string[]).includes(text)
}

/** A status typed by the user (e.g. a --status filter), case-insensitive; 'closed' means verified. */
export function parseComplaintStatus(text: string): ComplaintStatus {
  const s = text.trim().toLowerCase()
  if (s === 'closed') return 'verified'
  if (isComplaintStatus(s)) return s
  const v = matchEnum('complaintStatus', text, COMPLAINT_STATUSES, toSimplified)
  if (v !== undefined) return v
  throw new UserError(t('complaint.unknownStatus', { text: quote(text) }), t('complaint.unknownStatus.hint', { values: shownValues('complaintStatus', COMPLAINT_STATUSES) }))
}
