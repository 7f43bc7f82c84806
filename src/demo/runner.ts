/**
 * How the demo builds its company: through icm command lines, exactly as an administrator would
 * type them, so the demo exercises the real commands and rules and needs none of their code.
 */
export interface Icm {
  /** Runs one icm command line; a failure stops the demo (it would be a defect of the demo). */
  (...args: string[]): Promise<void>
  /** Runs it with --json and returns what it printed (a new record's code, say). */
  json<T = { code: string }>(...args: string[]): Promise<T>
}

/** `--flag value` when the value is given, nothing otherwise. */
export function opt(flag: string, value: string | number | undefined | null): string[] {
  return value === undefined || value === null ? [] : [flag, String(value)]
}

/** `--flag` when set. */
export function flag(name: string, set: boolean | undefined): string[] {
  return set ? [name] : []
}
