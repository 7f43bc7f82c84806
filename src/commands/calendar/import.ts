import type { Command } from 'commander'
import type { AppContext } from '../../cli/context.js'
import { readCsvFile } from '../../cli/files.js'
import { example } from '../../cli/help.js'
import { confirm, printEntity } from '../../cli/output.js'
import { CALENDAR_COLUMNS, parseDayType, type CalendarDay } from '../../domain/calendar/calendar-days.js'
import { parseDate } from '../../domain/calendar/dates.js'
import { UserError } from '../../domain/errors.js'
import { excerpt } from '../../domain/excerpt.js'
import { findColumns, namesOf } from '../../domain/input/csv-columns.js'
import { upsertCalendarDay } from '../../storage/calendar-repo.js'
import { appendEvent } from '../../storage/events-repo.js'
import { dayJson } from './views.js'
import { t } from '../../domain/i18n/catalog.js'

export function registerImport(calendar: Command, ctx: AppContext): void {
  example(
    calendar
      .command('import')
      .description(t('calendar.import.description'))
      .argument('<file>', t('calendar.import.file'))
      .action((file: string) => calendarImportRun(ctx, file)),
    'icm calendar import holidays-2026.csv',
  )
}

/** Adds or changes every day of a CSV file; one bad line and nothing is imported. */
export async function calendarImportRun(ctx: AppContext, file: string): Promise<void> {
  const { shown, header, rows } = readCsvFile(ctx, file)
  const { date: iDate, type: iType, name: iName } = findColumns(header, CALENDAR_COLUMNS)
  if (iDate < 0 || iType < 0) throw new UserError(t('calendar.import.header', { file: shown, header: excerpt(header.join(',')) }), t('calendar.import.header.hint', { names: namesOf(CALENDAR_COLUMNS, ['date', 'type', 'name']) }))
  const days: CalendarDay[] = []
  const seen = new Map<string, number>()
  const problems: { line: number; reason: string }[] = []
  for (const { line, cells, problem } of rows) {
    if (problem !== undefined) {
      problems.push({ line, reason: problem })
      continue
    }
    try {
      const date = parseDate(cells[iDate] ?? '', t('calendar.dateWhat'))
      const type = parseDayType(cells[iType] ?? '')
      if (seen.has(date)) throw new UserError(t('calendar.import.duplicate', { date, line: seen.get(date)! }))
      seen.set(date, line)
      days.push({ date, type, name: (iName >= 0 ? cells[iName]?.trim() : '') || null })
    } catch (e) {
      problems.push({ line, reason: (e as Error).message })
    }
  }
  if (problems.length > 0) {
    const first = problems[0]!
    const more = problems.length > 1 ? t('calendar.import.more', { n: problems.length - 1 }) : ''
    throw new UserError(t('calendar.import.bad', { file: shown, line: first.line, reason: first.reason, more }), t('calendar.import.bad.hint'))
  }
  if (days.length === 0) throw new UserError(t('calendar.import.noDays', { file: shown }))
  const store = await ctx.store()
  await store.write(async (trx) => {
    for (const d of days) await upsertCalendarDay(trx, d)
    await appendEvent(trx, ctx.event('calendar.import', null, { file: shown, days: days.length }))
  })
  if (ctx.json) printEntity(ctx, { file: shown, imported: days.length, days: days.map(dayJson) }, [])
  confirm(ctx, t('calendar.imported', { n: days.length, file: shown }))
}
