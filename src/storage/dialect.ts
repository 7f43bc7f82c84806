import { PostgresAdapter, sql, type ColumnDefinitionBuilder, type CreateTableBuilder, type Kysely } from 'kysely'
import { ConflictError, UserError } from '../domain/errors.js'

/**
 * What differs between SQLite and PostgreSQL lives here and nowhere else: the identity column,
 * the append-only rule on events, and how a write transaction starts.
 */
export type DialectName = 'sqlite' | 'postgres'

export function dialectOf(db: Kysely<any>): DialectName {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite'
}

/** An auto-increment integer primary key named id. */
export function addIdColumn<T extends string>(db: Kysely<any>, table: CreateTableBuilder<T, any>): CreateTableBuilder<T, any> {
  return dialectOf(db) === 'postgres'
    ? table.addColumn('id', 'integer', (c: ColumnDefinitionBuilder) => c.primaryKey().generatedByDefaultAsIdentity())
    : table.addColumn('id', 'integer', (c: ColumnDefinitionBuilder) => c.primaryKey().autoIncrement())
}

/** Triggers that refuse UPDATE and DELETE on a table (the event log is append-only). */
export async function makeAppendOnly(db: Kysely<any>, table: string): Promise<void> {
  if (dialectOf(db) === 'postgres') {
    await sql`create or replace function icm_append_only() returns trigger language plpgsql as $$
      begin raise exception '% is append-only', tg_table_name; end $$`.execute(db)
    await sql`create trigger ${sql.raw(`${table}_append_only`)} before update or delete on ${sql.table(table)}
      for each row execute function icm_append_only()`.execute(db)
    return
  }
  for (const op of ['update', 'delete']) {
    await sql`create trigger ${sql.raw(`${table}_no_${op}`)} before ${sql.raw(op)} on ${sql.table(table)}
      begin select raise(abort, ${sql.lit(`${table} is append-only`)}); end`.execute(db)
  }
}

/**
 * A database error that is the user's doing, as the error icm reports: a unique key taken by a
 * concurrent writer is a conflict (exit 5) on either backend. Anything else stays as it was.
 */
export function translateDbError(e: unknown): unknown {
  const err = e as { code?: string; message?: string; detail?: string }
  if (err?.code === '23505' || err?.code === 'SQLITE_CONSTRAINT_UNIQUE' || err?.code === 'SQLITE_CONSTRAINT_PRIMARYKEY') {
    return new ConflictError(`that already exists (${err.detail ?? err.message ?? 'unique key'})`, 'another administrator may have just added it; list and try again')
  }
  if (isBusyError(e)) return databaseLockedError()
  return e
}

/** SQLite's "database is locked": another connection holds the write lock past the busy timeout. */
export function isBusyError(e: unknown): boolean {
  return String((e as { code?: unknown })?.code ?? '').startsWith('SQLITE_BUSY')
}

/** Exit 3: another icm command holds the write lock and did not let go in time (not a bug). */
export function databaseLockedError(location?: string, waitedMs?: number): UserError {
  const waited = waitedMs === undefined ? '' : ` after ${Number((waitedMs / 1000).toFixed(1))} s`
  return new UserError(
    `the database${location ? ` ${location}` : ''} is still locked by another icm command${waited}; nothing was changed`,
    'try again when the other command has finished',
  )
}
