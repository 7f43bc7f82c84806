import type { Command } from 'commander'
import type { AppContext } from '../../cli/context.js'
import { example } from '../../cli/help.js'
import { requireUnit } from '../../cli/lookups.js'
import { printRows } from '../../cli/output.js'
import { boundsOf, parsePeriod } from '../../domain/calendar/period.js'
import { listUnits } from '../../storage/units-repo.js'
import { listVisits } from '../../storage/visits-repo.js'
import { visitJson } from './visit-json.js'
import { t } from '../../domain/i18n/catalog.js'

export interface VisitListOptions {
  by?: string
  period?: string
}

export function registerVisitList(visit: Command, ctx: AppContext): void {
  const list = visit.command('list').description(t('visit.list.description')).option('--by <unit>', t('visit.list.by'))
  list.option('--period <period>', t('visit.list.period')).action((opts: VisitListOptions) => visitListRun(ctx, opts))
  example(list, 'icm visit list --by IT --period 2026-H1')
}

export async function visitListRun(ctx: AppContext, opts: VisitListOptions): Promise<void> {
  const period = opts.period === undefined ? undefined : boundsOf(parsePeriod(opts.period))
  const store = await ctx.store()
  const supplier = opts.by === undefined ? undefined : await requireUnit(store.db, opts.by, t('org.supplierUnit'))
  const codes = new Map((await listUnits(store.db, { includeInactive: true })).map((u) => [u.id, u.code]))
  const rows = (await listVisits(store.db, { supplierId: supplier?.id, period })).map((v) => visitJson(v, codes))
  await printRows(
    ctx,
    rows,
    [
      { header: 'code', title: t('visit.col.code'), value: (v) => v.code },
      { header: 'date', title: t('visit.col.date'), value: (v) => v.date },
      { header: 'supplier', title: t('visit.col.supplier'), value: (v) => v.supplier },
      { header: 'customer', title: t('visit.col.customer'), value: (v) => v.customer },
      { header: 'satisfaction', title: t('visit.col.satisfaction'), value: (v) => v.satisfaction, align: 'right' },
      { header: 'notes', title: t('visit.col.notes'), value: (v) => v.notes },
    ],
    { csv: ctx.csv, empty: t('visit.list.empty') },
  )
}
