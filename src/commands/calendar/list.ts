import type { Command } from 'commander'
import type { AppContext } from '../../cli/context.js'
import { example } from '../../cli/help.js'
import { printRows } from '../../cli/output.js'
import { boundsOf, parsePeriod, yearOf } from '../../domain/calendar/period.js'
import { listCalendarDays } from '../../storage/calendar-repo.js'
import { dayJson } from './views.js'
import { weekdayLabel } from '../../domain/calendar/calendar-days.js'
import { isChinese, t } from '../../domain/i18n/catalog.js'

export function registerList(calendar: Command, ctx: AppContext): void {
  example(
    calendar
      .command('list')
      .description(t('calendar.list.description'))
      .option('--year <yyyy>', t('calendar.list.year'))
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
  // a Chinese terminal reads the weekday in Chinese; piped lines and CSV keep Mon … Sun
  const term = ctx.io.stdoutIsTTY && !ctx.csv && isChinese()
  await printRows(
    ctx,
    rows,
    [
      { header: 'date', title: t('calendar.col.date'), value: (d) => d.date },
      { header: 'weekday', title: t('calendar.col.weekday'), value: (d) => (term ? weekdayLabel(d.date) : d.weekday) },
      { header: 'type', title: t('calendar.col.type'), value: (d) => d.type, enum: 'calendarDay' },
      { header: 'name', title: t('calendar.col.name'), value: (d) => d.name },
    ],
    { csv: ctx.csv, empty: year ? t('calendar.list.emptyYear', { year }) : t('calendar.list.empty') },
  )
}
