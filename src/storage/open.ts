import { UserError } from '../domain/errors.js'
import { t } from '../domain/i18n/catalog.js'
import { openSqliteStore, type OpenOptions, type Store } from './database.js'
import { isDatabaseUrl, isPostgresUrl } from './location.js'
import { openPostgresStore } from './postgres-store.js'

/**
 * Opens the database a location names: a postgres:// URL (a shared server), else an SQLite file
 * path (the default). Any other URL is refused.
 */
export async function openStore(location: string, opts: OpenOptions = {}): Promise<Store> {
  if (isPostgresUrl(location)) return openPostgresStore(location, opts)
  if (isDatabaseUrl(location)) {
    const scheme = location.slice(0, location.indexOf(':'))
    throw new UserError(t('system.db.urlScheme', { scheme }), t('system.db.urlScheme.hint'))
  }
  return openSqliteStore(location, opts)
}
