import type { Kysely } from 'kysely'
import type { AppContext } from '../../cli/context.js'
import { UserError } from '../../domain/errors.js'
import {
  REPORTS_KEY_ENV,
  deriveReportKey,
  keyCheckOf,
  keyMatchesCheck,
  newKdfParams,
  openIdentity,
  parseKdfParams,
  type KdfParams,
  type SealedIdentity,
} from '../../domain/supervision/report-crypto.js'
import { getMeta, setMeta } from '../../storage/meta-repo.js'
import { listSealedIdentities } from '../../storage/reports-repo.js'
import type { DB } from '../../storage/schema.js'
import { t } from '../../domain/i18n/catalog.js'

/** The reports key: the secret from ICM_REPORTS_KEY, and the database's key derived from it. */

/** The meta key holding the scrypt parameters and the database's salt. */
const KDF_META_KEY = 'reports.kdf'
/** The meta key holding the key check: an HMAC of a fixed text under the derived key. */
const KEY_CHECK_META_KEY = 'reports.key-check'

/** The secret of ICM_REPORTS_KEY; UserError naming `purpose` when it is not set. */
export function reportsKey(ctx: AppContext, purpose: string): string {
  const key = ctx.env[REPORTS_KEY_ENV]
  if (key === undefined || key === '') {
    throw new UserError(t('report.key.missing', { purpose, env: REPORTS_KEY_ENV }), t('report.key.missing.hint', { env: REPORTS_KEY_ENV }))
  }
  return key
}

/**
 * The database's key derived from `secret`, inside the caller's write transaction, or 'mismatch'
 * when the secret is not this database's key. The first filing creates the salt and the key
 * check. `revealing` is the sealed identity about to be opened (null when filing).
 *
 * A database from before key checks has sealed identities and no check. We never store a check
 * for a key that no identity vouches for: the first key that opens an existing identity (when
 * filing: any on file; when revealing: the one asked for) is provably the key those reports were
 * filed with, so its check is stored then; a key that opens none is refused and stores nothing.
 * Storing the first key presented instead would let a mistyped key become the database's key and
 * lock the real one out.
 */
export async function databaseKey(db: Kysely<DB>, secret: string, revealing: { sealed: SealedIdentity; code: string } | null): Promise<Buffer | 'mismatch'> {
  const storedParams = await getMeta(db, KDF_META_KEY)
  if (storedParams === undefined) {
    if (revealing) throw new Error('a report has an encrypted reporter but the database has no reports key parameters')
    const params: KdfParams = newKdfParams()
    await setMeta(db, KDF_META_KEY, JSON.stringify(params))
    const key = deriveReportKey(secret, params)
    await setMeta(db, KEY_CHECK_META_KEY, keyCheckOf(key))
    return key
  }
  const key = deriveReportKey(secret, parseKdfParams(storedParams))
  const check = await getMeta(db, KEY_CHECK_META_KEY)
  if (check !== undefined) return keyMatchesCheck(key, check) ? key : 'mismatch'
  const vouchers = revealing ? [revealing] : (await listSealedIdentities(db)).map((s) => ({ sealed: s, code: s.code }))
  const vouched = vouchers.length === 0 || vouchers.some((v) => openIdentity(key, v.sealed, v.code) !== null)
  if (!vouched) return 'mismatch'
  await setMeta(db, KEY_CHECK_META_KEY, keyCheckOf(key))
  return key
}
