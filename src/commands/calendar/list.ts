import type { Command } from 'commander'
import type { AppContext } from '../../cli/context.js'
import { example } from '../../cli/help.js'
import { printRows } from '../../cli/output.js'
import { boundsOf, parsePeriod, yearOf } from '../../domain/calendar/period.js'
import { listCalendarDays } from '../../storage/calendar-repo.js'
import { dayJson } from './views.js'

export function registerList(calendar: Command, ctx: AppContext): void {
  example(
    calendar
      .command('list')
      .description('List holidays and make-up working days')
      .option('--year <yyyy>', 'only this year')
      .action((opts: CalendarListOptions) => calendarListRun(ctx, opts)),
    'icm calendar list --year 2026',
  )
}

export interface CalendarListOptions {
  year?: string
}

export async function calendarListRun(ctx: AppContext, opts: CalendarListOptions): Promise<void> {
  const year = opts.year === undefined ? undefined : yearOf(opts.year)
  const store = await ctx.store()
  const rows = (await listCalendarDays(store.db, year === undefined ? undefined : boundsOf(parsePeriod(String(year))))).map(dayJson)
  await printRows(
    ctx,
    rows,
    [
      { header: 'date', value: (d) => d.date },
      { header: 'weekday', value: (d) => d.weekday },
      { header: 'type', value: (d) => d.type },
      { header: 'name', value: (d) => d.name },
    ],
    { csv: ctx.csv, empty: `no holidays or make-up days${year ? ` in ${year}` : ''} (add them with icm calendar add or import)` },
  )
}
