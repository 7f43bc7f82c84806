import fs from 'node:fs'
import path from 'node:path'
import { afterAll, inject } from 'vitest'

/**
 * Runs before each test file: its temporary files (tempDir(), the CLI it spawns, libraries that
 * call os.tmpdir()) go into a folder of its own under the run's root, removed when the file's
 * tests are done. The disk then holds the databases of the files running at the moment, not the
 * whole run's.
 */
const previous = process.env.TMPDIR
const dir = fs.mkdtempSync(path.join(inject('tmpRoot'), 'file-'))
process.env.TMPDIR = dir

afterAll(() => {
  if (previous === undefined) delete process.env.TMPDIR
  else process.env.TMPDIR = previous
  // A process a test spawned may still be writing there as it ends: retry, and never fail the
  // file's tests for it (the run's teardown removes what is left).
  try {
    fs.rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 })
  } catch {
    /* removed with the run's root */
  }
})
