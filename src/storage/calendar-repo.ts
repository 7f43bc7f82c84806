import type { Kysely } from 'kysely'
import { scheduleOf, type WorkSchedule } from '../domain/calendar/business-time.js'
import type { Policy } from '../domain/policy/config.js'
import { loadPolicy } from './config-repo.js'
import type { CalendarDayRow, DB } from './schema.js'

export async function upsertCalendarDay(db: Kysely<DB>, day: CalendarDayRow): Promise<CalendarDayRow | undefined> {
  const before = await db.selectFrom('calendar_days').selectAll().where('date', '=', day.date).executeTakeFirst()
  await db
    .insertInto('calendar_days')
    .values(day)
    .onConflict((oc) => oc.column('date').doUpdateSet({ type: day.type, name: day.name }))
    .execute()
  return before
}

export async function listCalendarDays(db: Kysely<DB>, year?: number): Promise<CalendarDayRow[]> {
  let q = db.selectFrom('calendar_days').selectAll()
  if (year !== undefined) q = q.where('date', '>=', `${year}-01-01`).where('date', '<=', `${year}-12-31`)
  return q.orderBy('date').execute()
}

/** The business calendar: work hours and days from config, holidays and make-up days from the calendar. */
export async function loadSchedule(db: Kysely<DB>, policy?: Policy): Promise<WorkSchedule> {
  const p = policy ?? (await loadPolicy(db))
  const days = await listCalendarDays(db)
  return scheduleOf(p.workHours, p.workDays, days)
}
