import type { Command } from 'commander'
import type { AppContext } from '../../cli/context.js'
import { registerAnnual } from './annual.js'
import { registerBonus } from './bonus.js'
import { registerExport } from './export.js'
import { registerFinalize } from './finalize.js'
import { registerInput } from './input.js'
import { registerReport } from './report.js'
import { registerRun } from './run.js'
import { registerExplain, registerShow } from './show.js'
import { t } from '../../domain/i18n/catalog.js'

/** The half-yearly assessment (policy chapter 8): inputs, the score table, finalization; the annual evaluation and the links to payroll. */
export function registerAssess(program: Command, ctx: AppContext): void {
  const assess = program.command('assess').description(t('assess.description'))
  registerInput(assess, ctx)
  registerRun(assess, ctx)
  registerShow(assess, ctx)
  registerFinalize(assess, ctx)
  registerExplain(assess, ctx)
  registerAnnual(assess, ctx)
  registerExport(assess, ctx)
  registerBonus(assess, ctx)
  registerReport(assess, ctx)
}
