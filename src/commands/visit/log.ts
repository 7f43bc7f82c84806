import type { Command } from 'commander'
import type { AppContext } from '../../cli/context.js'
import { example } from '../../cli/help.js'
import { requireUnit } from '../../cli/lookups.js'
import { optionalText } from '../../cli/options.js'
import { confirm, printEntity, warn } from '../../cli/output.js'
import { need } from '../../cli/prompt.js'
import { addDays, localDate, parseDate } from '../../domain/calendar/dates.js'
import { checkVisitDate, checkVisitPair, checkVisitSatisfaction } from '../../domain/collaboration/visit.js'
import { loadPolicy } from '../../storage/config-repo.js'
import { loadCustomerMap } from '../../storage/customer-map-repo.js'
import { appendEvent } from '../../storage/events-repo.js'
import { insertVisit } from '../../storage/visits-repo.js'
import { visitJson } from './visit-json.js'
import { t } from '../../domain/i18n/catalog.js'

export interface VisitLogOptions {
  by?: string
  customer?: string
  date?: string
  satisfaction?: string
  notes?: string
}

export function registerVisitLog(visit: Command, ctx: AppContext): void {
  example(
    visit
      .command('log')
      .description(t('visit.log.description'))
      .option('--by <unit>', t('visit.log.by'))
      .option('--customer <unit>', t('visit.log.customer'))
      .option('--date <date>', t('visit.log.date'))
      .option('--satisfaction <n>', t('visit.log.satisfaction'))
      .option('--notes <text>', t('visit.log.notes'))
      .action((opts: VisitLogOptions) => visitLogRun(ctx, opts)),
    'icm visit log --by IT --customer FIN --date 2026-06-12 --satisfaction 4 --notes "ERP月结支持，反馈响应快"',
  )
}

export async function visitLogRun(ctx: AppContext, opts: VisitLogOptions): Promise<void> {
  const byRef = await need(ctx, opts.by, { flag: '--by', message: t('visit.log.askBy'), unit: true })
  const customerRef = await need(ctx, opts.customer, { flag: '--customer', message: t('visit.log.askCustomer'), unit: true })
  const today = localDate(ctx.now())
  const date = opts.date === undefined ? today : parseDate(opts.date, '--date')
  checkVisitDate(date, today)
  const satisfaction = opts.satisfaction === undefined ? null : checkVisitSatisfaction(opts.satisfaction)
  const notes = optionalText(opts.notes)
  const store = await ctx.store()
  const supplier = await requireUnit(store.db, byRef, t('org.supplierUnit'))
  const customer = await requireUnit(store.db, customerRef, t('org.customerUnit'))
  checkVisitPair(supplier, customer)
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
  const intervalDays = (await loadPolicy(store.db)).visitIntervalDays
  if (ctx.json) printEntity(ctx, { ...visitJson(row, codes), inCustomerMap: inMap, nextVisitDue: addDays(date, intervalDays) }, [])
  else ctx.io.out(`${row.code}\n`)
  if (!inMap) warn(ctx, t('visit.log.notInMap', { supplier: supplier.code, customer: customer.code }))
  const said = { code: row.code, supplier: supplier.code, customer: customer.code, date }
  confirm(ctx, satisfaction === null ? t('visit.logged', said) : t('visit.loggedWithSatisfaction', { ...said, satisfaction }))
}
