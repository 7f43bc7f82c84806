import type { Kysely } from 'kysely'
import { shownInstant } from '../../cli/output.js'
import { NotFoundError } from '../../domain/errors.js'
import { findingDaysOverdue, findingState } from '../../domain/supervision/audit.js'
import { listActions } from '../../storage/actions-repo.js'
import { findAuditByCode, findFindingByCode } from '../../storage/audits-repo.js'
import type { AuditRow, FindingRow } from '../../storage/schema-collaboration.js'
import type { DB } from '../../storage/schema.js'
import { t } from '../../domain/i18n/catalog.js'

/** Audits and findings as the audit commands show them, and the audit or finding a command names. */

/** The JSON of a finding, with its state as of today and the improvement action it opened. */
export function findingJson(f: FindingRow, auditCode: string, codes: ReadonlyMap<number, string>, actionCodes: ReadonlyMap<number, string>, today: string) {
  const days = findingDaysOverdue(f, today)
  return {
    code: f.code,
    audit: auditCode,
    unit: codes.get(f.unit_id) ?? null,
    severity: f.severity,
    description: f.description,
    due: f.due,
    status: findingState(f, today),
    daysOverdue: days > 0 ? days : null,
    action: f.action_id === null ? null : (actionCodes.get(f.action_id) ?? null),
    closeNote: f.close_note,
    closedAt: shownInstant(f.closed_at),
    createdAt: shownInstant(f.created_at),
  }
}

export type FindingJson = ReturnType<typeof findingJson>

/** The JSON of an audit with its scope and finding counts. */
export function auditJson(a: AuditRow, scope: readonly string[], findings: readonly FindingJson[]) {
  return {
    code: a.code,
    title: a.title,
    date: a.audit_date,
    auditor: a.auditor,
    scope: [...scope],
    findingCount: findings.length,
    openFindings: findings.filter((f) => f.status !== 'closed').length,
    overdueFindings: findings.filter((f) => f.status === 'overdue').length,
    createdAt: shownInstant(a.created_at),
  }
}

export async function requireAudit(db: Kysely<DB>, code: string): Promise<AuditRow> {
  const a = await findAuditByCode(db, code)
  if (!a) throw new NotFoundError(t('audit.unknown', { code }), t('audit.unknown.hint'))
  return a
}

export async function requireFinding(db: Kysely<DB>, code: string): Promise<FindingRow> {
  const f = await findFindingByCode(db, code)
  if (!f) throw new NotFoundError(t('audit.unknownFinding', { code }), t('audit.unknownFinding.hint'))
  return f
}

/** Codes of the improvement actions that audits opened, by id. */
export async function auditActionCodes(db: Kysely<DB>): Promise<Map<number, string>> {
  return new Map((await listActions(db, { source: 'audit' })).map((a) => [a.id, a.code]))
}
