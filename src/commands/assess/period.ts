import type { Command } from 'commander'
import type { AppContext } from '../../cli/context.js'
import { need } from '../../cli/prompt.js'
import { parsePeriod, type Period } from '../../domain/calendar/period.js'
import { UserError } from '../../domain/errors.js'
import { quote } from '../../domain/excerpt.js'
import type { AssessLevel } from '../../domain/assessment/assessment.js'

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

/** --level of the assess commands: which table of the period (a department and a position table can both exist). */
export function levelOption(cmd: Command, help = 'department (default; positions count for their department) or position'): Command {
  return cmd.option('--level <level>', help, 'department')
}

/** A --level value: department or position (exit 3 otherwise). */
export function assessLevel(text: string | undefined): AssessLevel {
  const level = (text ?? 'department').trim().toLowerCase()
  if (level !== 'department' && level !== 'position') throw new UserError(`invalid level ${quote(text ?? '')}`, 'use department or position')
  return level
}

/** '2026-H1' for the department table, '2026-H1 (position)' for the position table: how messages name a table. */
export function tableName(period: string, level: AssessLevel): string {
  return level === 'department' ? period : `${period} (${level})`
}

/** ' --level position' when the level is not the default: appended to the commands that hints suggest. */
export function levelFlag(level: AssessLevel): string {
  return level === 'department' ? '' : ` --level ${level}`
}
