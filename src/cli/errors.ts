import { CommanderError } from 'commander'
import { ExitCode, isIcmError } from '../domain/errors.js'
import type { IO } from './io.js'

export { ConflictError, ExitCode, NotFoundError, UsageError, UserError } from '../domain/errors.js'

/**
 * Turns anything a run threw into its exit code and one line on stderr. A user's error is
 * `icm: <what went wrong> (<hint>)`; anything else is a bug: exit 1, the stack only with ICM_DEBUG=1.
 */
export function reportError(e: unknown, io: IO, debug: boolean): number {
  if (e instanceof CommanderError) {
    // commander has already printed its message through configureOutput
    if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version') return ExitCode.ok
    return ExitCode.usage
  }
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

function oneLine(s: string): string {
  return s.replace(/\s*\n\s*/g, ' ').trim()
}
