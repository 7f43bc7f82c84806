import type { Command } from 'commander'
import type { AppContext } from '../../cli/context.js'
import { example } from '../../cli/help.js'
import { printCaption, printRows } from '../../cli/output.js'
import { createBusinessClock } from '../../domain/calendar/business-time.js'
import { formatInstant, parseInstant } from '../../domain/calendar/dates.js'
import { businessHoursLate, overdueAt, type Overdue } from '../../domain/requests/request.js'
import { loadSchedule } from '../../storage/calendar-repo.js'
import { listOverdueCandidates, type OverdueCandidate } from '../../storage/requests-repo.js'
import { unitCodesById } from '../../storage/units-repo.js'
import { isChinese, t } from '../../domain/i18n/catalog.js'

export function registerOverdue(request: Command, ctx: AppContext): void {
  example(
    request
      .command('overdue')
      .description(t('request.overdue.description'))
      .option('--as-of <datetime>', t('request.overdue.asOf'))
      .action((opts: OverdueOptions) => requestOverdueRun(ctx, opts)),
    'icm request overdue',
    'icm request overdue --as-of 2026-06-30T18:00',
  )
}

export interface OverdueOptions {
  asOf?: string
}

export async function requestOverdueRun(ctx: AppContext, opts: OverdueOptions): Promise<void> {
  const asOf = opts.asOf === undefined ? ctx.now() : parseInstant(opts.asOf, '--as-of')
  const store = await ctx.store()
  const clock = createBusinessClock(await loadSchedule(store.db))
  const rows = await listOverdueCandidates(store.db, asOf)
  const codes = await unitCodesById(store.db)
  const items = rows
    .map((r) => ({ r, o: overdueAt(r, asOf, clock) }))
    .filter((x): x is { r: OverdueCandidate; o: Overdue } => x.o !== null)
    .map(({ r, o }) => ({
      code: r.code,
      overdue: o.kind,
      due: formatInstant(o.due),
      businessHoursLate: businessHoursLate(clock, o.due, asOf),
      status: r.status,
      from: codes.get(r.customerId) ?? null,
      to: codes.get(r.providerId) ?? null,
      title: r.title,
    }))
    .sort((a, b) => b.businessHoursLate - a.businessHoursLate || (a.code < b.code ? -1 : 1))
  printCaption(ctx, t('request.overdue.caption', { at: formatInstant(asOf) }))
  const term = ctx.io.stdoutIsTTY && !ctx.csv && isChinese()
  await printRows(
    ctx,
    items,
    [
      { header: 'code', title: t('request.col.code'), value: (x) => x.code },
      { header: 'overdue', title: t('request.col.overdue'), value: (x) => (term ? t(`request.overdue.kind.${x.overdue}`) : x.overdue) },
      { header: 'due', title: t('request.col.due'), value: (x) => x.due },
      { header: 'late (business h)', title: t('request.col.late'), value: (x) => x.businessHoursLate.toFixed(1), align: 'right' },
      { header: 'status', title: t('request.col.status'), value: (x) => x.status, enum: 'requestStatus' },
      { header: 'to', title: t('request.col.to'), value: (x) => x.to },
      { header: 'from', title: t('request.col.from'), value: (x) => x.from },
      { header: 'title', title: t('request.col.title'), value: (x) => x.title },
    ],
    { csv: ctx.csv, empty: t('request.overdue.empty', { at: formatInstant(asOf) }) },
  )
}
