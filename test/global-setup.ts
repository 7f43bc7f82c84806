import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { TestProject } from 'vitest/node'

declare module 'vitest' {
  export interface ProvidedContext {
    /** the folder every temporary file of this run goes under (see test/setup-tmp.ts) */
    tmpRoot: string
  }
}

/**
 * The end-to-end tests spawn the built CLI: build it once before any test runs
 * (ICM_SKIP_BUILD=1 skips it when running only in-process tests).
 *
 * Every temporary folder of the run goes under one root, removed when the run ends, so a run
 * leaves nothing in /tmp, not even the folders of a worker that was killed. A full run writes
 * several gigabytes of databases and generated surveys; left behind, a few runs fill the disk.
 */
export default function setup(project: TestProject): () => void {
  if (process.env.ICM_SKIP_BUILD !== '1') execFileSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' })
  removeStaleRoots()
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'icm-tests-'))
  project.provide('tmpRoot', root)
  return () => {
    try {
      fs.rmSync(root, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 })
    } catch (e) {
      console.warn(`could not remove the tests' temporary folder ${root}: ${(e as Error).message}`)
    }
  }
}

/** The roots of runs that were killed before their teardown (a day old or more: no run lasts that long). */
function removeStaleRoots(): void {
  const dayAgo = Date.now() - 24 * 3600 * 1000
  for (const name of fs.readdirSync(os.tmpdir())) {
    if (!name.startsWith('icm-tests-')) continue
    const dir = path.join(os.tmpdir(), name)
    try {
      if (fs.statSync(dir).mtimeMs < dayAgo) fs.rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 })
    } catch {
      /* another run's, gone meanwhile, or not ours to remove */
    }
  }
}
