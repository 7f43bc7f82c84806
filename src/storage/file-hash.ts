import { createHash } from 'node:crypto'
import fs from 'node:fs'

/** The one way icm fingerprints a file it reads (evidence files, survey files). */

export interface FileHash {
  /** bytes read */
  size: number
  /** sha256 of those bytes, hex */
  sha256: string
}

/** The size and sha256 of a file's bytes, read in 1 MiB chunks (memory stays flat whatever its size). */
export function hashFile(file: string): FileHash {
  const fd = fs.openSync(file, 'r')
  try {
    const hash = createHash('sha256')
    const chunk = Buffer.allocUnsafe(1 << 20)
    let size = 0
    for (;;) {
      const n = fs.readSync(fd, chunk, 0, chunk.length, size)
      if (n === 0) break
      hash.update(chunk.subarray(0, n))
      size += n
    }
    return { size, sha256: hash.digest('hex') }
  } finally {
    fs.closeSync(fd)
  }
}
