import type { Command } from 'commander'
import type { AppContext } from '../../cli/context.js'
import { example } from '../../cli/help.js'
import { requireUnit } from '../../cli/lookups.js'
import { printCaption } from '../../cli/output.js'
import { loadCustomerMap } from '../../storage/customer-map-repo.js'
import { printPairs } from './pairs.js'

/** One unit's side of the map: the customers it serves, or the suppliers that serve it. */
export function registerOf(customer: Command, ctx: AppContext): void {
  example(
    customer
      .command('of')
      .description('The internal customers a unit serves')
      .argument('<unit>', 'supplier unit code or name')
      .action((ref: string) => customerOfRun(ctx, ref)),
    'icm customer of IT',
  )
  example(
    customer
      .command('suppliers-of')
      .description('The internal suppliers that serve a unit')
      .argument('<unit>', 'customer unit code or name')
      .action((ref: string) => customerSuppliersRun(ctx, ref)),
    'icm customer suppliers-of FIN',
  )
}

export async function customerOfRun(ctx: AppContext, ref: string): Promise<void> {
  const store = await ctx.store()
  const unit = await requireUnit(store.db, ref)
  const pairs = (await loadCustomerMap(store.db)).filter((p) => p.supplier === unit.code)
  if (!ctx.json && !ctx.csv && pairs.length > 0) printCaption(ctx, `${unit.code} ${unit.name} serves ${pairs.length} internal customer${pairs.length === 1 ? '' : 's'}:`)
  await printPairs(ctx, pairs, ctx.csv, `${unit.code} serves no internal customer in the map`)
}

export async function customerSuppliersRun(ctx: AppContext, ref: string): Promise<void> {
  const store = await ctx.store()
  const unit = await requireUnit(store.db, ref)
  const pairs = (await loadCustomerMap(store.db)).filter((p) => p.customer === unit.code)
  if (!ctx.json && !ctx.csv && pairs.length > 0) printCaption(ctx, `${unit.code} ${unit.name} is served by ${pairs.length} internal supplier${pairs.length === 1 ? '' : 's'}:`)
  await printPairs(ctx, pairs, ctx.csv, `${unit.code} has no internal supplier in the map`)
}
