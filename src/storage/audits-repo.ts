import type { Kysely } from 'kysely'
import type { PeriodBounds } from '../domain/calendar/period.js'
import type { Severity } from '../domain/supervision/audit.js'
import type { AuditRow, AuditScopeTable, FindingRow } from './schema-collaboration.js'
import type { DB } from './schema.js'
import { nextCode } from './sequences-repo.js'

/** Internal audits (AUD-0001 …) with the units in their scope, and their findings (FND-0001 …). */

export interface NewAudit {
  title: string
  /** 'YYYY-MM-DD' */
  date: string
  auditor: string
  createdAt: Date
}

/** Records an audit and the units in its scope. */
export async function insertAudit(db: Kysely<DB>, a: NewAudit, scopeUnitIds: readonly number[]): Promise<AuditRow> {
  const code = await nextCode(db, 'AUD')
  const row = await db
    .insertInto('audits')
    .values({ code, title: a.title, audit_date: a.date, auditor: a.auditor, created_at: a.createdAt.toISOString() })
    .returningAll()
    .executeTakeFirstOrThrow()
  if (scopeUnitIds.length > 0) {
    await db
      .insertInto('audit_scope')
      .values(scopeUnitIds.map((unit_id) => ({ audit_id: row.id, unit_id })))
      .execute()
  }
  return row
}

export async function findAuditByCode(db: Kysely<DB>, code: string): Promise<AuditRow | undefined> {
  return db.selectFrom('audits').selectAll().where('code', '=', code.trim().toUpperCase()).executeTakeFirst()
}

export async function findAuditById(db: Kysely<DB>, id: number): Promise<AuditRow | undefined> {
  return db.selectFrom('audits').selectAll().where('id', '=', id).executeTakeFirst()
}

export interface AuditFilter {
  /** only audits dated in the period */
  period?: PeriodBounds
}

/** Audits by date, then code. */
export async function listAudits(db: Kysely<DB>, f: AuditFilter = {}): Promise<AuditRow[]> {
  let q = db.selectFrom('audits').selectAll()
  if (f.period) q = q.where('audit_date', '>=', f.period.startDate).where('audit_date', '<=', f.period.endDate)
  return q.orderBy('audit_date').orderBy('code').execute()
}

/** The scope rows of the given audits. */
export async function listScope(db: Kysely<DB>, auditIds: readonly number[]): Promise<AuditScopeTable[]> {
  if (auditIds.length === 0) return []
  return db.selectFrom('audit_scope').selectAll().where('audit_id', 'in', [...auditIds]).orderBy('audit_id').orderBy('unit_id').execute()
}

export interface NewFinding {
  auditId: number
  unitId: number
  severity: Severity
  description: string
  /** fix by, 'YYYY-MM-DD' */
  due: string
  createdAt: Date
}

/** Records an open finding (FND-0001 …) of an audit. */
export async function insertFinding(db: Kysely<DB>, f: NewFinding): Promise<FindingRow> {
  const code = await nextCode(db, 'FND')
  return db
    .insertInto('findings')
    .values({
      code,
      audit_id: f.auditId,
      unit_id: f.unitId,
      severity: f.severity,
      description: f.description,
      due: f.due,
      status: 'open',
      close_note: null,
      closed_at: null,
      action_id: null,
      created_at: f.createdAt.toISOString(),
    })
    .returningAll()
    .executeTakeFirstOrThrow()
}

export async function findFindingByCode(db: Kysely<DB>, code: string): Promise<FindingRow | undefined> {
  return db.selectFrom('findings').selectAll().where('code', '=', code.trim().toUpperCase()).executeTakeFirst()
}

export interface FindingFilter {
  auditIds?: readonly number[]
  unitId?: number
}

/** Findings by code (the order they were made). */
export async function listFindings(db: Kysely<DB>, f: FindingFilter = {}): Promise<FindingRow[]> {
  let q = db.selectFrom('findings').selectAll()
  if (f.auditIds !== undefined) {
    if (f.auditIds.length === 0) return []
    q = q.where('audit_id', 'in', [...f.auditIds])
  }
  if (f.unitId !== undefined) q = q.where('unit_id', '=', f.unitId)
  return q.orderBy('code').execute()
}

export async function linkFindingAction(db: Kysely<DB>, id: number, actionId: number): Promise<FindingRow> {
  return db.updateTable('findings').set({ action_id: actionId }).where('id', '=', id).returningAll().executeTakeFirstOrThrow()
}

export async function closeFinding(db: Kysely<DB>, id: number, note: string, at: Date): Promise<FindingRow> {
  return db
    .updateTable('findings')
    .set({ status: 'closed', close_note: note, closed_at: at.toISOString() })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow()
}
