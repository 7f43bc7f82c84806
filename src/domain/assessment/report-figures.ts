import { round1 } from '../rounding.js'
import type { UnitDetails } from './assessment.js'
import { COMPONENT_KEYS, type ComponentKey } from './kpi.js'
import type { ScoreRow } from './score-table.js'

/**
 * The figures of the assessment report (`icm assess report`) that are not in the score table
 * itself: the company median of each component, each unit's trend over earlier tables, and the
 * request timeliness of the whole period. Pure, from the stored rows and their details.
 */

/** The median of the values present (null when none is), to one decimal. */
export function median(values: readonly (number | null)[]): number | null {
  const xs = values.filter((v): v is number => v !== null).sort((a, b) => a - b)
  if (xs.length === 0) return null
  const mid = xs.length >> 1
  return round1(xs.length % 2 === 1 ? xs[mid]! : (xs[mid - 1]! + xs[mid]!) / 2)
}

export type ComponentMedians = Record<ComponentKey | 'total', number | null>

/** The company median of each component and of the total, over the units that have it. */
export function componentMedians(rows: readonly ScoreRow[]): ComponentMedians {
  const out = { total: median(rows.map((r) => r.total)) } as ComponentMedians
  for (const k of COMPONENT_KEYS) out[k] = median(rows.map((r) => r.components[k]))
  return out
}

/** A stored table as the trend needs it: its period and each unit's total and grade. */
export interface TrendTable {
  period: string
  state: 'draft' | 'final'
  rows: readonly Pick<ScoreRow, 'unitId' | 'total' | 'grade'>[]
}

export interface TrendPoint {
  period: string
  state: 'draft' | 'final'
  /** null: the unit was in the table without enough data, or not in it at all (inTable false) */
  total: number | null
  grade: string | null
  inTable: boolean
}

/**
 * The last `count` tables up to and including `period` of the same kind (halves with halves,
 * quarters with quarters), oldest first. Period codes sort in time order within a kind.
 */
export function trendTables<T extends { period: string }>(tables: readonly T[], period: string, count = 4): T[] {
  const kind = (p: string) => (p.includes('-Q') ? 'Q' : p.includes('-H') ? 'H' : 'Y')
  return tables
    .filter((t) => kind(t.period) === kind(period) && t.period <= period)
    .sort((a, b) => (a.period < b.period ? -1 : a.period > b.period ? 1 : 0))
    .slice(-count)
}

/** One unit's points over the trend tables, oldest first. */
export function unitTrend(tables: readonly TrendTable[], unitId: number): TrendPoint[] {
  return tables.map((t) => {
    const r = t.rows.find((x) => x.unitId === unitId)
    return { period: t.period, state: t.state, total: r?.total ?? null, grade: r?.grade ?? null, inTable: r !== undefined }
  })
}

export interface LateRequestLine {
  unit: string
  code: string
  due: string
  respondedAt: string | null
  businessHoursLate: number
}

export interface RequestFigures {
  /** requests received in the period (counted for their unit, as H counts them) */
  received: number
  /** requests whose response was due in the period: on time, late, left out */
  onTime: number
  late: number
  excluded: number
  /** 100 × on time / (on time + late), one decimal; null when none was counted */
  onTimePercent: number | null
  /** business hours late: the median and the largest, one decimal */
  medianHoursLate: number | null
  maxHoursLate: number | null
  /** the latest requests first (at most `top`) */
  latest: LateRequestLine[]
}

/** The period's request timeliness over every unit's details (what T counted). */
export function requestFigures(units: readonly { unit: string; details: UnitDetails }[], top = 10): RequestFigures {
  let received = 0
  let onTime = 0
  let excluded = 0
  const late: LateRequestLine[] = []
  for (const { unit, details } of units) {
    received += details.H.requestsReceived
    onTime += details.T.onTime
    excluded += details.T.excluded
    for (const l of details.T.late) late.push({ unit, ...l })
  }
  const counted = onTime + late.length
  late.sort((a, b) => b.businessHoursLate - a.businessHoursLate || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0))
  return {
    received,
    onTime,
    late: late.length,
    excluded,
    onTimePercent: counted === 0 ? null : round1((100 * onTime) / counted),
    medianHoursLate: median(late.map((l) => l.businessHoursLate)),
    maxHoursLate: late.length === 0 ? null : round1(late[0]!.businessHoursLate),
    latest: late.slice(0, top),
  }
}
