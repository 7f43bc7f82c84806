import type { Command } from 'commander'
import type { AppContext } from '../../cli/context.js'
import { example } from '../../cli/help.js'
import { actionJson } from '../../cli/json-views.js'
import { requireUnit } from '../../cli/lookups.js'
import { printRows } from '../../cli/output.js'
import { localDate } from '../../domain/calendar/dates.js'
import { parseActionStatusFilter } from '../../domain/supervision/action.js'
import { listActions } from '../../storage/actions-repo.js'
import { unitCodesById } from '../../storage/units-repo.js'
import { isChinese, label, t } from '../../domain/i18n/catalog.js'

export function registerList(action: Command, ctx: AppContext): void {
  example(
    action
      .command('list')
      .description(t('action.list.description'))
      .option('--status <status>', t('action.list.status'))
      .option('--owner <unit>', t('action.list.owner'))
      .action((opts: ActionListOptions) => actionListRun(ctx, opts)),
    'icm action list --status overdue',
  )
}

export interface ActionListOptions {
  status?: string
  owner?: string
}

export async function actionListRun(ctx: AppContext, opts: ActionListOptions): Promise<void> {
  const status = opts.status === undefined ? undefined : parseActionStatusFilter(opts.status)
  const store = await ctx.store()
  const owner = opts.owner ? await requireUnit(store.db, opts.owner, t('unit.what')) : undefined
  const today = localDate(ctx.now())
  const codes = await unitCodesById(store.db)
  // a terminal reads statuses and sources by their labels; piped lines and CSV keep the values
  const term = ctx.io.stdoutIsTTY && !ctx.csv && isChinese()
  const rows = (await listActions(store.db, { status, ownerId: owner?.id, today })).map((a) => actionJson(a, codes, today))
  await printRows(
    ctx,
    rows,
    [
      { header: 'code', title: t('action.col.code'), value: (a) => a.code },
      { header: 'owner', title: t('action.col.owner'), value: (a) => a.owner },
      { header: 'due', title: t('action.col.due'), value: (a) => a.due },
      { header: 'status', title: t('action.col.status'), value: (a) => (a.daysOverdue ? (term ? t('action.overdueDays', { n: a.daysOverdue }) : `overdue ${a.daysOverdue}d`) : term ? label('actionStatus', a.status) : a.status) },
      { header: 'source', title: t('action.col.source'), value: (a) => { const source = term ? label('actionSource', a.source) : a.source; return a.sourceRef ? `${source} ${a.sourceRef}` : source } },
      { header: 'description', title: t('action.col.description'), value: (a) => a.description },
    ],
    { csv: ctx.csv, empty: t('action.list.empty') },
  )
}
