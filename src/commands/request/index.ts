import type { Command } from 'commander'
import type { AppContext } from '../../cli/context.js'
import { registerChange } from './change.js'
import { registerEvaluate } from './evaluate.js'
import { registerList } from './list.js'
import { registerLog } from './log.js'
import { registerOverdue } from './overdue.js'
import { registerRank } from './rank.js'
import { registerRespond } from './respond.js'
import { registerShow } from './show.js'
import { registerWork } from './work.js'
import { t } from '../../domain/i18n/catalog.js'

/** Internal requests (policy chapter 3): log, evaluate, rank, respond on time, work, change. */
export function registerRequest(program: Command, ctx: AppContext): void {
  const request = program.command('request').description(t('request.description'))
  // in the order --help lists them
  registerLog(request, ctx)
  registerEvaluate(request, ctx)
  registerRespond(request, ctx)
  registerWork(request, ctx)
  registerChange(request, ctx)
  registerList(request, ctx)
  registerRank(request, ctx)
  registerOverdue(request, ctx)
  registerShow(request, ctx)
}
