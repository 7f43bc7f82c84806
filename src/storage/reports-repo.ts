import type { Kysely } from 'kysely'
import type { NewReport, ReportRow } from './schema-collaboration.js'
import type { DB } from './schema.js'
import { nextCode } from './sequences-repo.js'

/**
 * Employee reports of violations (RPT-0001 …). The reporter's identity is only ever passed in and
 * stored sealed (iv, tag, ciphertext); nothing here sees it in plain text.
 */
export async function nextReportCode(db: Kysely<DB>): Promise<string> {
  return nextCode(db, 'RPT')
}

/** Inserts a report under a code taken with nextReportCode in the same transaction (the code seals the identity). */
export async function insertReport(db: Kysely<DB>, r: NewReport): Promise<ReportRow> {
  return db.insertInto('reports').values(r).returningAll().executeTakeFirstOrThrow()
}

export async function findReportByCode(db: Kysely<DB>, code: string): Promise<ReportRow | undefined> {
  return db.selectFrom('reports').selectAll().where('code', '=', code.trim().toUpperCase()).executeTakeFirst()
}

/** The sealed identities on file (code, iv, tag, ciphertext), oldest report first: never in plain text. */
export async function listSealedIdentities(db: Kysely<DB>): Promise<{ code: string; iv: string; tag: string; ciphertext: string }[]> {
  const rows = await db
    .selectFrom('reports')
    .select(['code', 'reporter_iv', 'reporter_tag', 'reporter_ciphertext'])
    .where('reporter_ciphertext', 'is not', null)
    .orderBy('id')
    .execute()
  return rows.map((r) => ({ code: r.code, iv: r.reporter_iv!, tag: r.reporter_tag!, ciphertext: r.reporter_ciphertext! }))
}

export interface ReportFilter {
  status?: ReportRow['status']
  aboutId?: number
}

export async function listReports(db: Kysely<DB>, f: ReportFilter = {}): Promise<ReportRow[]> {
  let q = db.selectFrom('reports').selectAll()
  if (f.status) q = q.where('status', '=', f.status)
  if (f.aboutId !== undefined) q = q.where('about_id', '=', f.aboutId)
  return q.orderBy('code').execute()
}

export async function decideReport(
  db: Kysely<DB>,
  id: number,
  d: { validity: 'valid' | 'invalid'; reward_cents: number | null; decision_note: string | null; decided_at: string },
): Promise<ReportRow> {
  return db
    .updateTable('reports')
    .set({ ...d, status: 'decided' })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow()
}
