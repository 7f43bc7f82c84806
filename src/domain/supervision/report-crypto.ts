import { createCipheriv, createDecipheriv, createHmac, randomBytes, scryptSync, timingSafeEqual } from 'node:crypto'
import { UserError } from '../errors.js'
import { t } from '../i18n/catalog.js'

/**
 * The confidential reporter identity of an employee report (DESIGN.md §5): AES-256-GCM with a
 * key derived by scrypt from the ICM_REPORTS_KEY secret and a per-database random salt. Only
 * the sealed form (iv, tag, ciphertext) is ever stored; the report's code is bound in as
 * additional authenticated data, so a sealed identity cannot be moved to another report. The
 * identity is padded to IDENTITY_BYTES first, so every ciphertext has the same length; and the
 * database keeps a key check (an HMAC of a fixed text under the key), so a wrong key is refused
 * when filing, not only when revealing (DESIGN.md §8).
 */
export const REPORTS_KEY_ENV = 'ICM_REPORTS_KEY'

/** A shorter secret is refused when filing (guessing it would be cheap even through scrypt). */
export const MIN_KEY_LENGTH = 8

/** Refuses, when filing with a reporter, a reports key too short to protect one. */
export function checkFilingKey(secret: string): void {
  if (secret.length < MIN_KEY_LENGTH) throw new UserError(t('report.key.tooShort', { env: REPORTS_KEY_ENV }), t('report.key.tooShort.hint', { n: MIN_KEY_LENGTH }))
}

/** The scrypt parameters and salt of a database, kept (as JSON) in its meta table. */
export interface KdfParams {
  alg: 'scrypt'
  N: number
  r: number
  p: number
  /** base64 of 16 random bytes */
  salt: string
}

export interface SealedIdentity {
  /** base64 of the 12-byte nonce */
  iv: string
  /** base64 of the 16-byte GCM authentication tag */
  tag: string
  /** base64 of the encrypted UTF-8 identity, padded with NUL bytes to IDENTITY_BYTES */
  ciphertext: string
}

/** Fresh parameters for a database: scrypt N=16384, r=8, p=1 (Node's defaults) and a random salt. */
export function newKdfParams(salt: Buffer = randomBytes(16)): KdfParams {
  return { alg: 'scrypt', N: 16384, r: 8, p: 1, salt: salt.toString('base64') }
}

/** The parameters stored in the meta table; throws (a bug, not a user error) when they are not ours. */
export function parseKdfParams(text: string): KdfParams {
  const o = JSON.parse(text) as Partial<KdfParams>
  if (o.alg !== 'scrypt' || !Number.isInteger(o.N) || !Number.isInteger(o.r) || !Number.isInteger(o.p) || typeof o.salt !== 'string') {
    throw new Error('the reports key parameters in the meta table are damaged')
  }
  return o as KdfParams
}

/** The 32-byte AES key of `secret` under the database's parameters. */
export function deriveReportKey(secret: string, params: KdfParams): Buffer {
  return scryptSync(Buffer.from(secret, 'utf8'), Buffer.from(params.salt, 'base64'), 32, { N: params.N, r: params.r, p: params.p })
}

/** Every identity is padded to this many UTF-8 bytes before encryption; a longer one is refused. */
export const IDENTITY_BYTES = 256

/** The identity as the fixed-length plain text that is encrypted: UTF-8, then NUL bytes. UserError when it cannot be. */
export function padIdentity(identity: string): Buffer {
  const bytes = Buffer.from(identity, 'utf8')
  if (identity.includes('\u0000')) throw new UserError(t('report.reporter.nul'))
  if (bytes.length > IDENTITY_BYTES) {
    throw new UserError(t('report.reporter.tooLong', { bytes: bytes.length, max: IDENTITY_BYTES }), t('report.reporter.tooLong.hint'))
  }
  return Buffer.concat([bytes, Buffer.alloc(IDENTITY_BYTES - bytes.length)])
}

/** Encrypts `identity` (padded to IDENTITY_BYTES) for the report `code`. */
export function sealIdentity(key: Buffer, identity: string, code: string, iv: Buffer = randomBytes(12)): SealedIdentity {
  const plain = padIdentity(identity)
  const cipher = createCipheriv('aes-256-gcm', key, iv)
  cipher.setAAD(Buffer.from(code, 'utf8'))
  const ciphertext = Buffer.concat([cipher.update(plain), cipher.final()])
  return { iv: iv.toString('base64'), tag: cipher.getAuthTag().toString('base64'), ciphertext: ciphertext.toString('base64') }
}

/** The identity sealed for report `code`, or null when the key is wrong or the data was altered (GCM authentication fails). */
export function openIdentity(key: Buffer, sealed: SealedIdentity, code: string): string | null {
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(sealed.iv, 'base64'))
    decipher.setAAD(Buffer.from(code, 'utf8'))
    decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'))
    const plain = Buffer.concat([decipher.update(Buffer.from(sealed.ciphertext, 'base64')), decipher.final()])
    // identities sealed before padding have no NUL bytes to strip
    let end = plain.length
    while (end > 0 && plain[end - 1] === 0) end--
    return plain.subarray(0, end).toString('utf8')
  } catch {
    return null
  }
}

/** The fixed text whose HMAC under a database's key is its key check. */
export const KEY_CHECK_TEXT = 'icm reports key check v1'

/** The key check of a derived key: base64 of HMAC-SHA256(key, KEY_CHECK_TEXT). It reveals nothing about the key. */
export function keyCheckOf(key: Buffer): string {
  return createHmac('sha256', key).update(KEY_CHECK_TEXT, 'utf8').digest('base64')
}

/** Whether a derived key is the one whose check is stored (compared in constant time). */
export function keyMatchesCheck(key: Buffer, storedCheck: string): boolean {
  const a = Buffer.from(keyCheckOf(key), 'base64')
  const b = Buffer.from(storedCheck, 'base64')
  return a.length === b.length && timingSafeEqual(a, b)
}
