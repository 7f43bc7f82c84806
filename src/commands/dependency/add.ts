import type { Command } from 'commander'
import type { AppContext } from '../../cli/context.js'
import { example } from '../../cli/help.js'
import { requireUnit } from '../../cli/lookups.js'
import { confirm, printEntity } from '../../cli/output.js'
import { need } from '../../cli/prompt.js'
import { formatInstant } from '../../domain/calendar/dates.js'
import { checkDependency } from '../../domain/org/customer-map.js'
import { checkName } from '../../domain/org/unit.js'
import { appendEvent } from '../../storage/events-repo.js'
import { insertDependency } from '../../storage/relations-repo.js'
import { t } from '../../domain/i18n/catalog.js'

export function registerAdd(dependency: Command, ctx: AppContext): void {
  example(
    dependency
      .command('add')
      .description(t('dependency.add.description'))
      .option('--customer <unit>', t('dependency.add.customer'))
      .option('--supplier <unit>', t('dependency.add.supplier'))
      .option('--support <text>', t('dependency.add.support'))
      .action((opts: DependencyAddOptions) => dependencyAddRun(ctx, opts)),
    'icm dependency add --customer FIN-AP --supplier PUR-BUYER --support 采购订单与验收单',
  )
}

export interface DependencyAddOptions {
  customer?: string
  supplier?: string
  support?: string
}

export async function dependencyAddRun(ctx: AppContext, opts: DependencyAddOptions): Promise<void> {
  const customerRef = await need(ctx, opts.customer, { flag: '--customer', message: t('dependency.add.askCustomer'), unit: true })
  const supplierRef = await need(ctx, opts.supplier, { flag: '--supplier', message: t('dependency.add.askSupplier'), unit: true })
  const support = checkName(await need(ctx, opts.support, { flag: '--support', message: t('dependency.add.askSupport'), check: (v) => checkName(v, '--support') }), '--support')
  const store = await ctx.store()
  const json = await store.write(async (trx) => {
    const customer = await requireUnit(trx, customerRef, t('org.customerUnit'))
    const supplier = await requireUnit(trx, supplierRef, t('org.supplierUnit'))
    checkDependency(customer, supplier)
    const d = await insertDependency(trx, { customerId: customer.id, supplierId: supplier.id, support }, ctx.now())
    await appendEvent(trx, ctx.event('dependency.add', customer.code, { supplier: supplier.code, support }))
    return { id: d.id, customer: customer.code, supplier: supplier.code, support, createdAt: formatInstant(d.createdAt) }
  })
  if (ctx.json) printEntity(ctx, json, [])
  confirm(ctx, t('dependency.added', { customer: json.customer, supplier: json.supplier, support }))
}
