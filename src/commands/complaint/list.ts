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
import { isChinese, t } from '../../domain/i18n/catalog.js'

export function registerList(complaint: Command, ctx: AppContext): void {
  example(
    periodOption(
      complaint
        .command('list')
        .description(t('complaint.list.description'))
        .option('--status <status>', t('complaint.list.status'))
        .option('--against <unit>', t('complaint.list.against')),
      t('complaint.list.period'),
    )
      .option('--overdue', t('complaint.list.overdue'))
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
  // a Chinese terminal reads the lateness in words; piped lines and CSV keep the values
  const term = ctx.io.stdoutIsTTY && !ctx.csv && isChinese()
  await printRows(
    ctx,
    json,
    [
      { header: 'code', title: t('complaint.col.code'), value: (c) => c.code },
      { header: 'received', title: t('complaint.col.received'), value: (c) => c.receivedAt?.slice(0, 10) },
      { header: 'against', title: t('complaint.col.against'), value: (c) => c.against },
      { header: 'from', title: t('complaint.col.from'), value: (c) => (c.anonymous ? (term ? t('complaint.anonymous') : '(anonymous)') : c.from) },
      { header: 'channel', title: t('complaint.col.channel'), value: (c) => c.channel, enum: 'complaintChannel' },
      { header: 'handler', title: t('complaint.col.handler'), value: (c) => c.handler },
      { header: 'status', title: t('complaint.col.status'), value: (c) => c.status, enum: 'complaintStatus' },
      { header: 'deadline', title: t('complaint.col.deadline'), value: (c) => c.plan?.deadline ?? '' },
      { header: 'overdue', title: t('complaint.col.overdue'), value: (c) => overdueText(c, term) },
      { header: 'summary', title: t('complaint.col.summary'), value: (c) => c.summary },
    ],
    { csv: ctx.csv, empty: t('complaint.list.empty') },
  )
}

/** What is past due: the plan by days as ever (' 2d'), then 'no team 3.5h' and 'milestone 1 4d'. */
export function overdueText(c: ReturnType<typeof complaintJson>, translated = false): string {
  const parts: string[] = []
  if (c.overdue) parts.push(translated ? t('complaint.overdue.days', { n: String(c.daysOverdue) }) : `${c.daysOverdue}d`)
  if (c.investigation.overdue) parts.push(translated ? t('complaint.overdue.noTeam', { h: String(c.investigation.hoursLate) }) : `no team ${c.investigation.hoursLate}h`)
  for (const m of c.milestones) if (m.daysOverdue !== null) parts.push(translated ? t('complaint.overdue.milestone', { n: m.n, d: m.daysOverdue }) : `milestone ${m.n} ${m.daysOverdue}d`)
  return parts.join(', ')
}
