import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { createStagingFile, removeStagingFile, staleStagingFiles } from '../../../src/storage/survey-import/staging-files.js'
import { BACKEND, tempDir } from '../../helpers/harness.js'

describe.skipIf(BACKEND === 'postgres')('the staging files of survey imports', () => {
  it('creates a new empty 0600 file next to the database, live until removed', () => {
    const db = path.join(tempDir(), 'icm.db')
    const file = createStagingFile(db)
    expect(path.dirname(file)).toBe(path.dirname(db))
    expect(path.basename(file)).toMatch(new RegExp(`^icm\\.db\\.import-${process.pid}-[0-9a-f]{8}\\.tmp$`))
    expect(fs.statSync(file).size).toBe(0)
    expect(fs.statSync(file).mode & 0o777).toBe(0o600)
    expect(staleStagingFiles(db)).toEqual([])
    removeStagingFile(file)
    expect(fs.existsSync(file)).toBe(false)
  })

  it("finds the files of processes that are gone, and this process's files it no longer holds, and removes them before the next import", () => {
    const dir = tempDir()
    const db = path.join(dir, 'icm.db')
    // a pid that cannot be running (above the kernel's pid_max), and one of ours not in use
    const gone = path.join(dir, 'icm.db.import-99999999-0123abcd.tmp')
    const ours = path.join(dir, `icm.db.import-${process.pid}-89abcdef.tmp`)
    const alive = path.join(dir, `icm.db.import-${process.ppid}-00000000.tmp`)
    const other = path.join(dir, 'other.db.import-99999999-0123abcd.tmp')
    for (const f of [gone, ours, alive, other]) fs.writeFileSync(f, '')
    expect(staleStagingFiles(db).sort()).toEqual([gone, ours].sort())
    const file = createStagingFile(db)
    expect(fs.existsSync(gone) || fs.existsSync(ours)).toBe(false)
    expect(fs.existsSync(alive) && fs.existsSync(other)).toBe(true)
    removeStagingFile(file)
  })

  it('refuses, naming the file, when the folder of the database cannot be written', () => {
    const db = path.join(tempDir(), 'no', 'such', 'icm.db')
    expect(() => createStagingFile(db)).toThrow(expect.objectContaining({ exitCode: 3, message: expect.stringContaining("cannot create the import's staging file") }))
  })
})
