import type { Kysely } from 'kysely'

/**
 * The id prefix an import batch was given (`survey import --id-prefix B-`): part of every key of
 * its rows, so importing the same file again (--force) must give the same prefix, or its rows
 * would be stored a second time under other ids. Batches before this migration had none.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('survey_batches').addColumn('id_prefix', 'text').execute()
}

export async function down(): Promise<void> {
  throw new Error('icm migrations are forward-only')
}
