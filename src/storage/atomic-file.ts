import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'

/**
 * Files written whole or not at all (DESIGN.md §8): under a temporary name in the target's folder,
 * mode 0600 (or stricter when the umask says so), renamed into place at the end. A killed command
 * never leaves a half file under the real name. Used for exports, rejects files and backups.
 */

/** The database's own files, which no output may replace. */
export const DATABASE_COMPANIONS = ['', '-wal', '-shm', '-journal'] as const

/**
 * A file being written: under a temporary name next to the target (mode 0600, or stricter when
 * the umask says so) until commit() renames it into place. discard() removes it.
 */
export class OutputFile {
  private fd: number | undefined
  private constructor(
    readonly target: string,
    readonly temp: string,
    fd: number,
  ) {
    this.fd = fd
  }

  static open(target: string): OutputFile {
    const temp = tempNameFor(target)
    return new OutputFile(target, temp, fs.openSync(temp, 'wx', 0o600))
  }

  write(data: string | Uint8Array): void {
    if (this.fd === undefined) throw new Error(`${this.target} is already closed`)
    if (typeof data === 'string') fs.writeSync(this.fd, data, null, 'utf8')
    else {
      for (let done = 0; done < data.length; ) done += fs.writeSync(this.fd, data, done, data.length - done)
    }
  }

  /** Flushes the file to disk and renames it into place. */
  commit(): void {
    const fd = this.fd
    if (fd === undefined) throw new Error(`${this.target} is already closed`)
    this.fd = undefined
    try {
      fs.fsyncSync(fd)
    } finally {
      fs.closeSync(fd)
    }
    fs.renameSync(this.temp, this.target)
  }

  discard(): void {
    if (this.fd !== undefined) {
      try {
        fs.closeSync(this.fd)
      } catch {
        // already unusable: the file goes anyway
      }
      this.fd = undefined
    }
    fs.rmSync(this.temp, { force: true })
  }
}

/** Writes a whole file through an OutputFile (temporary name, 0600, rename). */
export function writeOutputFile(target: string, data: string | Uint8Array): void {
  const out = OutputFile.open(target)
  try {
    out.write(data)
    out.commit()
  } catch (e) {
    out.discard()
    throw e
  }
}

/**
 * Runs `fn` with a temporary path next to the target (an empty file, mode 0600, for writers
 * that need a path rather than a descriptor, such as SQLite's online backup) and renames it
 * into place when `fn` succeeds; on failure the temporary file and its companions are removed.
 */
export async function withTemporaryPath<T>(target: string, fn: (temp: string) => Promise<T>): Promise<T> {
  const temp = tempNameFor(target)
  fs.closeSync(fs.openSync(temp, 'wx', 0o600))
  try {
    const result = await fn(temp)
    fs.renameSync(temp, target)
    return result
  } catch (e) {
    for (const suffix of DATABASE_COMPANIONS) fs.rmSync(`${temp}${suffix}`, { force: true })
    throw e
  } finally {
    for (const suffix of DATABASE_COMPANIONS.slice(1)) fs.rmSync(`${temp}${suffix}`, { force: true })
  }
}

/** `.name.icm-<pid>-<random>.tmp` in the target's folder: never taken for the real file. */
function tempNameFor(target: string): string {
  return path.join(path.dirname(target), `.${path.basename(target)}.icm-${process.pid}-${randomBytes(4).toString('hex')}.tmp`)
}
