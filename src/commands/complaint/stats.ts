import type { Command } from 'commander'
import type { AppContext } from '../../cli/context.js'
import { example } from '../../cli/help.js'
import { periodOption } from '../../cli/options.js'
import { printEntity, printRows, printText, type Column } from '../../cli/output.js'
import { need } from '../../cli/prompt.js'
import { boundsOf, parsePeriod } from '../../domain/calendar/period.js'
import { complaintFacts } from '../../domain/complaints/complaint.js'
import { complaintStats, type UnitComplaintStats } from '../../domain/complaints/complaint-rules.js'
import { listComplaints } from '../../storage/complaints-repo.js'
import { listUnits, unitCodesById } from '../../storage/units-repo.js'
import { formatCount } from '../../domain/counting.js'
import { t } from '../../domain/i18n/catalog.js'

export function registerStats(complaint: Command, ctx: AppContext): void {
  example(
    periodOption(complaint.command('stats').description(t('complaint.stats.description'))).action(
      (opts: StatsOptions) => complaintStatsRun(ctx, opts),
    ),
    'icm complaint stats --period 2026-H1',
  )
}

export interface StatsOptions {
  period?: string
}

export async function complaintStatsRun(ctx: AppContext, opts: StatsOptions): Promise<void> {
  const period = parsePeriod(await need(ctx, opts.period, { flag: '--period', message: t('complaint.stats.askPeriod'), check: (v) => parsePeriod(v) }))
  const store = await ctx.store()
  const rows = await listComplaints(store.db, { receivedIn: boundsOf(period) })
  const codes = await unitCodesById(store.db)
  const names = new Map((await listUnits(store.db, { includeInactive: true })).map((u) => [u.code, u.name]))
  const stats = complaintStats(rows.map((r) => ({ ...complaintFacts(r), against: codes.get(r.againstId) ?? '?', rootCause: r.rootCause?.category ?? null })))
  const units: UnitStatsRow[] = stats.units.map((u) => ({ ...u, name: names.get(u.unit) ?? null }))
  if (ctx.json) {
    printEntity(ctx, { period: period.code, units, rootCauses: stats.rootCauses }, [])
    return
  }
  if (ctx.csv) {
    await printRows(ctx, units, unitColumns(), { csv: true })
    return
  }
  if (rows.length === 0) {
    ctx.io.err(`${t('complaint.stats.none', { period: period.code })}\n`)
    return
  }
  printText(ctx, t('complaint.stats.title', { period: period.code }))
  await printRows(ctx, units, unitColumns())
  printText(ctx, t('complaint.stats.rootCauses'))
  await printRows(ctx, stats.rootCauses, [
    { header: 'category', title: t('complaint.col.category'), value: (r) => r.category, enum: 'rootCause' },
    { header: 'complaints', title: t('complaint.col.complaints'), value: (r) => r.count, align: 'right' },
  ])
  if (stats.withoutRootCause > 0) ctx.io.err(`${t('complaint.stats.withoutRootCause', { n: formatCount(stats.withoutRootCause), total: formatCount(rows.length) })}\n`)
}

type UnitStatsRow = UnitComplaintStats & { name: string | null }

const unitColumns = (): Column<UnitStatsRow>[] => [
  { header: 'unit', title: t('complaint.col.unit'), value: (u) => u.unit },
  { header: 'name', title: t('complaint.col.name'), value: (u) => u.name },
  { header: 'received', title: t('complaint.col.receivedCount'), value: (u) => u.received, align: 'right' },
  { header: 'verified', title: t('complaint.col.verified'), value: (u) => u.verified, align: 'right' },
  { header: 'resolved by deadline', title: t('complaint.col.resolvedByDeadline'), value: (u) => u.resolvedByDeadline, align: 'right' },
  { header: 'mean satisfaction', title: t('complaint.col.meanSatisfaction'), value: (u) => u.meanSatisfaction ?? '', align: 'right' },
]
