import type { Complaint, NewComplaint } from './complaint.js'
import { checkStepTime } from './complaint-rules.js'
import { nextComplaintStatus, type ComplaintAction, type ComplaintStatus, type ComplaintTransitionOptions } from './complaint-state.js'
import { t } from '../i18n/catalog.js'
import { shownComplaintStatus } from './complaint-labels.js'

/**
 * The steps of a complaint (policy chapter 7) as pure functions: the state machine of
 * complaint-state.ts says which step may come when; these check the step's time against the
 * timeline and say what each step records and what it resets.
 */

/** What a complaint is received with (units and the related request already looked up). */
export type ComplaintToReceive = Pick<Complaint, 'complainantId' | 'againstId' | 'requestId' | 'channel' | 'summary' | 'handler'>

/** A complaint received at `at`: status received, nothing investigated, planned or verified yet. */
export function receiveComplaint(fields: ComplaintToReceive, at: Date, now: Date): NewComplaint {
  return {
    ...fields,
    status: 'received',
    receivedAt: at.toISOString(),
    investigatedAt: null,
    plan: null,
    feedback: null,
    verification: null,
    rootCause: null,
    statusChangedAt: at.toISOString(),
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
  }
}

/** A step after intake, with what it records. */
export type ComplaintStep =
  | { action: 'investigate' }
  | { action: 'plan'; responsibleId: number; measures: string; deadline: string }
  | { action: 'feedback'; accepted: boolean; note: string | null }
  | { action: 'verify'; resolved: boolean; satisfaction: number; note: string | null }
  | { action: 'root_cause'; category: string; analysis: string }
  | { action: 'evidence' }
  | { action: 'prevention' }

/** What decides where a step leads: the action, and the complainant's or the verifier's answer. */
export type ComplaintStepKind =
  | { action: Exclude<ComplaintAction, 'feedback' | 'verify'> }
  | { action: 'feedback'; accepted: boolean }
  | { action: 'verify'; resolved: boolean }

/** The actions that move the status; their time may not be before the last status change. */
const STATUS_STEPS: readonly ComplaintAction[] = ['investigate', 'plan', 'feedback', 'verify']

function transitionOptions(c: Complaint, kind: ComplaintStepKind): ComplaintTransitionOptions {
  if (kind.action === 'feedback') return { accepted: kind.accepted }
  if (kind.action === 'verify') return { resolved: kind.resolved, hasRootCause: c.rootCause !== null }
  return {}
}

/**
 * The status a step leads to, or a UserError: the state machine refuses it, or it is dated
 * before the step it follows (the last status change for the steps that move the status, the
 * intake for the others).
 */
export function checkComplaintStep(c: Complaint, kind: ComplaintStepKind, at: Date): ComplaintStatus {
  const next = nextComplaintStatus(c.status, kind.action, transitionOptions(c, kind), c.code)
  if (STATUS_STEPS.includes(kind.action)) checkStepTime(at, new Date(c.statusChangedAt), c.code, c.status === 'received' ? t('complaint.what.received') : t('complaint.what.became', { status: shownComplaintStatus(c.status) }))
  else checkStepTime(at, new Date(c.receivedAt), c.code, t('complaint.what.received'))
  return next
}

/**
 * The complaint after a step at `at` (recorded at `now`). A new plan waits for its own feedback
 * and verification, so planning clears the earlier ones (the timeline keeps them); a disputed
 * plan or a verification that finds it not resolved sends the complaint back to investigation.
 */
export function complaintAfter(c: Complaint, step: ComplaintStep, at: Date, now: Date): Complaint {
  const status = checkComplaintStep(c, step, at)
  const when = at.toISOString()
  const next: Complaint = { ...c, status, updatedAt: now.toISOString() }
  if (STATUS_STEPS.includes(step.action)) next.statusChangedAt = when
  switch (step.action) {
    case 'investigate':
      next.investigatedAt = when
      break
    case 'plan':
      next.plan = { responsibleId: step.responsibleId, measures: step.measures, deadline: step.deadline, plannedAt: when }
      next.feedback = null
      next.verification = null
      break
    case 'feedback':
      next.feedback = { accepted: step.accepted, note: step.note, at: when }
      break
    case 'verify':
      next.verification = { resolved: step.resolved, satisfaction: step.satisfaction, note: step.note, at: when }
      break
    case 'root_cause':
      next.rootCause = { category: step.category, analysis: step.analysis, at: when }
      break
    case 'evidence':
    case 'prevention':
      break
  }
  return next
}
