import type { Command } from 'commander'
import type { AppContext } from '../../cli/context.js'
import { registerReportDecide } from './decide.js'
import { registerReportFile } from './file.js'
import { registerReportViews } from './list.js'
import { registerReportReveal } from './reveal.js'
import { t } from '../../domain/i18n/catalog.js'

/**
 * Employee reports of violations (员工监督举报, policy chapter 8.1). The reporter's identity is
 * sealed before it reaches the database and is never printed, logged or put in an error
 * message; only `report reveal` with the right ICM_REPORTS_KEY opens it, and that is logged.
 */
export function registerReport(program: Command, ctx: AppContext): void {
  const report = program.command('report').description(t('report.description'))
  registerReportFile(report, ctx)
  registerReportViews(report, ctx)
  registerReportDecide(report, ctx)
  registerReportReveal(report, ctx)
}
