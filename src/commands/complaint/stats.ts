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
import { counted, formatCount } from '../../domain/counting.js'

export function registerStats(complaint: Command, ctx: AppContext): void {
  example(
    periodOption(complaint.command('stats').description('Complaint summary of a period: per unit complained about, and per root-cause category')).action(
      (opts: StatsOptions) => complaintStatsRun(ctx, opts),
    ),
    'icm complaint stats --period 2026-H1',
  )
}

export interface StatsOptions {
  period?: string
}

export async function complaintStatsRun(ctx: AppContext, opts: StatsOptions): Promise<void> {
  const period = parsePeriod(await need(ctx, opts.period, { flag: '--period', message: 'Period, e.g. 2026-H1', check: (v) => parsePeriod(v) }))
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
    await printRows(ctx, units, unitColumns, { csv: true })
    return
  }
  if (rows.length === 0) {
    ctx.io.err(`no complaints received in ${period.code}\n`)
    return
  }
  printText(ctx, `Complaints received in ${period.code}, per unit complained about:`)
  await printRows(ctx, units, unitColumns)
  printText(ctx, '\nRoot causes:')
  await printRows(ctx, stats.rootCauses, [
    { header: 'category', value: (r) => r.category },
    { header: 'complaints', value: (r) => r.count, align: 'right' },
  ])
  if (stats.withoutRootCause > 0) ctx.io.err(`${formatCount(stats.withoutRootCause)} of ${counted(rows.length, 'complaint')} ${stats.withoutRootCause === 1 ? 'has' : 'have'} no root cause yet\n`)
}

type UnitStatsRow = UnitComplaintStats & { name: string | null }

const unitColumns: Column<UnitStatsRow>[] = [
  { header: 'unit', value: (u) => u.unit },
  { header: 'name', value: (u) => u.name },
  { header: 'received', value: (u) => u.received, align: 'right' },
  { header: 'verified', value: (u) => u.verified, align: 'right' },
  { header: 'resolved by deadline', value: (u) => u.resolvedByDeadline, align: 'right' },
  { header: 'mean satisfaction', value: (u) => u.meanSatisfaction ?? '', align: 'right' },
]
