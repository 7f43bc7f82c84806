import type { Command } from 'commander'
import type { AppContext } from '../../cli/context.js'
import { readCsvFile } from '../../cli/files.js'
import { example } from '../../cli/help.js'
import { confirm, printEntity } from '../../cli/output.js'
import { describeBadLines } from '../../domain/bad-lines.js'
import { CALENDAR_COLUMNS, parseDayType, type CalendarDay } from '../../domain/calendar/calendar-days.js'
import { parseDate } from '../../domain/calendar/dates.js'
import { UserError } from '../../domain/errors.js'
import { excerpt } from '../../domain/excerpt.js'
import { findColumns, namesOf } from '../../domain/input/csv-columns.js'
import { upsertCalendarDay } from '../../storage/calendar-repo.js'
import { appendEvent } from '../../storage/events-repo.js'
import { dayJson } from './views.js'

export function registerImport(calendar: Command, ctx: AppContext): void {
  example(
    calendar
      .command('import')
      .description('Import days from CSV (date,type,name), all or nothing')
      .argument('<file>', 'CSV with a header line date,type,name (- reads stdin)')
      .action((file: string) => calendarImportRun(ctx, file)),
    'icm calendar import holidays-2026.csv',
  )
}

/** Adds or changes every day of a CSV file; one bad line and nothing is imported. */
export async function calendarImportRun(ctx: AppContext, file: string): Promise<void> {
  const { shown, header, rows } = readCsvFile(ctx, file)
  const { date: iDate, type: iType, name: iName } = findColumns(header, CALENDAR_COLUMNS)
  if (iDate < 0 || iType < 0) throw new UserError(`${shown}: the header must name date and type (it has: ${excerpt(header.join(','))})`, `e.g. ${namesOf(CALENDAR_COLUMNS, ['date', 'type', 'name'])}`)
  const days: CalendarDay[] = []
  const seen = new Map<string, number>()
  const problems: { line: number; reason: string }[] = []
  for (const { line, cells, problem } of rows) {
    if (problem !== undefined) {
      problems.push({ line, reason: problem })
      continue
    }
    try {
      const date = parseDate(cells[iDate] ?? '')
      const type = parseDayType(cells[iType] ?? '')
      if (seen.has(date)) throw new UserError(`${date} is also on line ${seen.get(date)}`)
      seen.set(date, line)
      days.push({ date, type, name: (iName >= 0 ? cells[iName]?.trim() : '') || null })
    } catch (e) {
      problems.push({ line, reason: (e as Error).message })
    }
  }
  if (problems.length > 0) {
    throw new UserError(`${shown} ${describeBadLines(problems[0]!, problems.length)}; nothing imported`, 'fix the file and import it again')
  }
  if (days.length === 0) throw new UserError(`${shown} has a header but no days`)
  const store = await ctx.store()
  await store.write(async (trx) => {
    for (const d of days) await upsertCalendarDay(trx, d)
    await appendEvent(trx, ctx.event('calendar.import', null, { file: shown, days: days.length }))
  })
  if (ctx.json) printEntity(ctx, { file: shown, imported: days.length, days: days.map(dayJson) }, [])
  confirm(ctx, `${days.length} calendar days imported from ${shown}`)
}
