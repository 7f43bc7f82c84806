import fs from 'node:fs'
import path from 'node:path'
import BetterSqlite3 from 'better-sqlite3'
import { Kysely, SqliteDialect, sql, type Migration } from 'kysely'
import type { Pool } from 'pg'
import { NotFoundError, UserError } from '../domain/errors.js'
import { t } from '../domain/i18n/catalog.js'
import { withTemporaryPath } from './atomic-file.js'
import { databaseLockedError, isBusyError, translateDbError, type DialectName } from './dialect.js'
import { MIGRATION_TABLE, migrate } from './migrate.js'
import type { DB } from './schema.js'
import { MIGRATIONS } from './migrations/index.js'

export { MIGRATION_LOCK_TABLE, MIGRATION_TABLE } from './migrate.js'

/** An open icm database: `db` for reads, `write` for one write transaction. */
export interface Store {
  readonly db: Kysely<DB>
  readonly dialect: DialectName
  /** the file, or the PostgreSQL URL without its password */
  readonly location: string
  /** SQLite only: the better-sqlite3 handle, for the bulk import path and the online backup */
  readonly sqlite?: BetterSqlite3.Database
  /** PostgreSQL only: the connection pool, for the bulk import path */
  readonly pgPool?: Pool
  /** whether opening it created it (a new file, or an empty PostgreSQL schema) */
  readonly created: boolean
  /** Runs fn in one write transaction (SQLite: BEGIN IMMEDIATE), rolled back on any error. */
  write<T>(fn: (trx: Kysely<DB>) => Promise<T>): Promise<T>
  backupTo(file: string): Promise<void>
  close(): Promise<void>
}

export interface SqliteStore extends Store {
  readonly dialect: 'sqlite'
  readonly sqlite: BetterSqlite3.Database
}

export interface OpenOptions {
  /** Create the file when it does not exist (otherwise still created: see openStore). */
  notice?: (message: string) => void
  /** Filesystem type of a folder (statfs magic); injectable so tests can fake a network share. */
  fsTypeOf?: (dir: string) => number
  /** The migrations to run (tests pass an older or newer list); default: all of icm's. */
  migrations?: Record<string, Migration>
  /** A read command: a missing database is not created but refused (exit 4). */
  mustExist?: boolean
  /**
   * Called when a write transaction finds the database locked by another writer and starts to
   * wait for it (SQLite: after LOCK_QUICK_TRY_MS); the CLI says so on a terminal.
   */
  onLockWait?: () => void
  /** How long a writer waits for another one (default BUSY_TIMEOUT_MS; tests shorten it). */
  busyTimeoutMs?: number
}

/**
 * How long a command waits for another icm command's write transaction before giving up (exit 3).
 * A survey import holds the lock only for its final insert (a few seconds per million rows), so
 * a minute covers it with room to spare.
 */
export const BUSY_TIMEOUT_MS = 60_000
/** The first, silent try for the write lock: a wait shorter than this is not worth a message. */
export const LOCK_QUICK_TRY_MS = 250

const SQLITE_HEADER = 'SQLite format 3\u0000'

/** statfs magic numbers of network file systems, where SQLite's WAL is unsafe. */
const NETWORK_FS: Record<number, string> = {
  0x6969: 'NFS',
  0x517b: 'SMB',
  0xff534d42: 'CIFS',
  0xfe534d42: 'SMB2',
  0x5346414f: 'AFS',
  0x564c: 'NCP',
  0x00c36400: 'Ceph',
}

export function networkFsName(type: number): string | undefined {
  return NETWORK_FS[type]
}

/** The schema version: how many migrations a database has (or icm knows). */
export const CURRENT_SCHEMA_VERSION = Object.keys(MIGRATIONS).length

/**
 * Opens (creating if needed) and migrates the SQLite database at `file`. Refuses, leaving the file
 * untouched: a missing folder, a network file system, a file that is not SQLite or not icm's, and a
 * database written by a newer icm.
 */
export async function openSqliteStore(file: string, opts: OpenOptions = {}): Promise<SqliteStore> {
  const location = path.resolve(file)
  const dir = path.dirname(location)
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) {
    throw new UserError(t('system.db.noFolder', { location, dir }), t('system.db.noFolder.hint'))
  }
  const fsType = (opts.fsTypeOf ?? ((d: string) => Number(fs.statfsSync(d).type)))(dir)
  const network = networkFsName(fsType)
  if (network) {
    throw new UserError(t('system.db.network', { location, fs: network }), t('system.db.network.hint'))
  }
  const existed = fs.existsSync(location) && fs.statSync(location).size > 0
  if (fs.existsSync(location)) checkIsSqliteFile(location)
  if (opts.mustExist && !existed) throw missingDatabase(location)
  if (!fs.existsSync(location)) {
    // a new database holds bonuses and confidential reports: 0600 (SQLite gives its -wal and -shm the same mode)
    fs.closeSync(fs.openSync(location, 'wx', 0o600))
  }
  const writable = isWritable(location)
  if (!writable && !opts.mustExist) {
    throw new UserError(t('system.db.readOnly', { db: location }), t('system.db.readOnly.hint'))
  }

  const busyTimeoutMs = opts.busyTimeoutMs ?? BUSY_TIMEOUT_MS
  const sqlite = new BetterSqlite3(location, { readonly: !writable, timeout: busyTimeoutMs })
  try {
    checkIsIcmDatabase(sqlite, location)
    if (writable) sqlite.pragma('journal_mode = WAL')
    sqlite.pragma('synchronous = FULL')
    sqlite.pragma('foreign_keys = ON')
    sqlite.pragma(`busy_timeout = ${busyTimeoutMs}`)
    // read pages through a memory map rather than read() calls: large scans (assess run) are faster
    sqlite.pragma('mmap_size = 268435456')
  } catch (e) {
    sqlite.close()
    throw e
  }
  const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: sqlite }) })
  const store = sqliteStore(db, sqlite, location, !existed, { busyTimeoutMs, onLockWait: opts.onLockWait })
  try {
    const migrations = opts.migrations ?? MIGRATIONS
    if (!writable && appliedMigrations(sqlite).length < Object.keys(migrations).length) {
      throw new UserError(t('system.db.readOnlyUpgrade', { location }), t('system.db.readOnlyUpgrade.hint'))
    }
    await migrate(
      {
        location,
        applied: async () => appliedMigrations(sqlite),
        write: store.write,
        backupBefore: async (from, to) => {
          const backup = `${location}.bak-${from}-${to}`
          await store.backupTo(backup)
          return backup
        },
      },
      existed,
      migrations,
      opts.notice,
    )
  } catch (e) {
    await store.close()
    throw e
  }
  return store
}

/** A read command on a database that does not exist: exit 4, and no file is created. */
export function missingDatabase(location: string): NotFoundError {
  return new NotFoundError(t('system.db.missing', { location }), t('system.db.missing.hint'))
}

/** Whether icm may write the file and its folder (SQLite writes -wal and -shm next to it). */
function isWritable(location: string): boolean {
  try {
    fs.accessSync(location, fs.constants.W_OK)
    fs.accessSync(path.dirname(location), fs.constants.W_OK)
    return true
  } catch {
    return false
  }
}

function checkIsSqliteFile(location: string): void {
  const stat = fs.statSync(location)
  if (stat.isDirectory()) throw new UserError(t('system.db.isFolder', { location }), t('system.db.isFolder.hint'))
  if (stat.size === 0) return
  const fd = fs.openSync(location, 'r')
  try {
    const header = Buffer.alloc(16)
    fs.readSync(fd, header, 0, 16, 0)
    if (header.toString('latin1') !== SQLITE_HEADER) {
      throw new UserError(t('system.db.notIcm', { location, reason: t('system.db.notSqliteFile') }), t('system.db.checkPath.hint'))
    }
  } finally {
    fs.closeSync(fd)
  }
}

function checkIsIcmDatabase(sqlite: BetterSqlite3.Database, location: string): void {
  let tables: string[]
  try {
    tables = (sqlite.prepare(`select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`).all() as { name: string }[]).map((r) => r.name)
  } catch (e) {
    // a damaged, locked or unreadable file is the environment's failure (cli/errors.ts names it), not a wrong path
    if ((e as { code?: string }).code !== 'SQLITE_NOTADB') throw e
    throw new UserError(t('system.db.notIcm', { location, reason: (e as Error).message }), t('system.db.checkPath.hint'))
  }
  if (tables.length > 0 && !tables.includes(MIGRATION_TABLE)) {
    const shown = tables.slice(0, 5).join(', ') + (tables.length > 5 ? ', …' : '')
    throw new UserError(t('system.db.otherTables', { location, tables: shown }), t('system.db.checkPath.hint'))
  }
}

interface LockWait {
  busyTimeoutMs: number
  onLockWait?: () => void
}

function sqliteStore(db: Kysely<DB>, sqlite: BetterSqlite3.Database, location: string, created: boolean, wait: LockWait): SqliteStore {
  return {
    db,
    created,
    dialect: 'sqlite',
    sqlite,
    location,
    write: (fn) => immediateTransaction(db, sqlite, location, wait, fn),
    backupTo: async (target) => {
      // under a temporary name until complete: a killed backup leaves nothing under the backup's name
      await withTemporaryPath(target, async (temp) => {
        try {
          await sqlite.backup(temp)
        } catch (e) {
          // SQLite does not say which file failed: a backup's write errors are the backup's
          throw Object.assign(e as Error, { path: target })
        }
      })
    },
    close: async () => {
      await db.destroy()
    },
  }
}

/**
 * BEGIN IMMEDIATE on the one connection: kysely's own transaction issues a deferred BEGIN, which
 * fails at once with SQLITE_BUSY when it reads then writes while another process writes.
 */
async function immediateTransaction<T>(db: Kysely<DB>, sqlite: BetterSqlite3.Database, location: string, wait: LockWait, fn: (trx: Kysely<DB>) => Promise<T>): Promise<T> {
  return transactionOnConnection(db, () => beginImmediate(sqlite, location, wait), fn, translateDbError)
}

/**
 * A transaction begun by hand on one connection: `begin` starts it, commit when fn succeeds,
 * rollback (and `failed(e)` thrown) when it fails. For what kysely's own transaction cannot do:
 * SQLite's BEGIN IMMEDIATE, and kysely's Migrator, which asks its db for a connection.
 */
export async function transactionOnConnection<D, T>(db: Kysely<D>, begin: (conn: Kysely<D>) => unknown, fn: (conn: Kysely<D>) => Promise<T>, failed: (e: unknown) => unknown = (e) => e): Promise<T> {
  return db.connection().execute(async (conn) => {
    await begin(conn)
    try {
      const result = await fn(conn)
      await sql`commit`.execute(conn)
      return result
    } catch (e) {
      await sql`rollback`.execute(conn)
      throw failed(e)
    }
  })
}

/**
 * Takes the write lock: a short silent try first; when another writer holds the lock, says so
 * once (onLockWait) and waits up to the busy timeout, then refuses with exit 3 naming the lock.
 */
export function beginImmediate(sqlite: BetterSqlite3.Database, location: string, wait: LockWait): void {
  sqlite.pragma(`busy_timeout = ${Math.min(LOCK_QUICK_TRY_MS, wait.busyTimeoutMs)}`)
  try {
    sqlite.exec('begin immediate')
    return
  } catch (e) {
    if (!isBusyError(e)) throw e
  } finally {
    sqlite.pragma(`busy_timeout = ${wait.busyTimeoutMs}`)
  }
  wait.onLockWait?.()
  try {
    sqlite.exec('begin immediate')
  } catch (e) {
    throw isBusyError(e) ? databaseLockedError(location, wait.busyTimeoutMs) : e
  }
}

/** The migrations a database has run, read with one query (the common, fast case). */
function appliedMigrations(sqlite: BetterSqlite3.Database): string[] {
  const has = sqlite.prepare(`select 1 from sqlite_master where type = 'table' and name = ?`).get(MIGRATION_TABLE)
  if (!has) return []
  return (sqlite.prepare(`select name from ${MIGRATION_TABLE} order by name`).all() as { name: string }[]).map((r) => r.name)
}

/** Whether an SQLite file is an icm demo database (safe for `icm demo` to replace). */
export function isDemoDatabase(file: string): boolean {
  try {
    const header = Buffer.alloc(16)
    const fd = fs.openSync(file, 'r')
    try {
      fs.readSync(fd, header, 0, 16, 0)
    } finally {
      fs.closeSync(fd)
    }
    if (header.toString('latin1') !== SQLITE_HEADER) return false
    const sqlite = new BetterSqlite3(file, { readonly: true, fileMustExist: true })
    try {
      const row = sqlite.prepare(`select value from meta where key = 'demo'`).get() as { value: string } | undefined
      return row?.value === '1'
    } finally {
      sqlite.close()
    }
  } catch {
    return false
  }
}

/** Deletes a database file with its WAL and shared-memory files. */
export function removeDatabaseFiles(file: string): void {
  for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true })
}
