import type { Command } from 'commander'
import type { AppContext } from '../../cli/context.js'
import { example } from '../../cli/help.js'
import { UserError } from '../../domain/errors.js'
import { renderDot, renderMermaid } from '../../domain/org/customer-map.js'
import { loadCustomerMap } from '../../storage/customer-map-repo.js'
import { printPairs } from './pairs.js'
import { t } from '../../domain/i18n/catalog.js'

const MAP_FORMATS = ['table', 'json', 'csv', 'mermaid', 'dot'] as const

export function registerMap(customer: Command, ctx: AppContext): void {
  example(
    customer
      .command('map')
      .description(t('customer.map.description'))
      .option('--format <format>', t('customer.map.format', { formats: MAP_FORMATS.join(', ') }))
      .action((opts: MapOptions) => customerMapRun(ctx, opts)),
    'icm customer map',
    'icm customer map --format mermaid > map.mmd',
  )
}

export interface MapOptions {
  format?: string
}

export async function customerMapRun(ctx: AppContext, opts: MapOptions): Promise<void> {
  const format = ctx.csv ? 'csv' : (opts.format ?? (ctx.json ? 'json' : 'table'))
  if (!(MAP_FORMATS as readonly string[]).includes(format)) {
    throw new UserError(t('customer.map.unknownFormat', { format }), t('customer.map.unknownFormat.hint', { formats: MAP_FORMATS.join(', ') }))
  }
  const store = await ctx.store()
  const pairs = await loadCustomerMap(store.db)
  if (format === 'mermaid' || format === 'dot') {
    if (ctx.json) throw new UserError(t('customer.map.jsonAndFormat', { format }), t('customer.map.jsonAndFormat.hint'))
    ctx.io.out(format === 'mermaid' ? renderMermaid(pairs) : renderDot(pairs))
    return
  }
  if (format === 'json' && !ctx.json) {
    ctx.io.out(`${JSON.stringify(pairs, null, 2)}\n`)
    return
  }
  await printPairs(ctx, pairs, format === 'csv', t('customer.map.empty'))
}
