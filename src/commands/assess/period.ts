import type { Command } from 'commander'
import type { AppContext } from '../../cli/context.js'
import { need } from '../../cli/prompt.js'
import { parsePeriod, type Period } from '../../domain/calendar/period.js'
import { UserError } from '../../domain/errors.js'

/** An assessment period: a half-year or a quarter (a year is the annual evaluation's). */
export function assessPeriod(text: string): Period {
  const p = parsePeriod(text)
  if (p.kind === 'year') throw new UserError(`an assessment period is a half-year or a quarter, not ${p.code}`, 'e.g. --period 2026-H1 (for a year: icm assess annual --year 2026)')
  return p
}

/** --period, asked for on a terminal when missing. */
export async function askPeriod(ctx: AppContext, given: string | undefined): Promise<Period> {
  return assessPeriod(await need(ctx, given, { flag: '--period', message: 'Period (e.g. 2026-H1)', check: (v) => assessPeriod(v) }))
}

/** --period of every assess command: one help text. */
export function assessPeriodOption(cmd: Command): Command {
  return cmd.option('--period <period>', 'the half-year or quarter, e.g. 2026-H1')
}
