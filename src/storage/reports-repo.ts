import type { Kysely } from 'kysely'
import type { Decision, ReportStatus } from '../domain/supervision/report.js'
import type { SealedIdentity } from '../domain/supervision/report-crypto.js'
import type { ReportRow } from './schema-collaboration.js'
import type { DB } from './schema.js'
import { nextCode } from './sequences-repo.js'

/**
 * Employee reports of violations (RPT-0001 …). The reporter's identity is only ever passed in and
 * stored sealed (iv, tag, ciphertext); nothing here sees it in plain text.
 */
export async function nextReportCode(db: Kysely<DB>): Promise<string> {
  return nextCode(db, 'RPT')
}

export interface NewReport {
  /** taken with nextReportCode in the same transaction (the code seals the identity) */
  code: string
  aboutId: number
  description: string
  /** the reporter's sealed identity; null for an anonymous report */
  sealed: SealedIdentity | null
  filedAt: Date
  createdAt: Date
}

/** Inserts a received report. */
export async function insertReport(db: Kysely<DB>, r: NewReport): Promise<ReportRow> {
  return db
    .insertInto('reports')
    .values({
      code: r.code,
      about_id: r.aboutId,
      description: r.description,
      status: 'received',
      validity: null,
      reward_cents: null,
      decision_note: null,
      decided_at: null,
      reporter_iv: r.sealed?.iv ?? null,
      reporter_tag: r.sealed?.tag ?? null,
      reporter_ciphertext: r.sealed?.ciphertext ?? null,
      filed_at: r.filedAt.toISOString(),
      created_at: r.createdAt.toISOString(),
    })
    .returningAll()
    .executeTakeFirstOrThrow()
}

export async function findReportByCode(db: Kysely<DB>, code: string): Promise<ReportRow | undefined> {
  return db.selectFrom('reports').selectAll().where('code', '=', code.trim().toUpperCase()).executeTakeFirst()
}

/** A report's sealed identity; null for an anonymous report. */
export function sealedIdentityOf(r: ReportRow): SealedIdentity | null {
  if (r.reporter_iv === null || r.reporter_tag === null || r.reporter_ciphertext === null) return null
  return { iv: r.reporter_iv, tag: r.reporter_tag, ciphertext: r.reporter_ciphertext }
}

/** The sealed identities on file (code, iv, tag, ciphertext), oldest report first: never in plain text. */
export async function listSealedIdentities(db: Kysely<DB>): Promise<({ code: string } & SealedIdentity)[]> {
  const rows = await db
    .selectFrom('reports')
    .select(['code', 'reporter_iv', 'reporter_tag', 'reporter_ciphertext'])
    .where('reporter_ciphertext', 'is not', null)
    .orderBy('id')
    .execute()
  return rows.map((r) => ({ code: r.code, iv: r.reporter_iv!, tag: r.reporter_tag!, ciphertext: r.reporter_ciphertext! }))
}

export interface ReportFilter {
  status?: ReportStatus
  aboutId?: number
}

export async function listReports(db: Kysely<DB>, f: ReportFilter = {}): Promise<ReportRow[]> {
  let q = db.selectFrom('reports').selectAll()
  if (f.status) q = q.where('status', '=', f.status)
  if (f.aboutId !== undefined) q = q.where('about_id', '=', f.aboutId)
  return q.orderBy('code').execute()
}

/** Records the decision on a report, with the finding's note, made at `decidedAt`. */
export async function decideReport(db: Kysely<DB>, id: number, d: Decision & { note: string | null; decidedAt: Date }): Promise<ReportRow> {
  return db
    .updateTable('reports')
    .set({ status: 'decided', validity: d.validity, reward_cents: d.rewardCents, decision_note: d.note, decided_at: d.decidedAt.toISOString() })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow()
}
