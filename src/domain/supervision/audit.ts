import { daysBetween } from '../calendar/dates.js'
import { UserError } from '../errors.js'
import { quote } from '../excerpt.js'

/** Internal audits (policy chapter 8): finding severities and whether a finding is overdue. */
export const SEVERITIES = ['minor', 'major', 'critical'] as const
export type Severity = (typeof SEVERITIES)[number]

export function parseSeverity(text: string): Severity {
  const s = text.trim().toLowerCase() as Severity
  if (!SEVERITIES.includes(s)) throw new UserError(`invalid severity ${quote(text)}`, 'use minor, major or critical')
  return s
}

/** A major or critical finding opens an improvement action for its unit; a minor one does not. */
export function opensAction(severity: Severity): boolean {
  return severity !== 'minor'
}

/** Refuses a finding due before the audit that found it. */
export function checkFindingDue(due: string, auditDate: string): void {
  if (due < auditDate) throw new UserError(`due date ${due} is before the audit date ${auditDate}`, 'give a --due on or after the audit date')
}

export type FindingState = 'open' | 'overdue' | 'closed'

/** A finding's state as of `today`: closed; overdue when open and due before today; else open. */
export function findingState(f: { status: 'open' | 'closed'; due: string }, today: string): FindingState {
  if (f.status === 'closed') return 'closed'
  return f.due < today ? 'overdue' : 'open'
}

/** Days past due of an overdue finding (0 otherwise). */
export function findingDaysOverdue(f: { status: 'open' | 'closed'; due: string }, today: string): number {
  return findingState(f, today) === 'overdue' ? daysBetween(f.due, today) : 0
}
