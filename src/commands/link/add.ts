import type { Command } from 'commander'
import type { AppContext } from '../../cli/context.js'
import { example } from '../../cli/help.js'
import { requireUnit } from '../../cli/lookups.js'
import { confirm, printEntity } from '../../cli/output.js'
import { need } from '../../cli/prompt.js'
import { formatInstant } from '../../domain/calendar/dates.js'
import { checkLink } from '../../domain/org/customer-map.js'
import { checkName } from '../../domain/org/unit.js'
import { appendEvent } from '../../storage/events-repo.js'
import { insertLink } from '../../storage/relations-repo.js'
import { t } from '../../domain/i18n/catalog.js'

export function registerAdd(link: Command, ctx: AppContext): void {
  example(
    link
      .command('add')
      .description(t('link.add.description'))
      .option('--supplier <unit>', t('link.add.supplier'))
      .option('--customer <unit>', t('link.add.customer'))
      .option('--provides <text>', t('link.add.provides'))
      .action((opts: LinkAddOptions) => linkAddRun(ctx, opts)),
    'icm link add --supplier IT --customer HR --provides 考勤系统维护',
  )
}

export interface LinkAddOptions {
  supplier?: string
  customer?: string
  provides?: string
}

export async function linkAddRun(ctx: AppContext, opts: LinkAddOptions): Promise<void> {
  const supplierRef = await need(ctx, opts.supplier, { flag: '--supplier', message: t('link.add.askSupplier'), unit: true })
  const customerRef = await need(ctx, opts.customer, { flag: '--customer', message: t('link.add.askCustomer'), unit: true })
  const provides = checkName(await need(ctx, opts.provides, { flag: '--provides', message: t('link.add.askProvides'), check: (v) => checkName(v, '--provides') }), '--provides')
  const store = await ctx.store()
  const json = await store.write(async (trx) => {
    const supplier = await requireUnit(trx, supplierRef, t('org.supplierUnit'))
    const customer = await requireUnit(trx, customerRef, t('org.customerUnit'))
    checkLink(supplier, customer)
    const l = await insertLink(trx, { supplierId: supplier.id, customerId: customer.id, provides }, ctx.now())
    await appendEvent(trx, ctx.event('link.add', supplier.code, { customer: customer.code, provides }))
    return { id: l.id, supplier: supplier.code, customer: customer.code, provides, createdAt: formatInstant(l.createdAt) }
  })
  if (ctx.json) printEntity(ctx, json, [])
  confirm(ctx, t('link.added', { supplier: json.supplier, provides, customer: json.customer }))
}
