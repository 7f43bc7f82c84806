import { createCipheriv, createHmac } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import {
  IDENTITY_BYTES,
  KEY_CHECK_TEXT,
  MIN_KEY_LENGTH,
  checkFilingKey,
  deriveReportKey,
  keyCheckOf,
  keyMatchesCheck,
  newKdfParams,
  openIdentity,
  padIdentity,
  parseKdfParams,
  sealIdentity,
} from '../../src/domain/supervision/report-crypto.js'

const SALT = Buffer.alloc(16, 7)
const IV = Buffer.alloc(12, 1)
const NAME = 'Zhang Wei 张伟'

describe('sealing a reporter identity', () => {
  const params = newKdfParams(SALT)
  const key = deriveReportKey('correct horse battery', params)

  it('derives a 32-byte key with scrypt (N=16384, r=8, p=1) from the secret and the salt', () => {
    expect(params).toEqual({ alg: 'scrypt', N: 16384, r: 8, p: 1, salt: SALT.toString('base64') })
    expect(key).toHaveLength(32)
    expect(deriveReportKey('correct horse battery', params).equals(key)).toBe(true)
    expect(deriveReportKey('correct horse battery', newKdfParams(Buffer.alloc(16, 8))).equals(key)).toBe(false)
  })

  it('round-trips, with a 12-byte nonce and a 16-byte tag, and no plain text in the sealed form', () => {
    const sealed = sealIdentity(key, NAME, 'RPT-0001', IV)
    expect(Buffer.from(sealed.iv, 'base64')).toHaveLength(12)
    expect(Buffer.from(sealed.tag, 'base64')).toHaveLength(16)
    const raw = Buffer.from(sealed.ciphertext, 'base64')
    expect(raw).toHaveLength(IDENTITY_BYTES) // padded: 256 bytes whatever the name's length
    expect(raw.includes(Buffer.from('张伟', 'utf8'))).toBe(false)
    expect(JSON.stringify(sealed)).not.toContain('Zhang')
    expect(openIdentity(key, sealed, 'RPT-0001')).toBe(NAME)
  })

  it('uses a fresh random nonce each time', () => {
    expect(sealIdentity(key, NAME, 'RPT-0001').iv).not.toBe(sealIdentity(key, NAME, 'RPT-0001').iv)
  })

  it.each([
    ['another key', (s: ReturnType<typeof sealIdentity>) => openIdentity(deriveReportKey('wrong horse battery', params), s, 'RPT-0001')],
    ['another report code (moved to another report)', (s: ReturnType<typeof sealIdentity>) => openIdentity(key, s, 'RPT-0002')],
    ['an altered ciphertext', (s: ReturnType<typeof sealIdentity>) => {
      const c = Buffer.from(s.ciphertext, 'base64')
      c[0] = c[0]! ^ 1
      return openIdentity(key, { ...s, ciphertext: c.toString('base64') }, 'RPT-0001')
    }],
    ['an altered tag', (s: ReturnType<typeof sealIdentity>) => openIdentity(key, { ...s, tag: Buffer.alloc(16).toString('base64') }, 'RPT-0001')],
  ])('fails authentication with %s (null, nothing revealed)', (_what, open) => {
    expect(open(sealIdentity(key, NAME, 'RPT-0001', IV))).toBeNull()
  })

  it('reads the stored parameters back and refuses damaged ones', () => {
    expect(parseKdfParams(JSON.stringify(params))).toEqual(params)
    expect(() => parseKdfParams('{"alg":"md5"}')).toThrow(/damaged/)
  })

  it('pads to 256 bytes with NUL: a 1-byte and a 256-byte name give ciphertexts of the same length', () => {
    expect(padIdentity('王')).toEqual(Buffer.concat([Buffer.from([0xe7, 0x8e, 0x8b]), Buffer.alloc(253)]))
    for (const name of ['a', 'x'.repeat(256), '张'.repeat(85)]) {
      const sealed = sealIdentity(key, name, 'RPT-0001', IV)
      expect(Buffer.from(sealed.ciphertext, 'base64')).toHaveLength(256)
      expect(openIdentity(key, sealed, 'RPT-0001')).toBe(name)
    }
  })

  it.each([
    ['257 ASCII bytes', 'x'.repeat(257), /too long: 257 bytes in UTF-8, at most 256/],
    ['86 Chinese characters (258 bytes)', '张'.repeat(86), /too long: 258 bytes/],
    ['a NUL character', 'a\u0000b', /cannot contain a NUL character/],
  ])('refuses to seal %s (exit 3)', (_what, name, message) => {
    expect(() => sealIdentity(key, name, 'RPT-0001', IV)).toThrow(message)
    expect(() => padIdentity(name)).toThrow(expect.objectContaining({ exitCode: 3 }))
  })

  it('still opens an identity sealed before padding (no NUL bytes to strip)', () => {
    const cipher = createCipheriv('aes-256-gcm', key, IV)
    cipher.setAAD(Buffer.from('RPT-0001', 'utf8'))
    const ciphertext = Buffer.concat([cipher.update(NAME, 'utf8'), cipher.final()])
    const sealed = { iv: IV.toString('base64'), tag: cipher.getAuthTag().toString('base64'), ciphertext: ciphertext.toString('base64') }
    expect(openIdentity(key, sealed, 'RPT-0001')).toBe(NAME)
  })

  it('keeps a key check: HMAC-SHA256 of a fixed text under the derived key, matching only that key', () => {
    const check = keyCheckOf(key)
    expect(check).toBe(createHmac('sha256', key).update('icm reports key check v1').digest('base64'))
    expect(KEY_CHECK_TEXT).toBe('icm reports key check v1')
    expect(keyMatchesCheck(key, check)).toBe(true)
    expect(keyMatchesCheck(deriveReportKey('wrong horse battery', params), check)).toBe(false)
    expect(keyMatchesCheck(key, 'AAAA')).toBe(false)
  })
})

describe('checkFilingKey', () => {
  it('refuses a reports key under 8 characters when filing with a reporter', () => {
    expect(() => checkFilingKey('1234567')).toThrow('ICM_REPORTS_KEY is too short to protect a reporter')
    expect(() => checkFilingKey('12345678')).not.toThrow()
    expect(MIN_KEY_LENGTH).toBe(8)
  })
})
