import type { Kysely } from 'kysely'
import type { DB, RequestRow } from './schema.js'

export async function findRequestByCode(db: Kysely<DB>, code: string): Promise<RequestRow | undefined> {
  return db.selectFrom('requests').selectAll().where('code', '=', code.trim().toUpperCase()).executeTakeFirst()
}
