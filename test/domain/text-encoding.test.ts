import { readFileSync } from 'node:fs'
import { TextDecoder } from 'node:util'
import { describe, expect, it } from 'vitest'
import { detectDelimiter, parseDelimiterOption } from '../../src/domain/surveys/csv-dialect.js'
import { UserError } from '../../src/domain/errors.js'
import {
  createStrictDecoder,
  detectEncoding,
  findInvalidSequence,
  parseEncodingOption,
  type TextEncodingName,
} from '../../src/domain/surveys/text-encoding.js'

const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`../fixtures/surveys/${name}`, import.meta.url)))

function userError(fn: () => unknown): UserError {
  try {
    fn()
  } catch (e) {
    expect(e).toBeInstanceOf(UserError)
    return e as UserError
  }
  throw new Error('expected a UserError')
}

const FIXTURES: [file: string, encoding: TextEncodingName, bomLength: number, delimiter: string][] = [
  ['service-basic.csv', 'utf8', 0, ','],
  ['bad-rows.csv', 'utf8', 0, ','],
  ['tencent-utf8-bom.csv', 'utf8', 3, ','],
  ['wjx-gb18030.csv', 'gb18030', 0, ','],
  ['traditional-utf16le.txt', 'utf16le', 2, '\t'],
]

describe('detectEncoding on the sample exports', () => {
  it.each(FIXTURES)('%s is %s (BOM %i bytes)', (file, encoding, bomLength) => {
    const bytes = fixture(file)
    expect(detectEncoding(bytes, true)).toMatchObject({ encoding, bomLength })
    expect(detectEncoding(bytes.subarray(0, 4096), bytes.length <= 4096)).toMatchObject({ encoding, bomLength })
  })

  it.each(FIXTURES)('%s: a partial sample cut anywhere (4…400 bytes) gives the same answer', (file, encoding) => {
    const bytes = fixture(file)
    for (let n = 4; n <= 400; n++) expect(detectEncoding(bytes.subarray(0, n), false).encoding).toBe(encoding)
  })

  it.each(FIXTURES)('%s decodes strictly and has no U+FFFD', (file, encoding) => {
    const text = createStrictDecoder(encoding).decode(fixture(file))
    expect(text).not.toContain('\uFFFD')
    expect(text.charCodeAt(0)).not.toBe(0xfeff) // the decoder drops the BOM itself
  })

  it('reads the GB18030 4-byte character 𠮷 (95 34 B2 35) in the 问卷星 export, which Node\'s gbk decoder refuses', () => {
    const bytes = fixture('wjx-gb18030.csv')
    const at = Buffer.from(bytes).indexOf(Buffer.from([0x95, 0x34, 0xb2, 0x35]))
    expect(at).toBeGreaterThan(0)
    const text = createStrictDecoder(parseEncodingOption('GBK') as TextEncodingName).decode(bytes)
    expect(text).toContain('𠮷野家的订餐系统能否接入?')
    expect(() => new TextDecoder('gbk', { fatal: true }).decode(bytes)).toThrow()
    // A sample that ends inside the 4-byte sequence is still GB18030.
    for (const cut of [1, 2, 3]) expect(detectEncoding(bytes.subarray(0, at + cut), false).encoding).toBe('gb18030')
  })

  it('accepts a UTF-8 character cut by the end of a partial sample, and refuses it at the end of a whole file', () => {
    const bytes = new TextEncoder().encode('编号,被评价部门\n1,信息技术部')
    const cut = bytes.subarray(0, bytes.length - 1)
    expect(detectEncoding(cut, false)).toMatchObject({ encoding: 'utf8', bomLength: 0 })
    const e = userError(() => detectEncoding(cut, true))
    expect(e.message).toBe(
      `the file ends in the middle of a UTF-8 character (byte 0xE9 at offset ${bytes.length - 3}): it looks cut short`,
    )
  })

  it('names the byte offset and --encoding when the bytes are neither UTF-8 nor GB18030', () => {
    const bytes = new Uint8Array([0x61, 0x2c, 0x62, 0x0a, 0x31, 0xff, 0x32])
    const e = userError(() => detectEncoding(bytes, true))
    expect(e.message).toBe(
      "cannot tell the file's encoding: not UTF-8 (byte 0xFF at offset 5) and not GB18030 (byte 0xFF at offset 5)",
    )
    expect(e.hint).toContain('--encoding')
  })

  it('prefers UTF-8 when both would decode, and says a plain ASCII sample is only a guess', () => {
    expect(detectEncoding(new TextEncoder().encode('中文'), true)).toMatchObject({ encoding: 'utf8', reason: 'valid UTF-8' })
    expect(detectEncoding(new TextEncoder().encode('a,b\n1,2\n'), false).reason).toMatch(/only ASCII/)
    expect(detectEncoding(new Uint8Array(), true)).toMatchObject({ encoding: 'utf8', bomLength: 0 })
  })

  it('reads the BOMs: UTF-8, UTF-16LE, UTF-16BE; refuses UTF-32', () => {
    expect(detectEncoding(new Uint8Array([0xef, 0xbb, 0xbf, 0x61]), true)).toMatchObject({ encoding: 'utf8', bomLength: 3 })
    expect(detectEncoding(new Uint8Array([0xff, 0xfe, 0x61, 0x00]), true)).toMatchObject({ encoding: 'utf16le', bomLength: 2 })
    expect(detectEncoding(new Uint8Array([0xfe, 0xff, 0x00, 0x61]), true)).toMatchObject({ encoding: 'utf16be', bomLength: 2 })
    expect(userError(() => detectEncoding(new Uint8Array([0xff, 0xfe, 0, 0, 0x61, 0, 0, 0]), true)).message).toMatch(/UTF-32/)
  })

  it('takes UTF-16 without BOM from its NUL bytes, and refuses other NULs', () => {
    const le = new Uint8Array(Buffer.from('id\trated_unit\r\n1\tIT\r\n', 'utf16le'))
    expect(detectEncoding(le, true)).toMatchObject({ encoding: 'utf16le', bomLength: 0 })
    const be = new Uint8Array(le.length)
    for (let i = 0; i < le.length; i += 2) [be[i], be[i + 1]] = [le[i + 1]!, le[i]!]
    expect(detectEncoding(be, true)).toMatchObject({ encoding: 'utf16be', bomLength: 0 })
    const binary = new Uint8Array([0x61, 0x62, 0x63, 0x64, 0x00, 0x65, 0x00, 0x00, 0x66, 0x67])
    expect(userError(() => detectEncoding(binary, true)).message).toMatch(/NUL byte at offset 4/)
  })
})

describe('createStrictDecoder', () => {
  it.each([
    ['utf8', [0x61, 0xff]],
    ['utf16le', [0x00, 0xdc]],
    ['utf16be', [0xd8, 0x00, 0x00, 0x61]],
    ['gb18030', [0x84, 0x31, 0xa5, 0x30]],
  ] as const)('%s throws on undecodable bytes instead of writing U+FFFD', (enc, bytes) => {
    expect(() => createStrictDecoder(enc).decode(new Uint8Array(bytes))).toThrow(TypeError)
  })

  it('fails at the end of a stream cut inside a character, not before', () => {
    const d = createStrictDecoder('gb18030')
    expect(d.decode(new Uint8Array([0x61, 0x95, 0x34]), { stream: true })).toBe('a')
    expect(d.decode(new Uint8Array([0xb2, 0x35]), { stream: true })).toBe('𠮷')
    expect(() => createStrictDecoder('utf8').decode(new Uint8Array([0xe4, 0xb8]))).toThrow(TypeError)
  })
})

describe('findInvalidSequence agrees with the fatal TextDecoder', () => {
  const labels: Record<TextEncodingName, string> = { utf8: 'utf-8', utf16le: 'utf-16le', utf16be: 'utf-16be', gb18030: 'gb18030' }
  const decodes = (enc: TextEncodingName, b: Uint8Array, stream: boolean) => {
    try {
      new TextDecoder(labels[enc], { fatal: true, ignoreBOM: true }).decode(b, { stream })
      return true
    } catch {
      return false
    }
  }
  // A small deterministic PRNG (mulberry32) so a failure reproduces.
  const rng = (seed: number) => () => {
    seed = (seed + 0x6d2b79f5) | 0
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  // Bytes near every boundary the encodings care about.
  const INTERESTING = [
    0x00, 0x2c, 0x30, 0x31, 0x35, 0x39, 0x3a, 0x40, 0x41, 0x7e, 0x7f, 0x80, 0x81, 0x84, 0x8f, 0x90, 0x95, 0x9f, 0xa0,
    0xa5, 0xbf, 0xc0, 0xc1, 0xc2, 0xdf, 0xd8, 0xdb, 0xdc, 0xdf, 0xe0, 0xe3, 0xe4, 0xed, 0xef, 0xf0, 0xf4, 0xf5, 0xfe, 0xff,
  ]

  it.each(['utf8', 'gb18030', 'utf16le', 'utf16be'] as const)('%s: 30 000 random byte strings, whole and partial', (enc) => {
    const next = rng(42)
    const disagreements: string[] = []
    for (let k = 0; k < 30_000; k++) {
      const b = new Uint8Array(1 + Math.floor(next() * 10))
      for (let i = 0; i < b.length; i++) b[i] = next() < 0.8 ? INTERESTING[Math.floor(next() * INTERESTING.length)]! : Math.floor(next() * 256)
      for (const whole of [true, false]) {
        const bad = findInvalidSequence(b, enc, whole)
        if (bad < 0 !== decodes(enc, b, !whole)) disagreements.push(`${[...b]} whole=${whole} bad=${bad}`)
        // Everything before the reported offset decodes.
        if (bad >= 0 && !decodes(enc, b.subarray(0, bad), true)) disagreements.push(`${[...b]} prefix before ${bad}`)
      }
    }
    expect(disagreements).toEqual([])
  })

  it('gb18030: every two-byte combination', () => {
    const disagreements: string[] = []
    for (let x = 0x80; x <= 0xff; x++) {
      for (let y = 0; y <= 0xff; y++) {
        const b = new Uint8Array([x, y])
        if (findInvalidSequence(b, 'gb18030', true) < 0 !== decodes('gb18030', b, false)) disagreements.push(`${x} ${y}`)
      }
    }
    expect(disagreements).toEqual([])
  })

  it.each([
    [[0x81, 0x30, 0x81, 0x30], true], // U+0080, first four-byte pointer
    [[0x84, 0x31, 0xa4, 0x39], true], // U+FFFF, last BMP pointer 39419
    [[0x84, 0x31, 0xa5, 0x30], false], // pointer 39420: unassigned
    [[0x8f, 0x39, 0xfe, 0x39], false], // just below the supplementary range
    [[0x90, 0x30, 0x81, 0x30], true], // U+10000, pointer 189000
    [[0xe3, 0x32, 0x9a, 0x35], true], // U+10FFFF, pointer 1237575
    [[0xe3, 0x32, 0x9a, 0x36], false], // beyond Unicode
  ])('gb18030 four-byte %j valid=%s', (bytes, valid) => {
    const b = new Uint8Array(bytes)
    expect(findInvalidSequence(b, 'gb18030', true) < 0).toBe(valid)
    expect(decodes('gb18030', b, false)).toBe(valid)
  })
})

describe('parseEncodingOption', () => {
  it.each([
    ['utf8', 'utf8'],
    ['UTF-8', 'utf8'],
    ['utf16le', 'utf16le'],
    ['UTF-16LE', 'utf16le'],
    ['utf-16be', 'utf16be'],
    ['gb18030', 'gb18030'],
    ['GBK', 'gb18030'],
    ['gb2312', 'gb18030'],
    ['auto', 'auto'],
    [' Auto ', 'auto'],
  ])('%j → %s', (text, enc) => {
    expect(parseEncodingOption(text)).toBe(enc)
  })

  it.each(['latin1', 'big5', '', 'utf-32'])('%j is a UserError', (text) => {
    const e = userError(() => parseEncodingOption(text))
    expect(e.message).toBe(`unknown encoding '${text}'`)
    expect(e.hint).toMatch(/gb18030/)
  })
})

describe('detectDelimiter', () => {
  it.each(FIXTURES)('%s: %j', (file, encoding, _bom, delimiter) => {
    const text = createStrictDecoder(encoding).decode(fixture(file))
    expect(detectDelimiter(text.slice(0, 2000))).toBe(delimiter)
  })

  it.each([
    ['a,b,c\n1,2,3\n', ','],
    ['a;b;c\n1;"2,5";3\n', ';'],
    ['a\tb\tc\n1\t2,5\t3\n1\t"x, y, z"\t3\n', '\t'],
    ['"a,b";c;d\n1;2;3\n', ';'],
    ['"multi\nline, with, commas";x\n1;2\n', ';'],
    ['single\n1\n', ','],
    ['', ','],
    ['a;b\n1;2\n3;4\n5;6\n7,8,9,10\n', ';'],
  ])('%j → %j', (text, delimiter) => {
    expect(detectDelimiter(text)).toBe(delimiter)
  })
})

describe('parseDelimiterOption', () => {
  it.each([
    [',', ','],
    ['comma', ','],
    ['TAB', '\t'],
    ['\\t', '\t'],
    ['\t', '\t'],
    [';', ';'],
    ['semicolon', ';'],
  ])('%j → %j', (text, d) => {
    expect(parseDelimiterOption(text)).toBe(d)
  })

  it.each(['|', 'pipe', ''])('%j is a UserError', (text) => {
    expect(userError(() => parseDelimiterOption(text)).message).toBe(`unknown delimiter '${text}'`)
  })
})
