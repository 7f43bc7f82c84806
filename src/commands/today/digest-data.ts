import type { AppContext } from '../../cli/context.js'
import { requireUnit } from '../../cli/lookups.js'
import { isWorkingDay } from '../../domain/calendar/business-time.js'
import { addDays, localDate, parseInstant } from '../../domain/calendar/dates.js'
import { parsePeriod } from '../../domain/calendar/period.js'
import { countItems, groupByUnit, type UnitDigest } from '../../domain/today/digest.js'
import { assessmentItems, assessmentPeriodOf, complaintItems, datedItems, requestItems, visitItems, type TodayItem } from '../../domain/today/items.js'
import { loadSchedule } from '../../storage/calendar-repo.js'
import { loadPolicy } from '../../storage/config-repo.js'
import {
  assessmentInputsByCode, assessmentState, todayActions, todayComplaints, todayFindings, todayProjects, todayRequests, todayUnits, todayVisitPairs,
} from '../../storage/today-repo.js'
import { parseWhole } from '../../cli/options.js'

/** The digest `icm today` prints and `icm notify` posts: what needs attention at `asOf`, per department. */
export interface Digest {
  asOf: Date
  days: number
  /** the --unit asked for (its code), if any */
  unit: string | null
  groups: UnitDigest[]
  count: number
  /** whether as-of falls on a working day of the business calendar (holidays off, 调休 days on) */
  workingDay: boolean
}

export interface DigestOptions {
  unit?: string
  asOf?: string
  days?: string
}

export const DEFAULT_DAYS = 5

/** Reads what is open and lets the rules of domain/today pick what is due or late at --as-of. */
export async function loadDigest(ctx: AppContext, opts: DigestOptions): Promise<Digest> {
  const asOf = opts.asOf === undefined ? ctx.now() : parseInstant(opts.asOf, '--as-of')
  const days = parseWhole(opts.days, '--days', 0, 366) ?? DEFAULT_DAYS
  const store = await ctx.store()
  const db = store.db
  const only = opts.unit === undefined ? undefined : await requireUnit(db, opts.unit)
  const policy = await loadPolicy(db)
  const schedule = await loadSchedule(db, policy)
  const units = await todayUnits(db)
  const today = localDate(asOf)
  const horizon = addDays(today, days)
  const items: TodayItem[] = [
    ...requestItems(await todayRequests(db, asOf), asOf, schedule, days),
    ...complaintItems(await todayComplaints(db, asOf), asOf, schedule, policy.complaintPlanDays, policy.complaintInvestigateHours),
    ...datedItems('actions', await todayActions(db, horizon), today, days, (c) => `icm action done ${c} --note "…"`),
    ...datedItems('findings', await todayFindings(db, addDays(today, -1)), today, -1, (c) => `icm audit close-finding ${c} --note "…"`),
    ...visitItems(await todayVisitPairs(db, asOf), today, policy.visitIntervalDays),
    ...datedItems('projects', await todayProjects(db, horizon), today, days, (c) => `icm project progress ${c} --percent N`),
  ]
  const states = new Map<string, 'final' | 'started' | 'none'>()
  for (const p of [parsePeriod(today.slice(0, 4) + '-H1'), parsePeriod(today.slice(0, 4) + '-H2'), parsePeriod(`${Number(today.slice(0, 4)) - 1}-H2`)]) {
    states.set(p.code, await assessmentState(db, p.code))
  }
  const period = parsePeriod(assessmentPeriodOf(today, (p) => states.get(p) ?? 'none'))
  const inputs = await assessmentInputsByCode(db, period.code)
  const assessed = [...units.values()].filter((u) => u.active && u.kind === 'department').sort((a, b) => (a.code < b.code ? -1 : 1))
  items.push(
    ...assessmentItems(
      { period: period.code, endDate: period.endDate, final: states.get(period.code) === 'final', units: assessed.map((u) => ({ code: u.code, self: inputs.get(u.code)?.self ?? null, superior: inputs.get(u.code)?.superior ?? null })) },
      today,
      days,
    ),
  )
  const groups = groupByUnit(items, units, only && units.get(only.code))
  return { asOf, days, unit: only?.code ?? null, groups, count: countItems(groups), workingDay: isWorkingDay(schedule, today) }
}
