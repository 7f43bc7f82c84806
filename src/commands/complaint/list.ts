import type { Command } from 'commander'
import type { AppContext } from '../../cli/context.js'
import { example } from '../../cli/help.js'
import { requireUnit } from '../../cli/lookups.js'
import { periodOption } from '../../cli/options.js'
import { printRows } from '../../cli/output.js'
import { boundsOf, parsePeriod } from '../../domain/calendar/period.js'
import { parseComplaintStatus } from '../../domain/complaints/complaint-state.js'
import { listComplaints, requestCodesByIds } from '../../storage/complaints-repo.js'
import { milestonesByComplaint } from '../../storage/complaint-milestones-repo.js'
import { unitCodesById } from '../../storage/units-repo.js'
import { complaintClock, complaintJson } from './shared.js'

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
      .option('--overdue', 'only open complaints past a time limit: no investigation team within complaint.investigate_hours business hours, the plan deadline, or a milestone')
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
  const clock = await complaintClock(ctx, store.db)
  const rows = await listComplaints(store.db, { status, againstIds: against ? [against.id] : undefined, receivedIn: period })
  const codes = await unitCodesById(store.db)
  const requests = await requestCodesByIds(store.db, rows.flatMap((r) => (r.requestId === null ? [] : [r.requestId])))
  const milestones = await milestonesByComplaint(store.db, rows.map((r) => r.id))
  const all = rows.map((r) => complaintJson(r, codes, requests, clock, milestones.get(r.id) ?? []))
  const json = opts.overdue ? all.filter((c) => c.overdueReasons.length > 0) : all
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
      { header: 'overdue', value: overdueText },
      { header: 'summary', value: (c) => c.summary },
    ],
    { csv: ctx.csv, empty: 'no complaints match' },
  )
}

/** What is past due: the plan by days as ever (' 2d'), then 'no team 3.5h' and 'milestone 1 4d'. */
export function overdueText(c: ReturnType<typeof complaintJson>): string {
  const parts: string[] = []
  if (c.overdue) parts.push(`${c.daysOverdue}d`)
  if (c.investigation.overdue) parts.push(`no team ${c.investigation.hoursLate}h`)
  for (const m of c.milestones) if (m.daysOverdue !== null) parts.push(`milestone ${m.n} ${m.daysOverdue}d`)
  return parts.join(', ')
}
