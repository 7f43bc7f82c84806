import { weekdayName, type CalendarDay } from '../../domain/calendar/calendar-days.js'

/** The JSON of a calendar day, with its weekday. */
export function dayJson(d: CalendarDay) {
  return { date: d.date, type: d.type, name: d.name, weekday: weekdayName(d.date) }
}
