import type { Command } from 'commander'
import type { AppContext } from '../../cli/context.js'
import { readCsvFile } from '../../cli/files.js'
import { confirm, printEntity, printRows, warn } from '../../cli/output.js'
import { describeBadLines } from '../../domain/bad-lines.js'
import { isWorkingDay, scheduleOf } from '../../domain/calendar/business-time.js'
import { parseDate, isoWeekday } from '../../domain/calendar/dates.js'
import { UserError } from '../../domain/errors.js'
import { excerpt, quote } from '../../domain/excerpt.js'
import { yearOf } from '../../domain/calendar/period.js'
import { listCalendarDays, upsertCalendarDay } from '../../storage/calendar-repo.js'
import { appendEvent } from '../../storage/events-repo.js'
import { example } from '../../cli/help.js'
import { loadPolicy } from '../../storage/config-repo.js'

type DayType = 'holiday' | 'workday'

const TYPE_ALIASES: Record<string, DayType> = {
  holiday: 'holiday',
  off: 'holiday',
  假日: 'holiday',
  节假日: 'holiday',
  休息日: 'holiday',
  放假: 'holiday',
  workday: 'workday',
  'make-up': 'workday',
  makeup: 'workday',
  调休: 'workday',
  上班: 'workday',
  工作日: 'workday',
}

export function parseDayType(text: string): DayType {
  const t = TYPE_ALIASES[text.trim().toLowerCase()]
  if (!t) throw new UserError(`invalid day type ${quote(text)}`, 'use holiday or workday (a make-up working day, 调休)')
  return t
}

/** The business calendar: public holidays and make-up working days (调休). */
export function registerCalendar(program: Command, ctx: AppContext): void {
  const calendar = program.command('calendar').description('Business calendar: holidays and make-up working days')

  example(
    calendar
      .command('add')
      .description('Mark a date as a holiday or as a make-up working day')
      .argument('<date>', 'YYYY-MM-DD')
      .option('--holiday', 'a day off')
      .option('--workday', 'a working day, even on a weekend (调休)')
      .option('--name <text>', 'e.g. 国庆节')
      .action((date: string, opts: CalendarAddOptions) => calendarAddRun(ctx, date, opts)),
    'icm calendar add 2026-10-01 --holiday --name 国庆节',
    'icm calendar add 2026-10-10 --workday --name 国庆调休',
  )
  example(
    calendar
      .command('list')
      .description('List holidays and make-up working days')
      .option('--year <yyyy>', 'only this year')
      .action((opts: { year?: string; csv?: boolean }) => calendarListRun(ctx, opts)),
    'icm calendar list --year 2026',
  )
  example(
    calendar
      .command('import')
      .description('Import days from CSV (date,type,name), all or nothing')
      .argument('<file>', 'CSV with a header line date,type,name (- reads stdin)')
      .action((file: string) => calendarImportRun(ctx, file)),
    'icm calendar import holidays-2026.csv',
  )
}

interface CalendarAddOptions {
  holiday?: boolean
  workday?: boolean
  name?: string
}

function dayJson(d: { date: string; type: DayType; name: string | null }) {
  return { date: d.date, type: d.type, name: d.name, weekday: WEEKDAYS[isoWeekday(d.date) - 1] }
}

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun']

export async function calendarAddRun(ctx: AppContext, dateText: string, opts: CalendarAddOptions): Promise<void> {
  if (opts.holiday === opts.workday) throw new UserError('give exactly one of --holiday and --workday')
  const date = parseDate(dateText)
  const type: DayType = opts.holiday ? 'holiday' : 'workday'
  const name = opts.name?.trim() || null
  const store = await ctx.store()
  const policy = await loadPolicy(store.db)
  const plain = scheduleOf(policy.workHours, policy.workDays, [])
  if (type === 'holiday' && !isWorkingDay(plain, date)) warn(ctx, `${date} is a ${WEEKDAYS[isoWeekday(date) - 1]}, already a day off`)
  if (type === 'workday' && isWorkingDay(plain, date)) warn(ctx, `${date} is a ${WEEKDAYS[isoWeekday(date) - 1]}, already a working day`)
  const before = await store.write(async (trx) => {
    const prev = await upsertCalendarDay(trx, { date, type, name })
    await appendEvent(trx, ctx.event('calendar.add', date, { type, name, before: prev ? { type: prev.type, name: prev.name } : null }))
    return prev
  })
  if (ctx.json) printEntity(ctx, dayJson({ date, type, name }), [])
  confirm(ctx, `${date} is ${type === 'holiday' ? 'a holiday' : 'a make-up working day'}${name ? ` (${name})` : ''}${before ? ` (was ${before.type})` : ''}`)
}

export async function calendarListRun(ctx: AppContext, opts: { year?: string; csv?: boolean }): Promise<void> {
  const year = opts.year === undefined ? undefined : yearOf(opts.year)
  const store = await ctx.store()
  const rows = (await listCalendarDays(store.db, year)).map(dayJson)
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

export async function calendarImportRun(ctx: AppContext, file: string): Promise<void> {
  const { shown, header, rows } = readCsvFile(ctx, file)
  const cols = header.map((h) => h.trim().toLowerCase())
  const iDate = cols.indexOf('date')
  const iType = cols.indexOf('type')
  const iName = cols.indexOf('name')
  if (iDate < 0 || iType < 0) throw new UserError(`${shown}: the header must name date and type (it has: ${excerpt(header.join(','))})`, 'e.g. date,type,name')
  const days: { date: string; type: DayType; name: string | null }[] = []
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
