import type { Command } from 'commander'
import type { AppContext } from '../../cli/context.js'
import { example } from '../../cli/help.js'
import { requireUnit } from '../../cli/lookups.js'
import { periodOption } from '../../cli/options.js'
import { printRows } from '../../cli/output.js'
import { localDate } from '../../domain/calendar/dates.js'
import { boundsOf, parsePeriod } from '../../domain/calendar/period.js'
import { parseComplaintStatus } from '../../domain/complaints/complaint-state.js'
import { listComplaints, requestCodesByIds } from '../../storage/complaints-repo.js'
import { unitCodesById } from '../../storage/units-repo.js'
import { complaintJson } from './shared.js'

export function registerList(complaint: Command, ctx: AppContext): void {
  example(
    periodOption(
      complaint
        .command('list')
        .description('List complaints (oldest received first)')
        .option('--status <status>', 'received, investigating, planned, confirmed or verified (closed)')
        .option('--against <unit>', 'only complaints against this unit'),
      'only complaints received in',
    )
      .option('--overdue', 'only complaints whose plan deadline passed without a resolved verification')
      .action((opts: ListOptions) => complaintListRun(ctx, opts)),
    'icm complaint list --overdue',
    'icm complaint list --against IT --period 2026-H1',
  )
}

export interface ListOptions {
  status?: string
  against?: string
  period?: string
  overdue?: boolean
}

export async function complaintListRun(ctx: AppContext, opts: ListOptions): Promise<void> {
  const status = opts.status === undefined ? undefined : parseComplaintStatus(opts.status)
  const period = opts.period === undefined ? undefined : boundsOf(parsePeriod(opts.period))
  const store = await ctx.store()
  const against = opts.against === undefined ? undefined : await requireUnit(store.db, opts.against)
  const today = localDate(ctx.now())
  const rows = await listComplaints(store.db, { status, againstIds: against ? [against.id] : undefined, receivedIn: period, overdueBefore: opts.overdue ? today : undefined })
  const codes = await unitCodesById(store.db)
  const requests = await requestCodesByIds(store.db, rows.flatMap((r) => (r.requestId === null ? [] : [r.requestId])))
  const json = rows.map((r) => complaintJson(r, codes, requests, today))
  await printRows(
    ctx,
    json,
    [
      { header: 'code', value: (c) => c.code },
      { header: 'received', value: (c) => c.receivedAt?.slice(0, 10) },
      { header: 'against', value: (c) => c.against },
      { header: 'from', value: (c) => (c.anonymous ? '(anonymous)' : c.from) },
      { header: 'channel', value: (c) => c.channel },
      { header: 'handler', value: (c) => c.handler },
      { header: 'status', value: (c) => c.status },
      { header: 'deadline', value: (c) => c.plan?.deadline ?? '' },
      { header: 'overdue', value: (c) => (c.overdue ? `${c.daysOverdue}d` : '') },
      { header: 'summary', value: (c) => c.summary },
    ],
    { csv: ctx.csv, empty: 'no complaints match' },
  )
}
