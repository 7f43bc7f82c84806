import type { Command } from 'commander'
import type { AppContext } from '../../cli/context.js'
import { registerVisitDue } from './due.js'
import { registerVisitList } from './list.js'
import { registerVisitLog } from './log.js'
import { t } from '../../domain/i18n/catalog.js'

/** Follow-up visits (回访) of suppliers to their internal customers (policy chapter 6). */
export function registerVisit(program: Command, ctx: AppContext): void {
  const visit = program.command('visit').description(t('visit.description'))
  registerVisitLog(visit, ctx)
  registerVisitList(visit, ctx)
  registerVisitDue(visit, ctx)
}
