import type { AppContext } from '../../cli/context.js'
import { printRows } from '../../cli/output.js'
import type { MapPair } from '../../domain/org/customer-map.js'

const pairColumns = [
  { header: 'supplier', value: (p: MapPair) => `${p.supplier} ${p.supplierName}` },
  { header: 'customer', value: (p: MapPair) => `${p.customer} ${p.customerName}` },
  { header: 'provides', value: (p: MapPair) => p.provides.join('; ') },
  { header: 'sources', value: (p: MapPair) => p.sources.join(', ') },
]

/** Supplier→customer pairs as a table (or CSV, or JSON), one line a pair. */
export async function printPairs(ctx: AppContext, pairs: MapPair[], csv: boolean, empty: string): Promise<void> {
  await printRows(ctx, pairs, pairColumns, { csv, empty })
}
