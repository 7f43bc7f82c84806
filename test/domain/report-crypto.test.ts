import { describe, expect, it } from 'vitest'
import { deriveReportKey, newKdfParams, openIdentity, parseKdfParams, sealIdentity } from '../../src/domain/report-crypto.js'

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
    expect(raw).toHaveLength(Buffer.byteLength(NAME, 'utf8'))
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
})
