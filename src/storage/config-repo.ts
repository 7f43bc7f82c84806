import type { Kysely } from 'kysely'
import { policyOf, type Policy } from '../domain/policy/config.js'
import type { DB } from './schema.js'

/** The values set in the database; keys not here take their default from src/domain/config.ts. */
export async function loadConfigValues(db: Kysely<DB>): Promise<Map<string, string>> {
  const rows = await db.selectFrom('config').select(['key', 'value']).execute()
  return new Map(rows.map((r) => [r.key, r.value]))
}

export async function setConfigValue(db: Kysely<DB>, key: string, value: string, at: Date): Promise<void> {
  await db
    .insertInto('config')
    .values({ key, value, updated_at: at.toISOString() })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value, updated_at: at.toISOString() }))
    .execute()
}

export async function deleteConfigValue(db: Kysely<DB>, key: string): Promise<void> {
  await db.deleteFrom('config').where('key', '=', key).execute()
}

/** The policy parameters in force: config values over the defaults of DESIGN.md §4. */
export async function loadPolicy(db: Kysely<DB>): Promise<Policy> {
  return policyOf(await loadConfigValues(db))
}
