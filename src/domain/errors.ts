/**
 * Errors that say whose fault it is. A user's bad input is never a bug: it gets one line on
 * stderr, a hint, and the exit code of DESIGN.md §5. Anything else thrown is a bug (exit 1).
 */
export const ExitCode = {
  ok: 0,
  failure: 1,
  usage: 2,
  invalid: 3,
  notFound: 4,
  conflict: 5,
} as const
export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode]

export class IcmError extends Error {
  readonly exitCode: ExitCodeValue
  readonly hint: string | undefined
  constructor(message: string, exitCode: ExitCodeValue, hint?: string) {
    super(message)
    this.name = new.target.name
    this.exitCode = exitCode
    this.hint = hint
  }
}

/** Missing argument, unknown option, missing required option: exit 2. */
export class UsageError extends IcmError {
  constructor(message: string, hint?: string) {
    super(message, ExitCode.usage, hint)
  }
}

/** Invalid input or a refused state change: exit 3. */
export class UserError extends IcmError {
  constructor(message: string, hint?: string) {
    super(message, ExitCode.invalid, hint)
  }
}

/** An unknown code or unit: exit 4. */
export class NotFoundError extends IcmError {
  constructor(message: string, hint?: string) {
    super(message, ExitCode.notFound, hint)
  }
}

/** A duplicate code or import, or a finalized assessment: exit 5. */
export class ConflictError extends IcmError {
  constructor(message: string, hint?: string) {
    super(message, ExitCode.conflict, hint)
  }
}

export function isIcmError(e: unknown): e is IcmError {
  return e instanceof IcmError
}

/** The error class that carries a given exit code (for rules that decide the code per case). */
export function errorWithCode(exitCode: ExitCodeValue, message: string, hint?: string): IcmError {
  switch (exitCode) {
    case ExitCode.usage:
      return new UsageError(message, hint)
    case ExitCode.notFound:
      return new NotFoundError(message, hint)
    case ExitCode.conflict:
      return new ConflictError(message, hint)
    default:
      return new UserError(message, hint)
  }
}
