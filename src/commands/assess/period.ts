import type { Command } from 'commander'
import type { AppContext } from '../../cli/context.js'
import { need } from '../../cli/prompt.js'
import { parsePeriod, type Period } from '../../domain/calendar/period.js'
import { UserError } from '../../domain/errors.js'
import { quote } from '../../domain/excerpt.js'
import type { AssessLevel } from '../../domain/assessment/assessment.js'
import { isChinese, label, t } from '../../domain/i18n/catalog.js'
import { parseEnum } from '../../domain/input/enum-input.js'

/** An assessment period: a half-year or a quarter (a year is the annual evaluation's). */
export function assessPeriod(text: string): Period {
  const p = parsePeriod(text)
  if (p.kind === 'year') throw new UserError(t('assess.periodNotYear', { code: p.code }), t('assess.periodNotYear.hint'))
  return p
}

/** --period, asked for on a terminal when missing. */
export async function askPeriod(ctx: AppContext, given: string | undefined): Promise<Period> {
  return assessPeriod(await need(ctx, given, { flag: '--period', message: t('assess.askPeriod'), check: (v) => assessPeriod(v) }))
}

/** --period of every assess command: one help text. */
export function assessPeriodOption(cmd: Command): Command {
  return cmd.option('--period <period>', t('assess.opt.period'))
}

/** --level of the assess commands: which table of the period (a department and a position table can both exist). */
export function levelOption(cmd: Command, help = t('assess.opt.level')): Command {
  return cmd.option('--level <level>', help, 'department')
}

/** A --level value: department or position, in English or Chinese (部门, 岗位); exit 3 otherwise. */
export function assessLevel(text: string | undefined): AssessLevel {
  try {
    return parseEnum('level', text ?? 'department', '--level')
  } catch {
    throw new UserError(t('assess.invalidLevel', { text: quote(text ?? '') }), t('assess.invalidLevel.hint'))
  }
}

/** '2026-H1' for the department table, '2026-H1 (position)' for the position table: how messages name a table. */
export function tableName(period: string, level: AssessLevel): string {
  return level === 'department' ? period : t('assess.tableName', { period, level: isChinese() ? label('level', level) : level })
}

/** ' --level position' when the level is not the default: appended to the commands that hints suggest. */
export function levelFlag(level: AssessLevel): string {
  return level === 'department' ? '' : ` --level ${level}`
}
