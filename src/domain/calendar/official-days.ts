import type { CalendarDay } from './calendar-days.js'

/**
 * The State Council's published holidays and make-up working days (调休) of a year, as a data
 * package ships them (chinese-days: `{ holidays: { '2026-02-15': "Spring Festival,春节,4" },
 * workdays: { '2026-02-14': "Spring Festival,春节,4" } }`), and what loading them into the
 * business calendar would change. Pure: the command reads the package.
 */
export interface OfficialYear {
  holidays: Record<string, string>
  workdays: Record<string, string>
}

/** The official days of a year in date order; a make-up working day is named after its holiday ('春节调休'). */
export function officialDays(data: OfficialYear): CalendarDay[] {
  const days: CalendarDay[] = [
    ...Object.entries(data.holidays).map(([date, text]) => ({ date, type: 'holiday' as const, name: chineseName(text) })),
    ...Object.entries(data.workdays).map(([date, text]) => ({ date, type: 'workday' as const, name: workdayName(chineseName(text)) })),
  ]
  return days.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0))
}

/** "Spring Festival,春节,4" → '春节' (the English name when there is no Chinese one). */
function chineseName(text: string): string | null {
  const parts = text.split(',').map((p) => p.trim())
  return parts[1] || parts[0] || null
}

function workdayName(holiday: string | null): string {
  return holiday ? `${holiday}调休` : '调休'
}

export interface DayDifference {
  date: string
  /** what the calendar holds now */
  here: CalendarDay
  /** what the official list says */
  official: CalendarDay
}

export interface LoadPlan {
  /** official days the calendar does not have yet */
  add: CalendarDay[]
  /** official days the calendar already holds with the same type and name */
  same: CalendarDay[]
  /** dates the calendar holds with another type or name */
  differs: DayDifference[]
  /** days of the calendar in that year that the official list does not name (always kept) */
  notOfficial: CalendarDay[]
  /** what to write: the added days, and the differing ones when replacing */
  write: CalendarDay[]
}

/**
 * What loading `official` into a calendar holding `existing` (days of the same year) does: new
 * dates are added; a date already there is kept as it is unless `replace`.
 */
export function planLoad(official: readonly CalendarDay[], existing: readonly CalendarDay[], replace: boolean): LoadPlan {
  const here = new Map(existing.map((d) => [d.date, d]))
  const officialDates = new Set(official.map((d) => d.date))
  const plan: LoadPlan = { add: [], same: [], differs: [], notOfficial: [], write: [] }
  for (const day of official) {
    const now = here.get(day.date)
    if (!now) plan.add.push(day)
    else if (now.type === day.type && (now.name ?? null) === day.name) plan.same.push(day)
    else plan.differs.push({ date: day.date, here: now, official: day })
  }
  plan.notOfficial = existing.filter((d) => !officialDates.has(d.date))
  plan.write = [...plan.add, ...(replace ? plan.differs.map((d) => d.official) : [])].sort((a, b) => (a.date < b.date ? -1 : 1))
  return plan
}
