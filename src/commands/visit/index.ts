import type { Command } from 'commander'
import type { AppContext } from '../../cli/context.js'
import { confirm, printCaption, printEntity, printRows, warn, shownInstant } from '../../cli/output.js'
import { need } from '../../cli/prompt.js'
import { localDate, parseDate } from '../../domain/calendar/dates.js'
import { UserError } from '../../domain/errors.js'
import { parsePeriod } from '../../domain/calendar/period.js'
import { checkVisitSatisfaction, visitDue } from '../../domain/collaboration/visit.js'
import { appendEvent } from '../../storage/events-repo.js'
import type { VisitRow } from '../../storage/schema-surveys.js'
import { listUnits } from '../../storage/units-repo.js'
import { insertVisit, listVisits, visitsByPair } from '../../storage/visits-repo.js'
import { loadCustomerMap } from '../../storage/customer-map-repo.js'
import { example } from '../../cli/help.js'
import { loadPolicy } from '../../storage/config-repo.js'
import { requireUnit } from '../../cli/lookups.js'

/** The JSON of a visit: unit codes, not ids. */
export function visitJson(v: VisitRow, codes: ReadonlyMap<number, string>) {
  return {
    code: v.code,
    supplier: codes.get(v.supplier_id) ?? null,
    customer: codes.get(v.customer_id) ?? null,
    date: v.date,
    satisfaction: v.satisfaction,
    notes: v.notes,
    createdAt: shownInstant(v.created_at),
  }
}

export function registerVisit(program: Command, ctx: AppContext): void {
  const visit = program.command('visit').description('Follow-up visits (回访) of suppliers to their internal customers (policy 6)')

  example(
    visit
      .command('log')
      .description('Record a follow-up visit of a supplier unit to its internal customer')
      .option('--by <unit>', 'the supplier unit that visited')
      .option('--customer <unit>', 'the customer unit visited')
      .option('--date <date>', 'when (YYYY-MM-DD, default today)')
      .option('--satisfaction <n>', "the customer's satisfaction, 1–5")
      .option('--notes <text>', 'what was discussed, what was agreed')
      .action((opts: VisitLogOptions) => visitLogRun(ctx, opts)),
    'icm visit log --by IT --customer FIN --date 2026-06-12 --satisfaction 4 --notes "ERP月结支持，反馈响应快"',
  )
  example(
    visit
      .command('list')
      .description('List follow-up visits')
      .option('--by <unit>', 'only visits by this supplier unit')
      .option('--period <period>', 'only visits in this period, e.g. 2026-H1')
      .action((opts: { by?: string; period?: string; csv?: boolean }) => visitListRun(ctx, opts)),
    'icm visit list --by IT --period 2026-H1',
  )
  example(
    visit
      .command('due')
      .description('For every supplier→customer pair of the customer map: the last visit, days since, and whether one is due')
      .option('--as-of <date>', 'the day to judge (default today)')
      .action((opts: { asOf?: string; csv?: boolean }) => visitDueRun(ctx, opts)),
    'icm visit due',
    'icm visit due --as-of 2026-09-30 --csv > visits-due.csv',
  )
}

interface VisitLogOptions {
  by?: string
  customer?: string
  date?: string
  satisfaction?: string
  notes?: string
}

export async function visitLogRun(ctx: AppContext, opts: VisitLogOptions): Promise<void> {
  const byRef = await need(ctx, opts.by, { flag: '--by', message: 'Supplier unit that visited' })
  const customerRef = await need(ctx, opts.customer, { flag: '--customer', message: 'Customer unit visited' })
  const today = localDate(ctx.now())
  const date = opts.date === undefined ? today : parseDate(opts.date, '--date')
  if (date > today) throw new UserError(`--date ${date} is in the future (today is ${today})`, 'log a visit once it has happened')
  const satisfaction = opts.satisfaction === undefined ? null : checkVisitSatisfaction(opts.satisfaction)
  const notes = opts.notes?.trim() ? opts.notes.trim() : null
  const store = await ctx.store()
  const supplier = await requireUnit(store.db, byRef, 'supplier unit')
  const customer = await requireUnit(store.db, customerRef, 'customer unit')
  if (supplier.id === customer.id) throw new UserError(`a unit cannot visit itself (${supplier.code})`, 'give the supplier with --by and its internal customer with --customer')
  const inMap = (await loadCustomerMap(store.db)).some((p) => p.supplier === supplier.code && p.customer === customer.code)
  const row = await store.write(async (trx) => {
    const created = await insertVisit(trx, { supplierId: supplier.id, customerId: customer.id, date, satisfaction, notes, createdAt: ctx.now() })
    await appendEvent(trx, ctx.event('visit.log', created.code, { supplier: supplier.code, customer: customer.code, date, satisfaction, notes }))
    return created
  })
  const codes = new Map([
    [supplier.id, supplier.code],
    [customer.id, customer.code],
  ])
  if (ctx.json) printEntity(ctx, visitJson(row, codes), [])
  else ctx.io.out(`${row.code}\n`)
  if (!inMap) warn(ctx, `${supplier.code} → ${customer.code} is not a pair of the customer map (icm customer map)`)
  confirm(ctx, `${row.code} ${supplier.code} visited ${customer.code} on ${date}${satisfaction === null ? '' : `, satisfaction ${satisfaction}`}`)
}

export async function visitListRun(ctx: AppContext, opts: { by?: string; period?: string; csv?: boolean }): Promise<void> {
  const period = opts.period === undefined ? undefined : parsePeriod(opts.period)
  const store = await ctx.store()
  const supplier = opts.by === undefined ? undefined : await requireUnit(store.db, opts.by, 'supplier unit')
  const codes = new Map((await listUnits(store.db, { includeInactive: true })).map((u) => [u.id, u.code]))
  const rows = (await listVisits(store.db, { supplierId: supplier?.id, from: period?.startDate, to: period?.endDate })).map((v) => visitJson(v, codes))
  await printRows(
    ctx,
    rows,
    [
      { header: 'code', value: (v) => v.code },
      { header: 'date', value: (v) => v.date },
      { header: 'supplier', value: (v) => v.supplier },
      { header: 'customer', value: (v) => v.customer },
      { header: 'satisfaction', value: (v) => v.satisfaction, align: 'right' },
      { header: 'notes', value: (v) => v.notes },
    ],
    { csv: ctx.csv, empty: 'no visits match (log one with icm visit log)' },
  )
}

export async function visitDueRun(ctx: AppContext, opts: { asOf?: string; csv?: boolean }): Promise<void> {
  const asOf = opts.asOf === undefined ? localDate(ctx.now()) : parseDate(opts.asOf, '--as-of')
  const store = await ctx.store()
  const policy = await loadPolicy(store.db)
  const pairs = await loadCustomerMap(store.db)
  const units = new Map((await listUnits(store.db, { includeInactive: true })).map((u) => [u.code, u.id]))
  const last = new Map((await visitsByPair(store.db, { to: asOf })).map((v) => [`${v.supplierId}>${v.customerId}`, v.lastDate]))
  const rows = pairs.map((p) => {
    const key = `${units.get(p.supplier)}>${units.get(p.customer)}`
    const d = visitDue(last.get(key) ?? null, asOf, policy.visitIntervalDays)
    return { supplier: p.supplier, supplierName: p.supplierName, customer: p.customer, customerName: p.customerName, ...d }
  })
  const due = rows.filter((r) => r.due).length
  if (!ctx.csv && rows.length > 0) {
    printCaption(ctx, `As of ${asOf} (visit.interval_days ${policy.visitIntervalDays}): ${due} of ${rows.length} pairs due a follow-up visit`)
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
