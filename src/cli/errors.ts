import { CommanderError } from 'commander'
import { ExitCode, UserError, isIcmError } from '../domain/errors.js'
import type { IO } from './io.js'

export { ConflictError, ExitCode, NotFoundError, UsageError, UserError } from '../domain/errors.js'

/**
 * Turns anything a run threw into its exit code and one line on stderr. A user's error is
 * `icm: <what went wrong> (<hint>)`; anything else is a bug: exit 1, the stack only with ICM_DEBUG=1.
 */
export function reportError(e: unknown, io: IO, debug: boolean, database?: string): number {
  if (e instanceof CommanderError) {
    // commander has already printed its message through configureOutput
    if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version') return ExitCode.ok
    return ExitCode.usage
  }
  if (isPromptInterrupt(e)) {
    // Ctrl-C at a prompt: the user's choice, not an error (130 = killed by SIGINT, as shells say)
    io.err('\n')
    return INTERRUPTED
  }
  const environment = environmentError(e, database)
  if (environment) e = environment
  if (isIcmError(e)) {
    io.err(`icm: ${oneLine(e.message)}${e.hint ? ` (${oneLine(e.hint)})` : ''}\n`)
    if (debug && e.stack) io.err(`${e.stack}\n`)
    return e.exitCode
  }
  const message = e instanceof Error ? e.message : String(e)
  io.err(`icm: unexpected error: ${oneLine(message)} (this is a bug; run again with ICM_DEBUG=1 to see the stack trace)\n`)
  if (debug && e instanceof Error && e.stack) io.err(`${e.stack}\n`)
  return ExitCode.failure
}

/** The exit code of a command the user interrupted with Ctrl-C. */
export const INTERRUPTED = 130

function isPromptInterrupt(e: unknown): boolean {
  return e instanceof Error && (e.name === 'ExitPromptError' || e.name === 'AbortPromptError')
}

/**
 * A failure of the machine rather than of icm (DESIGN.md §8): a full disk, a read-only file or
 * folder, a locked or damaged database. Named as such, exit 3, never "this is a bug".
 */
export function environmentError(e: unknown, database?: string): UserError | undefined {
  const err = e as { code?: unknown; path?: unknown; message?: unknown }
  if (typeof err?.code !== 'string') return undefined
  const code = err.code
  const file = typeof err.path === 'string' ? err.path : undefined
  const db = database ?? 'the database'
  if (code === 'ENOSPC' || code === 'EDQUOT' || code === 'SQLITE_FULL' || code === 'EFBIG') {
    const where = code === 'SQLITE_FULL' ? db : (file ?? 'a file')
    const why = code === 'EFBIG' ? 'the file would be larger than this system allows' : 'the disk is full'
    return new UserError(`cannot write ${where}: ${why}; nothing was written`, 'free some space (or choose another disk) and run the command again')
  }
  if (code === 'EROFS') return new UserError(`cannot write ${file ?? 'a file'}: the file system is read-only; nothing was written`, 'choose a writable folder')
  if (code === 'EACCES' || code === 'EPERM') {
    return new UserError(`permission denied: ${file ?? 'a file'}; nothing was written`, 'check the permissions of the file and its folder')
  }
  if (code.startsWith('SQLITE_READONLY')) return new UserError(`the database ${db} is read-only; nothing was changed`, 'check the permissions of the file and its folder, or work on a copy')
  if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB') {
    return new UserError(`database file is damaged: ${db}`, 'run icm check; restore from a backup')
  }
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
    return new UserError(`the database ${db} is locked by another program; nothing was changed`, 'wait for the other icm command (or program holding the file) to finish, then run this one again')
  }
  if (code.startsWith('SQLITE_IOERR') || code === 'EIO') {
    return new UserError(`input/output error on ${file ?? db} (${code}); nothing was changed`, 'the disk may be full or failing: check it, then run icm check')
  }
  if (code.startsWith('SQLITE_CANTOPEN')) return new UserError(`cannot open the database ${db}`, 'check that its folder exists and is writable')
  return undefined
}

function oneLine(s: string): string {
  return s.replace(/\s*\n\s*/g, ' ').trim()
}
