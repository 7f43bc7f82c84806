import { Migrator, type Kysely, type Migration } from 'kysely'
import { ConflictError } from '../domain/errors.js'
import { t } from '../domain/i18n/catalog.js'
import type { DB } from './schema.js'

export const MIGRATION_TABLE = 'icm_migration'
export const MIGRATION_LOCK_TABLE = 'icm_migration_lock'

/** What migrating needs from a store, whatever the backend. */
export interface Migratable {
  location: string
  /** the names of the migrations the database has run (empty for a new database) */
  applied(): Promise<string[]>
  /** one write transaction; on PostgreSQL it also takes the migration lock */
  write<T>(fn: (trx: Kysely<DB>) => Promise<T>): Promise<T>
  /** an online copy before a schema change, where the backend can make one */
  backupBefore?(from: number, to: number): Promise<string>
  /** PostgreSQL: the schema icm's tables live in (kysely's Migrator looks in every schema otherwise) */
  schema?: string
}

/**
 * Brings the schema up to date, each pending migration in its own transaction. A database
 * written by a newer icm (a migration this icm does not know) is refused (exit 5).
 */
export async function migrate(store: Migratable, existed: boolean, migrations: Record<string, Migration>, notice?: (m: string) => void): Promise<void> {
  const names = Object.keys(migrations).sort()
  const applied = await store.applied()
  const unknown = applied.filter((n) => !names.includes(n))
  if (unknown.length > 0) {
    throw new ConflictError(
      t('system.db.newer', { location: store.location, applied: applied.length, known: names.length, migration: unknown[0]! }),
      t('system.db.newer.hint'),
    )
  }
  const pending = names.filter((n) => !applied.includes(n))
  if (pending.length === 0) return
  if (existed && applied.length > 0 && store.backupBefore) {
    const backup = await store.backupBefore(applied.length, names.length)
    notice?.(t('system.db.backedUp', { location: store.location, backup, from: applied.length, to: names.length }))
  }
  const provider = { getMigrations: async () => migrations }
  for (let i = 0; i < pending.length; i++) {
    await store.write(async (trx) => {
      const migrator = new Migrator({
        db: trx,
        provider,
        migrationTableName: MIGRATION_TABLE,
        migrationLockTableName: MIGRATION_LOCK_TABLE,
        migrationTableSchema: store.schema,
        disableTransactions: true,
      })
      const { error, results } = await migrator.migrateUp()
      if (error) {
        const failed = results?.find((r) => r.status === 'Error')
        throw new Error(`migration ${failed?.migrationName ?? ''} failed: ${(error as Error).message ?? String(error)}`)
      }
    })
  }
}
