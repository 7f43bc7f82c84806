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
import { t } from '../../domain/i18n/catalog.js'

export interface VisitDueOptions {
  asOf?: string
}

export function registerVisitDue(visit: Command, ctx: AppContext): void {
  example(
    visit
      .command('due')
      .description(t('visit.due.description'))
      .option('--as-of <date>', t('visit.due.asOf'))
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
  // a terminal reads the words in the interface language; piped lines and CSV keep them as they are (a contract)
  const term = ctx.io.stdoutIsTTY && !ctx.csv
  const word = (key: 'visit.never' | 'visit.now' | 'visit.yes' | 'visit.no', value: string) => (term ? t(key) : value)
  if (!ctx.csv && rows.length > 0) {
    printCaption(ctx, t('visit.due.caption', { date: asOf, days: policy.visitIntervalDays, due, n: rows.length }))
  }
  await printRows(
    ctx,
    rows,
    [
      { header: 'supplier', title: t('visit.col.supplier'), value: (r) => `${r.supplier} ${r.supplierName}` },
      { header: 'customer', title: t('visit.col.customer'), value: (r) => `${r.customer} ${r.customerName}` },
      { header: 'last visit', title: t('visit.col.lastVisit'), value: (r) => r.lastVisit ?? word('visit.never', 'never') },
      { header: 'days since', title: t('visit.col.daysSince'), value: (r) => r.daysSince, align: 'right' },
      { header: 'next due', title: t('visit.col.nextDue'), value: (r) => r.nextDue ?? word('visit.now', 'now') },
      { header: 'due', title: t('visit.col.due'), value: (r) => (r.due ? (r.daysOverdue > 0 ? (term ? t('visit.overdue', { n: r.daysOverdue }) : `yes, ${r.daysOverdue}d overdue`) : word('visit.yes', 'yes')) : word('visit.no', 'no')) },
    ],
    {
      csv: ctx.csv,
      json: (r) => ({ ...r, asOf }),
      empty: t('visit.due.empty'),
    },
  )
}
