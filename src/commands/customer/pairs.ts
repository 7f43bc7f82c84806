import type { AppContext } from '../../cli/context.js'
import { printRows } from '../../cli/output.js'
import { isChinese, t } from '../../domain/i18n/catalog.js'
import type { MapPair } from '../../domain/org/customer-map.js'

/** Where a pair comes from as a Chinese terminal reads it ('dependency' → 岗位依赖); the value itself otherwise. */
function shownSource(source: string): string {
  if (source === 'dependency') return t('customer.source.dependency')
  if (source === 'link') return t('customer.source.link')
  if (source.startsWith('process:')) return t('customer.source.process', { rest: source.slice('process:'.length) })
  return source
}

/** Supplier→customer pairs as a table (or CSV, or JSON), one line a pair. */
export async function printPairs(ctx: AppContext, pairs: MapPair[], csv: boolean, empty: string): Promise<void> {
  const translate = isChinese() && ctx.io.stdoutIsTTY
  const pairColumns = [
    { header: 'supplier', title: t('dependency.col.supplier'), value: (p: MapPair) => `${p.supplier} ${p.supplierName}` },
    { header: 'customer', title: t('dependency.col.customer'), value: (p: MapPair) => `${p.customer} ${p.customerName}` },
    { header: 'provides', title: t('link.col.provides'), value: (p: MapPair) => p.provides.join('; ') },
    { header: 'sources', title: t('customer.col.sources'), value: (p: MapPair) => (translate ? p.sources.map(shownSource) : p.sources).join(', ') },
  ]
  await printRows(ctx, pairs, pairColumns, { csv, empty })
}
