import type { Command } from 'commander'
import type { AppContext } from '../../cli/context.js'
import { example } from '../../cli/help.js'
import { requireUnit } from '../../cli/lookups.js'
import { periodOption } from '../../cli/options.js'
import { printRows } from '../../cli/output.js'
import { boundsOf, parsePeriod } from '../../domain/calendar/period.js'
import { listUnits } from '../../storage/units-repo.js'
import { listVisits } from '../../storage/visits-repo.js'
import { visitJson } from './visit-json.js'

export interface VisitListOptions {
  by?: string
  period?: string
}

export function registerVisitList(visit: Command, ctx: AppContext): void {
  const list = visit.command('list').description('List follow-up visits').option('--by <unit>', 'only visits by this supplier unit')
  periodOption(list, 'only visits in').action((opts: VisitListOptions) => visitListRun(ctx, opts))
  example(list, 'icm visit list --by IT --period 2026-H1')
}

export async function visitListRun(ctx: AppContext, opts: VisitListOptions): Promise<void> {
  const period = opts.period === undefined ? undefined : boundsOf(parsePeriod(opts.period))
  const store = await ctx.store()
  const supplier = opts.by === undefined ? undefined : await requireUnit(store.db, opts.by, 'supplier unit')
  const codes = new Map((await listUnits(store.db, { includeInactive: true })).map((u) => [u.id, u.code]))
  const rows = (await listVisits(store.db, { supplierId: supplier?.id, period })).map((v) => visitJson(v, codes))
  await printRows(
    ctx,
    rows,
    [
      { header: 'code', value: (v) => v.code },
      { header: 'date', value: (v) => v.date },
      { header: 'supplier', value: (v) => v.supplier },
      { header: 'customer', value: (v) => v.customer },
      { header: 'satisfaction', value: (v) => v.satisfaction, align: 'right' },
      { header: 'notes', value: (v) => v.notes },
    ],
    { csv: ctx.csv, empty: 'no visits match (log one with icm visit log)' },
  )
}
