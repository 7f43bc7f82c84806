import type { Command } from 'commander'
import type { AppContext } from '../../cli/context.js'
import { example } from '../../cli/help.js'
import { requireUnit } from '../../cli/lookups.js'
import { periodOption } from '../../cli/options.js'
import { printRows } from '../../cli/output.js'
import { boundsOf, parsePeriod } from '../../domain/calendar/period.js'
import { createBusinessClock } from '../../domain/calendar/business-time.js'
import { overdueAt } from '../../domain/requests/request.js'
import { loadSchedule } from '../../storage/calendar-repo.js'
import { parseRequestStatus } from '../../domain/requests/request-state.js'
import { listRequests } from '../../storage/requests-repo.js'
import { codesFor, requestJson } from './shared.js'
import { isChinese, t } from '../../domain/i18n/catalog.js'

export function registerList(request: Command, ctx: AppContext): void {
  example(
    periodOption(
      request
        .command('list')
        .description(t('request.list.description'))
        .option('--status <status>', t('request.list.status'))
        .option('--from <unit>', t('request.list.from'))
        .option('--to <unit>', t('request.list.to')),
      t('request.list.period'),
    )
      .option('--overdue', t('request.list.overdue'))
      .action((opts: ListOptions) => requestListRun(ctx, opts)),
    'icm request list --to IT --status in_progress',
    'icm request list --period 2026-H1 --overdue --json',
  )
}

export interface ListOptions {
  status?: string
  from?: string
  to?: string
  period?: string
  overdue?: boolean
}

export async function requestListRun(ctx: AppContext, opts: ListOptions): Promise<void> {
  const status = opts.status === undefined ? undefined : parseRequestStatus(opts.status)
  const period = opts.period === undefined ? undefined : boundsOf(parsePeriod(opts.period))
  const store = await ctx.store()
  const customer = opts.from ? await requireUnit(store.db, opts.from, t('request.customerUnit')) : undefined
  const provider = opts.to ? await requireUnit(store.db, opts.to, t('request.providerUnit')) : undefined
  const now = ctx.now()
  let rows = await listRequests(store.db, {
    statuses: status ? [status] : undefined,
    customerId: customer?.id,
    unitId: provider?.id,
    responseDueIn: period,
    overdueAsOf: opts.overdue ? now : undefined,
  })
  const clock = createBusinessClock(await loadSchedule(store.db))
  const overdue = new Map(rows.map((r) => [r.id, overdueAt(r, now, clock)]))
  if (opts.overdue) rows = rows.filter((r) => overdue.get(r.id))
  const { codes, co, services } = await codesFor(store.db, rows)
  const items = rows.map((r) => ({ ...requestJson(r, codes, co.get(r.id) ?? [], r.serviceId === null ? null : (services.get(r.serviceId) ?? null), clock), overdue: overdue.get(r.id)?.kind ?? null }))
  // a terminal in Chinese reads the kind of lateness in words; piped lines and CSV keep the value
  const term = ctx.io.stdoutIsTTY && !ctx.csv && isChinese()
  await printRows(
    ctx,
    items,
    [
      { header: 'code', title: t('request.col.code'), value: (r) => r.code },
      { header: 'status', title: t('request.col.status'), value: (r) => r.status, enum: 'requestStatus' },
      { header: 'from', title: t('request.col.from'), value: (r) => r.from },
      { header: 'to', title: t('request.col.to'), value: (r) => r.to },
      { header: 'title', title: t('request.col.title'), value: (r) => r.title },
      { header: 'response due', title: t('request.col.responseDue'), value: (r) => r.responseDue },
      { header: 'overdue', title: t('request.col.overdue'), value: (r) => (r.overdue && term ? t(`request.overdue.kind.${r.overdue}`) : (r.overdue ?? '')) },
    ],
    { csv: ctx.csv, empty: t('request.list.empty') },
  )
}
