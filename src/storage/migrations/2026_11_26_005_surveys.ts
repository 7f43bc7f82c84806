import type { Kysely } from 'kysely'

/** Placeholder: this migration's tables are being written. */
export async function up(_db: Kysely<any>): Promise<void> {}

export async function down(): Promise<void> {
  throw new Error('icm migrations are forward-only')
}
