import type { Kysely } from 'kysely'
import { scheduleOf, type WorkSchedule } from '../domain/calendar/business-time.js'
import type { CalendarDay } from '../domain/calendar/calendar-days.js'
import type { PeriodBounds } from '../domain/calendar/period.js'
import type { Policy } from '../domain/policy/config.js'
import { loadPolicy } from './config-repo.js'
import type { DB } from './schema.js'

/** Adds a holiday or make-up working day, or changes the one on that date; returns what the date was before. */
export async function upsertCalendarDay(db: Kysely<DB>, day: CalendarDay): Promise<CalendarDay | undefined> {
  const before = await db.selectFrom('calendar_days').select(['date', 'type', 'name']).where('date', '=', day.date).executeTakeFirst()
  await db
    .insertInto('calendar_days')
    .values({ date: day.date, type: day.type, name: day.name })
    .onConflict((oc) => oc.column('date').doUpdateSet({ type: day.type, name: day.name }))
    .execute()
  return before
}

/** The holidays and make-up working days in date order: all of them, or those of a period. */
export async function listCalendarDays(db: Kysely<DB>, period?: PeriodBounds): Promise<CalendarDay[]> {
  let q = db.selectFrom('calendar_days').select(['date', 'type', 'name'])
  if (period) q = q.where('date', '>=', period.startDate).where('date', '<=', period.endDate)
  return q.orderBy('date').execute()
}

/** The business calendar: work hours and days from config, holidays and make-up days from the calendar. */
export async function loadSchedule(db: Kysely<DB>, policy?: Policy): Promise<WorkSchedule> {
  const p = policy ?? (await loadPolicy(db))
  const days = await listCalendarDays(db)
  return scheduleOf(p.workHours, p.workDays, days)
}
