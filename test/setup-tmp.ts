import fs from 'node:fs'
import path from 'node:path'
import { afterAll, inject } from 'vitest'

/**
 * Runs before each test file: its temporary files (tempDir(), the CLI it spawns, libraries that
 * call os.tmpdir()) go into a folder of its own under the run's root, removed when the file's
 * tests are done. The disk then holds one file's databases at a time, not the whole run's.
 */
const previous = process.env.TMPDIR
const dir = fs.mkdtempSync(path.join(inject('tmpRoot'), 'file-'))
process.env.TMPDIR = dir

afterAll(() => {
  if (previous === undefined) delete process.env.TMPDIR
  else process.env.TMPDIR = previous
  fs.rmSync(dir, { recursive: true, force: true })
})
