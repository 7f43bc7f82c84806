import type { Kysely } from 'kysely'

/**
 * A change of scope starts a new response clock (policy 3.5); the clock it ends stays on record
 * with the change: the provider then, the response due time and the response given (if any). T
 * counts it in the period it was due in, so a late answer is not undone by changing the request
 * afterwards. Changes recorded before this migration have none (their earlier clocks are lost).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('request_changes')
    .addColumn('superseded_provider_id', 'integer', (c) => c.references('units.id'))
    .execute()
  await db.schema.alterTable('request_changes').addColumn('superseded_response_due', 'text').execute()
  await db.schema.alterTable('request_changes').addColumn('superseded_responded_at', 'text').execute()
  await db.schema.createIndex('request_changes_superseded_due').on('request_changes').column('superseded_response_due').execute()
}

export async function down(): Promise<void> {
  throw new Error('icm migrations are forward-only')
}
