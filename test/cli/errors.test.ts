import { describe, expect, it } from 'vitest'
import { INTERRUPTED, environmentError, reportError } from '../../src/cli/errors.js'
import { testIO } from '../../src/cli/io.js'

const failure = (code: string, path?: string) => Object.assign(new Error(`${code}: boom`), { code, ...(path ? { path } : {}) })

describe('environment failures are named, never "this is a bug" (DESIGN.md §8)', () => {
  it.each([
    [failure('ENOSPC', '/data/out.csv'), /^cannot write \/data\/out\.csv: the disk is full; nothing was written$/],
    [failure('EFBIG', '/data/out.csv'), /^cannot write \/data\/out\.csv: the file would be larger than this system allows/],
    [failure('SQLITE_FULL'), /^cannot write \/db\/icm\.db: the disk is full/],
    [failure('EROFS', '/mnt/ro/out.csv'), /^cannot write \/mnt\/ro\/out\.csv: the file system is read-only/],
    [failure('EACCES', '/root/out.csv'), /^permission denied: \/root\/out\.csv/],
    [failure('SQLITE_READONLY_DBMOVED'), /^the database \/db\/icm\.db is read-only/],
    [failure('SQLITE_CORRUPT'), /^database file is damaged: \/db\/icm\.db$/],
    [failure('SQLITE_NOTADB'), /^database file is damaged/],
    [failure('SQLITE_BUSY'), /^the database \/db\/icm\.db is locked by another program/],
    [failure('SQLITE_IOERR_WRITE'), /^input\/output error on \/db\/icm\.db \(SQLITE_IOERR_WRITE\)/],
  ])('%s', (e, message) => {
    const mapped = environmentError(e, '/db/icm.db')
    expect(mapped?.exitCode).toBe(3)
    expect(mapped?.message).toMatch(message)
  })

  it('leaves anything else alone (a bug stays a bug)', () => {
    expect(environmentError(new TypeError('x is undefined'))).toBeUndefined()
    expect(environmentError(failure('SQLITE_CONSTRAINT_FOREIGNKEY'))).toBeUndefined()
  })

  it('reports a damaged database with its hint in one line, exit 3', () => {
    const io = testIO()
    expect(reportError(failure('SQLITE_CORRUPT'), io, false, '/db/icm.db')).toBe(3)
    expect(io.stderr()).toBe('icm: database file is damaged: /db/icm.db (run icm check; restore from a backup)\n')
  })

  it('turns Ctrl-C at a prompt into exit 130 and a bare newline', () => {
    const io = testIO()
    const e = Object.assign(new Error('User force closed the prompt with SIGINT'), { name: 'ExitPromptError' })
    expect(reportError(e, io, false)).toBe(INTERRUPTED)
    expect(io.stderr()).toBe('\n')
  })
})
