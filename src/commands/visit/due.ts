import type { Command } from 'commander'
import type { AppContext } from '../../cli/context.js'
import { example } from '../../cli/help.js'
import { printCaption, printRows } from '../../cli/output.js'
import { localDate, parseDate } from '../../domain/calendar/dates.js'
import { visitDue } from '../../domain/collaboration/visit.js'
import { loadPolicy } from '../../storage/config-repo.js'
import { loadCustomerMap } from '../../storage/customer-map-repo.js'
import { listUnits } from '../../storage/units-repo.js'
import { visitsByPair } from '../../storage/visits-repo.js'
import { counted, formatCount } from '../../domain/counting.js'

export interface VisitDueOptions {
  asOf?: string
}

export function registerVisitDue(visit: Command, ctx: AppContext): void {
  example(
    visit
      .command('due')
      .description('For every supplier→customer pair of the customer map: the last visit, days since, and whether one is due')
      .option('--as-of <date>', 'the day to judge (default today)')
      .action((opts: VisitDueOptions) => visitDueRun(ctx, opts)),
    'icm visit due',
    'icm visit due --as-of 2026-09-30 --csv > visits-due.csv',
  )
}

export async function visitDueRun(ctx: AppContext, opts: VisitDueOptions): Promise<void> {
  const asOf = opts.asOf === undefined ? localDate(ctx.now()) : parseDate(opts.asOf, '--as-of')
  const store = await ctx.store()
  const policy = await loadPolicy(store.db)
  const pairs = await loadCustomerMap(store.db)
  const units = new Map((await listUnits(store.db, { includeInactive: true })).map((u) => [u.code, u.id]))
  const last = new Map((await visitsByPair(store.db, { upTo: asOf })).map((v) => [`${v.supplierId}>${v.customerId}`, v.lastDate]))
  const rows = pairs.map((p) => {
    const key = `${units.get(p.supplier)}>${units.get(p.customer)}`
    const d = visitDue(last.get(key) ?? null, asOf, policy.visitIntervalDays)
    return { supplier: p.supplier, supplierName: p.supplierName, customer: p.customer, customerName: p.customerName, ...d }
  })
  const due = rows.filter((r) => r.due).length
  if (!ctx.csv && rows.length > 0) {
    printCaption(ctx, `As of ${asOf} (visit.interval_days ${policy.visitIntervalDays}): ${formatCount(due)} of ${counted(rows.length, 'pair')} due a follow-up visit`)
  }
  await printRows(
    ctx,
    rows,
    [
      { header: 'supplier', value: (r) => `${r.supplier} ${r.supplierName}` },
      { header: 'customer', value: (r) => `${r.customer} ${r.customerName}` },
      { header: 'last visit', value: (r) => r.lastVisit ?? 'never' },
      { header: 'days since', value: (r) => r.daysSince, align: 'right' },
      { header: 'next due', value: (r) => r.nextDue ?? 'now' },
      { header: 'due', value: (r) => (r.due ? (r.daysOverdue > 0 ? `yes, ${r.daysOverdue}d overdue` : 'yes') : 'no') },
    ],
    {
      csv: ctx.csv,
      json: (r) => ({ ...r, asOf }),
      empty: 'the customer map is empty, so no visit is due (add processes, dependencies or links)',
    },
  )
}
