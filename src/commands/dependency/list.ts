import type { Command } from 'commander'
import type { AppContext } from '../../cli/context.js'
import { example } from '../../cli/help.js'
import { printRows } from '../../cli/output.js'
import { formatInstant } from '../../domain/calendar/dates.js'
import { listDependencies } from '../../storage/relations-repo.js'
import { unitCodesById } from '../../storage/units-repo.js'
import { t } from '../../domain/i18n/catalog.js'

export function registerList(dependency: Command, ctx: AppContext): void {
  example(
    dependency
      .command('list')
      .description(t('dependency.list.description'))
      .action(() => dependencyListRun(ctx)),
    'icm dependency list',
  )
}

export async function dependencyListRun(ctx: AppContext): Promise<void> {
  const store = await ctx.store()
  const codes = await unitCodesById(store.db)
  const rows = (await listDependencies(store.db)).map((d) => ({
    id: d.id,
    customer: codes.get(d.customerId) ?? null,
    supplier: codes.get(d.supplierId) ?? null,
    support: d.support,
    createdAt: formatInstant(d.createdAt),
  }))
  await printRows(
    ctx,
    rows,
    [
      { header: 'customer', title: t('dependency.col.customer'), value: (r) => r.customer },
      { header: 'supplier', title: t('dependency.col.supplier'), value: (r) => r.supplier },
      { header: 'support', title: t('dependency.col.support'), value: (r) => r.support },
    ],
    { csv: ctx.csv, empty: t('dependency.list.empty') },
  )
}
