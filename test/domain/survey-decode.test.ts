import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { UserError } from '../../src/domain/errors.js'
import { ChunkDecoder, detectEncoding, type TextEncodingName } from '../../src/domain/surveys/text-encoding.js'

/** Decodes `bytes` in chunks of `size` bytes as the import does. */
function decodeInChunks(bytes: Uint8Array, enc: TextEncodingName, size: number): string {
  const d = new ChunkDecoder(enc)
  let text = ''
  for (let at = 0; at < bytes.length || at === 0; at += size) {
    const chunk = bytes.subarray(at, at + size)
    text += d.decode(chunk, at, at + size >= bytes.length)
    if (at + size >= bytes.length) break
  }
  return text
}

function failure(bytes: Uint8Array, enc: TextEncodingName, size: number): UserError {
  try {
    decodeInChunks(bytes, enc, size)
  } catch (e) {
    if (e instanceof UserError) return e
    throw e
  }
  throw new Error('expected the bytes not to decode')
}

describe('ChunkDecoder', () => {
  it.each([
    ['wjx-gb18030.csv', 'gb18030'],
    ['tencent-utf8-bom.csv', 'utf8'],
    ['traditional-utf16le.txt', 'utf16le'],
    ['service-basic.csv', 'utf8'],
  ] as const)('decodes %s in chunks of any size to the same text, without the BOM', (file, enc) => {
    const bytes = new Uint8Array(readFileSync(new URL(`../fixtures/surveys/${file}`, import.meta.url)))
    expect(detectEncoding(bytes, true).encoding).toBe(enc)
    const whole = decodeInChunks(bytes, enc, bytes.length)
    expect(whole.charCodeAt(0)).not.toBe(0xfeff)
    for (const size of [2, 3, 5, 64, 1000]) expect(decodeInChunks(bytes, enc, size)).toBe(whole)
  })

  it('names the line and file offset of bytes that are not UTF-8, wherever the chunks are cut', () => {
    const good = Buffer.from('序号,部门\n1,财务部\n2,')
    const bytes = Buffer.concat([good, Buffer.from([0xb2, 0xc6]), Buffer.from('部\n')]) // 财 in GBK: not UTF-8
    for (const size of [1, 4, 7, 1000]) {
      const e = failure(bytes, 'utf8', size)
      expect(e.message, `chunks of ${size}`).toBe(`line 3: the file is not valid UTF-8 (byte 0xB2 at offset ${good.length})`)
      expect(e.hint).toMatch(/--encoding/)
    }
  })

  it('names the first bad sequence of a GB18030 file (0xFF is never valid)', () => {
    const wjx = readFileSync(new URL('../fixtures/surveys/wjx-gb18030.csv', import.meta.url))
    const head = Buffer.concat([wjx.subarray(0, wjx.indexOf(0x0a) + 1), Buffer.from('1,')]) // the 问卷星 header in GB18030
    const bytes = Buffer.concat([head, Buffer.from([0xff, 0x41]), Buffer.from('\n')])
    for (const size of [1, 3, 1000]) {
      expect(failure(bytes, 'gb18030', size).message).toBe(`line 2: the file is not valid GB18030 (byte 0xFF at offset ${head.length})`)
    }
  })

  it('refuses a UTF-16 file cut in the middle of a character', () => {
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('a,b\n', 'utf16le'), Buffer.from([0x41])])
    expect(failure(bytes, 'utf16le', 4).message).toMatch(/^line 2: the file is not valid UTF-16LE \(end of data at offset 11|byte 0x41 at offset 10\)/)
  })
})
