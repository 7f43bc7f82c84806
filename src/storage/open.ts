import { UserError } from '../domain/errors.js'
import { openSqliteStore, type OpenOptions, type Store } from './database.js'
import { openPostgresStore } from './postgres-store.js'

/**
 * Opens the database a location names: a postgres:// URL (a shared server), else an SQLite file
 * path (the default). Any other URL is refused.
 */
export async function openStore(location: string, opts: OpenOptions = {}): Promise<Store> {
  if (isPostgresUrl(location)) return openPostgresStore(location, opts)
  if (isDatabaseUrl(location)) {
    const scheme = location.slice(0, location.indexOf(':'))
    throw new UserError(`unsupported database URL scheme '${scheme}'`, 'give an SQLite file path, e.g. --db ./icm.db, or postgres://USER:PASSWORD@HOST:PORT/DATABASE')
  }
  return openSqliteStore(location, opts)
}

/** Whether a database location is a URL (scheme://…) rather than a file path. */
export function isDatabaseUrl(location: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(location)
}

/** Whether a database location names a PostgreSQL server (postgres:// or postgresql://). */
export function isPostgresUrl(location: string): boolean {
  return /^postgres(ql)?:\/\//i.test(location)
}

/** A database location as messages may name it: a URL without its password, a path as it is. */
export function withoutPassword(location: string): string {
  return isDatabaseUrl(location) ? location.replace(/^([^:]+:\/\/[^/:@]*):[^@/]*@/, '$1@') : location
}
