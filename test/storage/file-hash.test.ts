import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { hashFile } from '../../src/storage/file-hash.js'
import { tempDir, writeFile } from '../helpers/harness.js'

describe('hashFile', () => {
  it.each([
    ['an empty file', '', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
    ['"abc"', 'abc', 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'],
  ])('gives the size and the sha256 of %s (the FIPS 180-2 test vectors)', (_what, content, sha256) => {
    expect(hashFile(writeFile(tempDir(), 'f', content))).toEqual({ size: content.length, sha256 })
  })

  it('reads a file larger than its 1 MiB chunk whole: 2.5 MiB', () => {
    const bytes = Buffer.alloc(2.5 * 1024 * 1024, 7)
    bytes[bytes.length - 1] = 8
    expect(hashFile(writeFile(tempDir(), 'big', bytes))).toEqual({ size: 2_621_440, sha256: createHash('sha256').update(bytes).digest('hex') })
  })
})
