import type { Command } from 'commander'
import type { AppContext } from '../../cli/context.js'
import { example } from '../../cli/help.js'
import { confirm, printEntity, warn } from '../../cli/output.js'
import { isWorkingDay, scheduleOf } from '../../domain/calendar/business-time.js'
import { weekdayLabel, type DayType } from '../../domain/calendar/calendar-days.js'
import { parseDate } from '../../domain/calendar/dates.js'
import { UserError } from '../../domain/errors.js'
import { upsertCalendarDay } from '../../storage/calendar-repo.js'
import { loadPolicy } from '../../storage/config-repo.js'
import { appendEvent } from '../../storage/events-repo.js'
import { dayJson } from './views.js'
import { label, t } from '../../domain/i18n/catalog.js'

export function registerAdd(calendar: Command, ctx: AppContext): void {
  example(
    calendar
      .command('add')
      .description(t('calendar.add.description'))
      .argument('<date>', t('calendar.add.date'))
      .option('--holiday', t('calendar.add.holiday'))
      .option('--workday', t('calendar.add.workday'))
      .option('--name <text>', t('calendar.add.name'))
      .action((date: string, opts: CalendarAddOptions) => calendarAddRun(ctx, date, opts)),
    'icm calendar add 2026-10-01 --holiday --name 国庆节',
    'icm calendar add 2026-10-10 --workday --name 国庆调休',
  )
}

export interface CalendarAddOptions {
  holiday?: boolean
  workday?: boolean
  name?: string
}

export async function calendarAddRun(ctx: AppContext, dateText: string, opts: CalendarAddOptions): Promise<void> {
  if (opts.holiday === opts.workday) throw new UserError(t('calendar.add.exactlyOne'))
  const date = parseDate(dateText, t('calendar.dateWhat'))
  const type: DayType = opts.holiday ? 'holiday' : 'workday'
  const name = opts.name?.trim() || null
  const store = await ctx.store()
  const policy = await loadPolicy(store.db)
  const plain = scheduleOf(policy.workHours, policy.workDays, [])
  if (type === 'holiday' && !isWorkingDay(plain, date)) warn(ctx, t('calendar.add.alreadyOff', { date, weekday: weekdayLabel(date) }))
  if (type === 'workday' && isWorkingDay(plain, date)) warn(ctx, t('calendar.add.alreadyWorking', { date, weekday: weekdayLabel(date) }))
  const before = await store.write(async (trx) => {
    const prev = await upsertCalendarDay(trx, { date, type, name })
    await appendEvent(trx, ctx.event('calendar.add', date, { type, name, before: prev ? { type: prev.type, name: prev.name } : null }))
    return prev
  })
  if (ctx.json) printEntity(ctx, dayJson({ date, type, name }), [])
  const was = before ? t('calendar.added.was', { type: label('calendarDay', before.type) }) : ''
  confirm(ctx, `${t(type === 'holiday' ? 'calendar.added.holiday' : 'calendar.added.workday', { date })}${name ? t('calendar.added.name', { name }) : ''}${was}`)
}
