import type { Kysely } from 'kysely'
import type { DB, DependencyRow, LinkRow } from './schema.js'

/** Position dependencies (position-function analysis) and manual supplier→customer links. */
export async function insertDependency(
  db: Kysely<DB>,
  d: { customer_id: number; supplier_id: number; support: string; created_at: string },
): Promise<DependencyRow> {
  return db.insertInto('dependencies').values(d).returningAll().executeTakeFirstOrThrow()
}

export async function listDependencies(db: Kysely<DB>): Promise<DependencyRow[]> {
  return db.selectFrom('dependencies').selectAll().orderBy('id').execute()
}

export async function insertLink(
  db: Kysely<DB>,
  l: { supplier_id: number; customer_id: number; provides: string; created_at: string },
): Promise<LinkRow> {
  return db.insertInto('links').values(l).returningAll().executeTakeFirstOrThrow()
}

export async function listLinks(db: Kysely<DB>): Promise<LinkRow[]> {
  return db.selectFrom('links').selectAll().orderBy('id').execute()
}
