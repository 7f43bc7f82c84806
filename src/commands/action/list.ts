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

export function registerList(action: Command, ctx: AppContext): void {
  example(
    action
      .command('list')
      .description('List improvement actions')
      .option('--status <status>', 'open, done or overdue')
      .option('--owner <unit>', 'only this unit')
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
  const owner = opts.owner ? await requireUnit(store.db, opts.owner) : undefined
  const today = localDate(ctx.now())
  const codes = await unitCodesById(store.db)
  const rows = (await listActions(store.db, { status, ownerId: owner?.id, today })).map((a) => actionJson(a, codes, today))
  await printRows(
    ctx,
    rows,
    [
      { header: 'code', value: (a) => a.code },
      { header: 'owner', value: (a) => a.owner },
      { header: 'due', value: (a) => a.due },
      { header: 'status', value: (a) => (a.daysOverdue ? `overdue ${a.daysOverdue}d` : a.status) },
      { header: 'source', value: (a) => (a.sourceRef ? `${a.source} ${a.sourceRef}` : a.source) },
      { header: 'description', value: (a) => a.description },
    ],
    { csv: ctx.csv, empty: 'no improvement actions match' },
  )
}
