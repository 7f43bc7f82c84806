import { PostgresAdapter, sql, type Kysely } from 'kysely'
import { ConflictError, UserError } from '../domain/errors.js'
import { t } from '../domain/i18n/catalog.js'

/**
 * What differs between SQLite and PostgreSQL lives here (the migrations keep frozen copies of
 * what they use: migrations/frozen-helpers.ts): the append-only rule on events, database errors.
 */
export type DialectName = 'sqlite' | 'postgres'

export function dialectOf(db: Kysely<any>): DialectName {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite'
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
 * The append-only triggers of a table that are missing, disabled or no longer refuse the change
 * (their names, e.g. events_no_delete). SQLite: the two triggers must read as makeAppendOnly
 * wrote them (quotes, case and spacing aside); PostgreSQL: the one trigger must be enabled, fire
 * before UPDATE and DELETE for each row, and call a function that raises.
 */
export async function appendOnlyProblems(db: Kysely<any>, table: string): Promise<string[]> {
  if (dialectOf(db) === 'postgres') {
    const name = `${table}_append_only`
    const rows = await sql<{ tgname: string; tgenabled: string; def: string; prosrc: string }>`
      select t.tgname, t.tgenabled, pg_get_triggerdef(t.oid) as def, p.prosrc from pg_trigger t join pg_proc p on p.oid = t.tgfoid
      where t.tgrelid = ${table}::regclass and not t.tgisinternal and t.tgname = ${name}`.execute(db)
    const t = rows.rows[0]
    const sound =
      t !== undefined &&
      t.tgenabled !== 'D' &&
      /^CREATE TRIGGER \S+ BEFORE (DELETE OR UPDATE|UPDATE OR DELETE) ON \S+ FOR EACH ROW EXECUTE (FUNCTION|PROCEDURE) \S+\(\)$/.test(t.def) &&
      /raise\s+exception/i.test(t.prosrc)
    return sound ? [] : [name]
  }
  const rows = await sql<{ name: string; sql: string | null }>`select name, sql from sqlite_master where type = 'trigger' and tbl_name = ${table}`.execute(db)
  const norm = (text: string) => text.toLowerCase().replace(/["`[\]]/g, '').replace(/\s+/g, ' ').trim()
  return ['update', 'delete'].flatMap((op) => {
    const name = `${table}_no_${op}`
    const found = rows.rows.find((r) => r.name === name)
    const expected = `create trigger ${name} before ${op} on ${table} begin select raise(abort, '${table} is append-only'); end`
    return found?.sql && norm(found.sql) === expected ? [] : [name]
  })
}

/** Recreates the named append-only triggers of a table (as appendOnlyProblems names them). */
export async function restoreAppendOnly(db: Kysely<any>, table: string, names: readonly string[]): Promise<void> {
  if (dialectOf(db) === 'postgres') {
    for (const name of names) await sql`drop trigger if exists ${sql.raw(name)} on ${sql.table(table)}`.execute(db)
    await makeAppendOnly(db, table)
    return
  }
  for (const name of names) {
    const op = name.endsWith('_no_update') ? 'update' : 'delete'
    await sql`drop trigger if exists ${sql.raw(name)}`.execute(db)
    await sql`create trigger ${sql.raw(name)} before ${sql.raw(op)} on ${sql.table(table)}
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
    return new ConflictError(t('system.db.alreadyExists', { detail: err.detail ?? err.message ?? 'unique key' }), t('system.db.alreadyExists.hint'))
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
  const waited = waitedMs === undefined ? '' : t('system.db.waited', { seconds: Number((waitedMs / 1000).toFixed(1)) })
  return new UserError(
    location ? t('system.db.stillLocked', { location, waited }) : t('system.db.stillLockedAnywhere', { waited }),
    t('system.db.stillLocked.hint'),
  )
}
