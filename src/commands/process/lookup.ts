import type { Kysely } from 'kysely'
import { NotFoundError } from '../../domain/errors.js'
import type { Process } from '../../domain/org/process.js'
import { findProcessByCode } from '../../storage/processes-repo.js'
import type { DB } from '../../storage/schema.js'
import { t } from '../../domain/i18n/catalog.js'

/** A process by code (any case); NotFoundError (exit 4) otherwise. */
export async function requireProcess(db: Kysely<DB>, code: string): Promise<Process> {
  const p = await findProcessByCode(db, code)
  if (!p) throw new NotFoundError(t('process.unknown', { code }), t('process.unknown.hint'))
  return p
}
