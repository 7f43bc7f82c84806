import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, inject, it } from 'vitest'
import { tempDir } from './helpers/harness.js'

/** The run's temporary files stay under one root (test/global-setup.ts), a folder per test file (test/setup-tmp.ts). */
describe('temporary folders of the tests', () => {
  it('are made in this file’s folder under the run’s root, which the CLI’s own temporary files share', () => {
    const root = inject('tmpRoot')
    const mine = os.tmpdir()
    expect(path.dirname(mine)).toBe(root)
    expect(path.basename(mine)).toMatch(/^file-/)
    const dir = tempDir()
    expect(path.dirname(dir)).toBe(mine)
    expect(fs.statSync(dir).isDirectory()).toBe(true)
  })
})
