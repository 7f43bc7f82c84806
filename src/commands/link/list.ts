import type { Command } from 'commander'
import type { AppContext } from '../../cli/context.js'
import { example } from '../../cli/help.js'
import { printRows } from '../../cli/output.js'
import { formatInstant } from '../../domain/calendar/dates.js'
import { listLinks } from '../../storage/relations-repo.js'
import { unitCodesById } from '../../storage/units-repo.js'
import { t } from '../../domain/i18n/catalog.js'

export function registerList(link: Command, ctx: AppContext): void {
  example(
    link
      .command('list')
      .description(t('link.list.description'))
      .action(() => linkListRun(ctx)),
    'icm link list',
  )
}

export async function linkListRun(ctx: AppContext): Promise<void> {
  const store = await ctx.store()
  const codes = await unitCodesById(store.db)
  const rows = (await listLinks(store.db)).map((l) => ({
    id: l.id,
    supplier: codes.get(l.supplierId) ?? null,
    customer: codes.get(l.customerId) ?? null,
    provides: l.provides,
    createdAt: formatInstant(l.createdAt),
  }))
  await printRows(
    ctx,
    rows,
    [
      { header: 'supplier', title: t('dependency.col.supplier'), value: (r) => r.supplier },
      { header: 'customer', title: t('dependency.col.customer'), value: (r) => r.customer },
      { header: 'provides', title: t('link.col.provides'), value: (r) => r.provides },
    ],
    { csv: ctx.csv, empty: t('link.list.empty') },
  )
}
