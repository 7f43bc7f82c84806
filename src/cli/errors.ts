import { CommanderError } from 'commander'
import { ExitCode, UserError, isIcmError } from '../domain/errors.js'
import { t } from '../domain/i18n/catalog.js'
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
  io.err(`icm: ${t('system.unexpected', { message: oneLine(message) })} (${t('system.unexpected.hint')})\n`)
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
  const db = database ?? t('system.env.theDatabase')
  if (code === 'ENOSPC' || code === 'EDQUOT' || code === 'SQLITE_FULL' || code === 'EFBIG') {
    const where = code === 'SQLITE_FULL' ? db : (file ?? t('system.env.aFile'))
    const why = code === 'EFBIG' ? t('system.env.fileTooLarge') : t('system.env.diskFull')
    return new UserError(t('system.env.cannotWrite', { where, why }), t('system.env.diskFull.hint'))
  }
  if (code === 'EROFS') return new UserError(t('system.env.readOnlyFs', { file: file ?? t('system.env.aFile') }), t('system.env.readOnlyFs.hint'))
  if (code === 'EACCES' || code === 'EPERM') {
    return new UserError(t('system.env.permission', { file: file ?? t('system.env.aFile') }), t('system.env.permission.hint'))
  }
  if (code.startsWith('SQLITE_READONLY')) return new UserError(t('system.db.readOnly', { db }), t('system.db.readOnly.hint'))
  if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB') {
    return new UserError(t('system.env.damaged', { db }), t('system.env.damaged.hint'))
  }
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
    return new UserError(t('system.env.locked', { db }), t('system.env.locked.hint'))
  }
  if (code.startsWith('SQLITE_IOERR') || code === 'EIO') {
    return new UserError(t('system.env.io', { where: file ?? db, code }), t('system.env.io.hint'))
  }
  if (code.startsWith('SQLITE_CANTOPEN')) return new UserError(t('system.env.cannotOpen', { db }), t('system.env.cannotOpen.hint'))
  return undefined
}

function oneLine(s: string): string {
  return s.replace(/\s*\n\s*/g, ' ').trim()
}
