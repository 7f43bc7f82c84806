import type { Kysely } from 'kysely'
import type { DB } from './schema.js'

/** Small facts about the database itself (e.g. that it is a demo). */
export async function getMeta(db: Kysely<DB>, key: string): Promise<string | undefined> {
  const row = await db.selectFrom('meta').select('value').where('key', '=', key).executeTakeFirst()
  return row?.value
}

export async function setMeta(db: Kysely<DB>, key: string, value: string): Promise<void> {
  await db
    .insertInto('meta')
    .values({ key, value })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
    .execute()
}
