import type { Command } from 'commander'
import type { AppContext } from '../../cli/context.js'
import { example } from '../../cli/help.js'
import { requireUnit } from '../../cli/lookups.js'
import { printCaption } from '../../cli/output.js'
import { loadCustomerMap } from '../../storage/customer-map-repo.js'
import { printPairs } from './pairs.js'
import { t } from '../../domain/i18n/catalog.js'

/** One unit's side of the map: the customers it serves, or the suppliers that serve it. */
export function registerOf(customer: Command, ctx: AppContext): void {
  example(
    customer
      .command('of')
      .description(t('customer.of.description'))
      .argument('<unit>', t('customer.of.unit'))
      .action((ref: string) => customerOfRun(ctx, ref)),
    'icm customer of IT',
  )
  example(
    customer
      .command('suppliers-of')
      .description(t('customer.suppliers.description'))
      .argument('<unit>', t('customer.suppliers.unit'))
      .action((ref: string) => customerSuppliersRun(ctx, ref)),
    'icm customer suppliers-of FIN',
  )
}

export async function customerOfRun(ctx: AppContext, ref: string): Promise<void> {
  const store = await ctx.store()
  const unit = await requireUnit(store.db, ref)
  const pairs = (await loadCustomerMap(store.db)).filter((p) => p.supplier === unit.code)
  if (!ctx.json && !ctx.csv && pairs.length > 0) printCaption(ctx, t('customer.of.caption', { code: unit.code, name: unit.name, n: pairs.length }))
  await printPairs(ctx, pairs, ctx.csv, t('customer.of.empty', { code: unit.code }))
}

export async function customerSuppliersRun(ctx: AppContext, ref: string): Promise<void> {
  const store = await ctx.store()
  const unit = await requireUnit(store.db, ref)
  const pairs = (await loadCustomerMap(store.db)).filter((p) => p.customer === unit.code)
  if (!ctx.json && !ctx.csv && pairs.length > 0) printCaption(ctx, t('customer.suppliers.caption', { code: unit.code, name: unit.name, n: pairs.length }))
  await printPairs(ctx, pairs, ctx.csv, t('customer.suppliers.empty', { code: unit.code }))
}
