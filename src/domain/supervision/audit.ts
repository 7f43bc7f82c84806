import { daysBetween, localDate } from '../calendar/dates.js'
import { UserError } from '../errors.js'
import { label, t } from '../i18n/catalog.js'
import { parseEnum } from '../input/enum-input.js'

/** Internal audits (policy chapter 8): finding severities and whether a finding is overdue. */
export const SEVERITIES = ['minor', 'major', 'critical'] as const
export type Severity = (typeof SEVERITIES)[number]

export function parseSeverity(text: string): Severity {
  return parseEnum('severity', text, t('audit.severityWhat'), SEVERITIES)
}

/** A major or critical finding opens an improvement action for its unit; a minor one does not. */
export function opensAction(severity: Severity): boolean {
  return severity !== 'minor'
}

/** Refuses a finding due before the audit that found it. */
export function checkFindingDue(due: string, auditDate: string): void {
  if (due < auditDate) throw new UserError(t('audit.finding.dueBeforeAudit', { due, date: auditDate }), t('audit.finding.dueBeforeAudit.hint'))
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

/**
 * Refuses a finding about a unit outside the audit's scope: the unit must be an audited unit or
 * under one (`parentOf` gives each unit's parent). `scope` in the order the message lists it.
 */
export function checkInScope(
  unit: { id: number; code: string },
  audit: { code: string },
  scope: readonly { id: number; code: string }[],
  parentOf: ReadonlyMap<number, number | null>,
): void {
  const ids = new Set(scope.map((s) => s.id))
  const seen = new Set<number>()
  for (let cur: number | null | undefined = unit.id; cur !== null && cur !== undefined && !seen.has(cur); cur = parentOf.get(cur)) {
    if (ids.has(cur)) return
    seen.add(cur)
  }
  throw new UserError(t('audit.finding.notInScope', { unit: unit.code, audit: audit.code, scope: scope.map((s) => s.code).join(', ') }), t('audit.finding.notInScope.hint'))
}

/** The improvement action a major or critical finding opens for its unit, due when the finding is; null for a minor one. */
export function findingAction(
  audit: { code: string },
  finding: { code: string; severity: Severity; description: string; due: string },
): { sourceRef: string; description: string; due: string } | null {
  if (!opensAction(finding.severity)) return null
  return { sourceRef: finding.code, description: t('audit.findingAction', { audit: audit.code, severity: label('severity', finding.severity), finding: finding.code, description: finding.description }), due: finding.due }
}

/** Refuses closing a finding again, or on a day (`at`, local) before its audit. */
export function checkFindingClose(f: { code: string; status: 'open' | 'closed'; close_note: string | null }, auditDate: string, at: Date): void {
  if (f.status === 'closed') throw new UserError(t('audit.close.already', { code: f.code, note: f.close_note ?? '' }))
  if (localDate(at) < auditDate) throw new UserError(t('audit.close.beforeAudit', { code: f.code, date: localDate(at), auditDate }), t('audit.close.beforeAudit.hint'))
}
