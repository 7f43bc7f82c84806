import type { Command } from 'commander'
import type { AppContext } from '../../cli/context.js'
import { printRows, printCaption } from '../../cli/output.js'
import { renderDot, renderMermaid, type MapPair } from '../../domain/org/customer-map.js'
import { loadCustomerMap } from '../../storage/customer-map-repo.js'
import { UserError } from '../../domain/errors.js'
import { example } from '../../cli/help.js'
import { requireUnit } from '../../cli/lookups.js'

const MAP_FORMATS = ['table', 'json', 'csv', 'mermaid', 'dot'] as const

export function registerCustomer(program: Command, ctx: AppContext): void {
  const customer = program.command('customer').description('The internal customer map: who serves whom, and with what')

  example(
    customer
      .command('map')
      .description('Every supplier→customer pair, what is provided, and where the pair comes from')
      .option('--format <format>', `output format: ${MAP_FORMATS.join(', ')}`)
      .action((opts: { format?: string; csv?: boolean }) => customerMapRun(ctx, opts)),
    'icm customer map',
    'icm customer map --format mermaid > map.mmd',
  )

  example(
    customer
      .command('of')
      .description('The internal customers a unit serves')
      .argument('<unit>', 'supplier unit code or name')
      .action((ref: string, opts: { csv?: boolean }) => customerOfRun(ctx, ref, opts)),
    'icm customer of IT',
  )

  example(
    customer
      .command('suppliers-of')
      .description('The internal suppliers that serve a unit')
      .argument('<unit>', 'customer unit code or name')
      .action((ref: string, opts: { csv?: boolean }) => customerSuppliersRun(ctx, ref, opts)),
    'icm customer suppliers-of FIN',
  )
}

const pairColumns = [
  { header: 'supplier', value: (p: MapPair) => `${p.supplier} ${p.supplierName}` },
  { header: 'customer', value: (p: MapPair) => `${p.customer} ${p.customerName}` },
  { header: 'provides', value: (p: MapPair) => p.provides.join('; ') },
  { header: 'sources', value: (p: MapPair) => p.sources.join(', ') },
]

export async function customerMapRun(ctx: AppContext, opts: { format?: string; csv?: boolean }): Promise<void> {
  const format = ctx.csv ? 'csv' : (opts.format ?? (ctx.json ? 'json' : 'table'))
  if (!(MAP_FORMATS as readonly string[]).includes(format)) {
    throw new UserError(`unknown map format '${format}'`, `use one of ${MAP_FORMATS.join(', ')}`)
  }
  const store = await ctx.store()
  const pairs = await loadCustomerMap(store.db)
  if (format === 'mermaid' || format === 'dot') {
    if (ctx.json) throw new UserError(`--json and --format ${format} do not go together`, 'choose one')
    ctx.io.out(format === 'mermaid' ? renderMermaid(pairs) : renderDot(pairs))
    return
  }
  if (format === 'json' && !ctx.json) {
    ctx.io.out(`${JSON.stringify(pairs, null, 2)}\n`)
    return
  }
  await printPairs(ctx, pairs, format === 'csv', 'the customer map is empty (add processes, dependencies or links)')
}

async function printPairs(ctx: AppContext, pairs: MapPair[], csv: boolean, empty: string): Promise<void> {
  await printRows(ctx, pairs, pairColumns, { csv, empty })
}

export async function customerOfRun(ctx: AppContext, ref: string, opts: { csv?: boolean }): Promise<void> {
  const store = await ctx.store()
  const unit = await requireUnit(store.db, ref)
  const pairs = (await loadCustomerMap(store.db)).filter((p) => p.supplier === unit.code)
  if (!ctx.json && !ctx.csv && pairs.length > 0) printCaption(ctx, `${unit.code} ${unit.name} serves ${pairs.length} internal customer${pairs.length === 1 ? '' : 's'}:`)
  await printPairs(ctx, pairs, ctx.csv === true, `${unit.code} serves no internal customer in the map`)
}

export async function customerSuppliersRun(ctx: AppContext, ref: string, opts: { csv?: boolean }): Promise<void> {
  const store = await ctx.store()
  const unit = await requireUnit(store.db, ref)
  const pairs = (await loadCustomerMap(store.db)).filter((p) => p.customer === unit.code)
  if (!ctx.json && !ctx.csv && pairs.length > 0) printCaption(ctx, `${unit.code} ${unit.name} is served by ${pairs.length} internal supplier${pairs.length === 1 ? '' : 's'}:`)
  await printPairs(ctx, pairs, ctx.csv === true, `${unit.code} has no internal supplier in the map`)
}
