import { UsageError } from '../domain/errors.js'
import type { AppContext } from './context.js'

export interface NeedSpec {
  /** the option as the user types it, e.g. '--name' */
  flag: string
  /** the question asked on a terminal */
  message: string
  choices?: readonly string[]
}

/**
 * A required option's value: the one given, else asked for on a terminal, else a usage error
 * (exit 2) that names the option. Blank answers are asked again.
 */
export async function need(ctx: AppContext, value: string | undefined, spec: NeedSpec): Promise<string> {
  if (value !== undefined && value !== '') return value
  if (!ctx.canPrompt) {
    const choices = spec.choices ? ` (one of: ${spec.choices.join(', ')})` : ''
    throw new UsageError(`missing required option ${spec.flag}${choices}`, `add ${spec.flag} <value>, or run on a terminal to be asked`)
  }
  if (spec.choices) return ctx.io.prompter.select({ message: spec.message, choices: spec.choices })
  return ctx.io.prompter.input({
    message: spec.message,
    validate: (v) => (v.trim() === '' ? `${spec.flag} cannot be empty` : true),
  })
}

/** Asks before a destructive step on a terminal; --yes, or no terminal (a script), goes ahead. */
export async function confirmDestructive(ctx: AppContext, message: string, yes: boolean | undefined): Promise<boolean> {
  if (yes || !ctx.canPrompt) return true
  return ctx.io.prompter.confirm({ message, default: false })
}
