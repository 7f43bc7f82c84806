import { UserError } from '../domain/errors.js'
import { openSqliteStore, type OpenOptions, type Store } from './database.js'

/** Opens the database a location names: an SQLite file path (PostgreSQL URLs come later). */
export async function openStore(location: string, opts: OpenOptions = {}): Promise<Store> {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(location)) {
    const scheme = location.slice(0, location.indexOf(':'))
    throw new UserError(`unsupported database URL scheme '${scheme}'`, 'give an SQLite file path, e.g. --db ./icm.db')
  }
  return openSqliteStore(location, opts)
}
