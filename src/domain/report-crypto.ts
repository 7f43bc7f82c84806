import { createCipheriv, createDecipheriv, randomBytes, scryptSync } from 'node:crypto'

/**
 * The confidential reporter identity of an employee report (DESIGN.md §5): AES-256-GCM with a
 * key derived by scrypt from the ICM_REPORTS_KEY secret and a per-database random salt. Only
 * the sealed form (iv, tag, ciphertext) is ever stored; the report's code is bound in as
 * additional authenticated data, so a sealed identity cannot be moved to another report.
 */
export const REPORTS_KEY_ENV = 'ICM_REPORTS_KEY'

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
  /** base64 of the encrypted UTF-8 identity */
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

/** Encrypts `identity` for the report `code`. */
export function sealIdentity(key: Buffer, identity: string, code: string, iv: Buffer = randomBytes(12)): SealedIdentity {
  const cipher = createCipheriv('aes-256-gcm', key, iv)
  cipher.setAAD(Buffer.from(code, 'utf8'))
  const ciphertext = Buffer.concat([cipher.update(identity, 'utf8'), cipher.final()])
  return { iv: iv.toString('base64'), tag: cipher.getAuthTag().toString('base64'), ciphertext: ciphertext.toString('base64') }
}

/** The identity sealed for report `code`, or null when the key is wrong or the data was altered (GCM authentication fails). */
export function openIdentity(key: Buffer, sealed: SealedIdentity, code: string): string | null {
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(sealed.iv, 'base64'))
    decipher.setAAD(Buffer.from(code, 'utf8'))
    decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'))
    return Buffer.concat([decipher.update(Buffer.from(sealed.ciphertext, 'base64')), decipher.final()]).toString('utf8')
  } catch {
    return null
  }
}
