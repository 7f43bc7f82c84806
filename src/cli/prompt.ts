import { IcmError, UsageError } from '../domain/errors.js'
import { t } from '../domain/i18n/catalog.js'
import { searchUnits } from '../domain/org/unit-search.js'
import { listUnits } from '../storage/units-repo.js'
import type { AppContext } from './context.js'
import type { SearchChoice } from './io.js'

export interface NeedSpec {
  /** the option as the user types it, e.g. '--name' */
  flag: string
  /** the question asked on a terminal */
  message: string
  choices?: readonly string[]
  /**
   * Checks an answer as the option's value is checked (the same parser, so the same written
   * forms): a user error it throws is shown under the question, which is asked again.
   */
  check?: (answer: string) => unknown
  /** the value is a unit: chosen from a searchable list of the active units (codes, names, traditional names, substrings) */
  unit?: boolean
  /** choices offered in the unit list besides the units (e.g. anonymous) */
  extra?: readonly SearchChoice[]
}

/**
 * A required option's value: the one given, else asked for on a terminal, else a usage error
 * (exit 2) that names the option. A blank or invalid answer is asked again.
 */
export async function need(ctx: AppContext, value: string | undefined, spec: NeedSpec): Promise<string> {
  if (value !== undefined && value !== '') return value
  if (!ctx.canPrompt) {
    const message = spec.choices ? t('cli.usage.missingOptionChoices', { flag: spec.flag, choices: spec.choices.join(', ') }) : t('cli.usage.missingOption', { flag: spec.flag })
    throw new UsageError(message, t('cli.usage.missingOption.hint', { flag: spec.flag }))
  }
  if (spec.choices) return ctx.io.prompter.select({ message: spec.message, choices: spec.choices })
  if (spec.unit) return askUnit(ctx, spec)
  return ctx.io.prompter.input({ message: spec.message, validate: (v) => answerProblem(v, spec) })
}

/** true when the answer is good, else what is wrong with it (shown under the question). */
export async function answerProblem(answer: string, spec: Pick<NeedSpec, 'flag' | 'check'>): Promise<true | string> {
  if (answer.trim() === '') return t('cli.prompt.empty', { flag: spec.flag })
  if (!spec.check) return true
  try {
    await spec.check(answer)
    return true
  } catch (e) {
    if (e instanceof IcmError) return e.hint ? `${e.message} (${e.hint})` : e.message
    throw e
  }
}

/** A unit chosen from a list that narrows as the user types (searchUnits); returns its code. */
async function askUnit(ctx: AppContext, spec: NeedSpec): Promise<string> {
  const store = await ctx.store()
  const units = await listUnits(store.db)
  const extra = spec.extra ?? []
  return ctx.io.prompter.search({
    message: spec.message,
    source: async (typed) => {
      const text = (typed ?? '').trim().toLowerCase()
      const others = extra.filter((c) => text === '' || c.value.toLowerCase().includes(text) || c.name.toLowerCase().includes(text))
      return [...searchUnits(units, typed ?? '').map((u) => ({ value: u.code, name: `${u.code}  ${u.name}` })), ...others]
    },
  })
}

/** Asks before a destructive step on a terminal; --yes, or no terminal (a script), goes ahead. */
export async function confirmDestructive(ctx: AppContext, message: string, yes: boolean | undefined): Promise<boolean> {
  if (yes || !ctx.canPrompt) return true
  return ctx.io.prompter.confirm({ message, default: false })
}
