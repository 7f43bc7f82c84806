import type { BusinessClock } from '../calendar/business-time.js'
import { isLate } from '../calendar/lateness.js'
import { format1, round1 } from '../rounding.js'

/**
 * KPI formulas of the half-yearly assessment and the relationship index (DESIGN.md §3).
 * Pure: big data is aggregated by the caller (in SQL) into counts and sums; these functions
 * turn the aggregates into scores.
 *
 * Rounding (so a reader can redo every number by hand from the score table):
 * - every KPI component (S, T, C, H, a project's score, the relationship's parts) is rounded
 *   to one decimal with round1 (half away from zero on the decimal value);
 * - the total is computed from the rounded components and rounded to one decimal;
 * - the grade comes from the rounded total, and ranks compare rounded totals.
 */

export const COMPONENT_KEYS = ['S', 'T', 'C', 'H', 'self', 'superior'] as const
export type ComponentKey = (typeof COMPONENT_KEYS)[number]
/** A unit's component scores 0–100; null = n/a (no data). */
export type Components = Record<ComponentKey, number | null>
export type Weights = Record<ComponentKey, number>

export const GRADES = ['A', 'B', 'C', 'D', 'E'] as const
export type Grade = (typeof GRADES)[number]
export const BAND_GRADES = ['A', 'B', 'C', 'D'] as const
/** Lowest total of each grade; below D is E. */
export type GradeBands = Record<(typeof BAND_GRADES)[number], number>
export type BonusTable = Record<Grade, number>

export const DEFAULT_WEIGHTS: Weights = { S: 30, T: 20, C: 15, H: 15, self: 5, superior: 15 }
export const DEFAULT_GRADE_BANDS: GradeBands = { A: 90, B: 80, C: 70, D: 60 }
export const DEFAULT_BONUS_TABLE: BonusTable = { A: 1.2, B: 1.1, C: 1.0, D: 0.9, E: 0.8 }

/** A 1–5 mean on the 0–100 scale: round1((x − 1) / 4 · 100). */
export function scaleToPercent(mean: number): number {
  return round1(((mean - 1) * 100) / 4)
}

// ── S satisfaction ────────────────────────────────────────────────────────────────────────

export interface ResponseScores {
  overall: number | null
  accuracy: number | null
  timeliness: number | null
  completeness: number | null
  professionalism: number | null
}

/** One response's value 1–5: `overall`, else the mean of the dimensions present; null when none (DESIGN.md §3 S). */
export function responseValue(r: ResponseScores): number | null {
  if (r.overall !== null) return r.overall
  const dims = [r.accuracy, r.timeliness, r.completeness, r.professionalism].filter((x): x is number => x !== null)
  if (dims.length === 0) return null
  return dims.reduce((a, b) => a + b, 0) / dims.length
}

/** S = round1((mean − 1) / 4 · 100) with mean = sumOfValues / count; null below minResponses (DESIGN.md §3 S). */
export function satisfactionKpi(count: number, sumOfValues: number, minResponses: number): number | null {
  if (count <= 0 || count < minResponses) return null
  return round1((100 * (sumOfValues - count)) / (4 * count))
}

// ── T response timeliness ─────────────────────────────────────────────────────────────────

export type Timeliness = 'on_time' | 'late' | 'excluded'

export interface RequestResponseTimes {
  responseDue: Date
  respondedAt: Date | null
  cancelledAt: Date | null
}

/**
 * How one request counts in T (DESIGN.md §3 T), as known at `asOf` (a response or cancellation
 * recorded after asOf has not happened yet), lateness measured in business time
 * (domain/calendar/lateness.ts: late = at least one business minute past due):
 * responded not late → on_time; responded late → late (a response counts even if the request
 * was cancelled later); unanswered and cancelled before it was late → excluded; unanswered and
 * late at asOf → late; unanswered and not yet late at asOf → excluded.
 */
export function classifyResponseTimeliness(r: RequestResponseTimes, asOf: Date, clock: BusinessClock): Timeliness {
  const now = asOf.getTime()
  if (r.respondedAt !== null && r.respondedAt.getTime() <= now) {
    return isLate(clock, r.responseDue, r.respondedAt) ? 'late' : 'on_time'
  }
  if (r.cancelledAt !== null && r.cancelledAt.getTime() <= now && !isLate(clock, r.responseDue, r.cancelledAt)) return 'excluded'
  return isLate(clock, r.responseDue, asOf) ? 'late' : 'excluded'
}

/** T = round1(100 · onTime / (onTime + late)); null when no request counts (DESIGN.md §3 T). */
export function timelinessKpi(onTime: number, late: number): number | null {
  const total = onTime + late
  if (total <= 0) return null
  return round1((100 * onTime) / total)
}

// ── C collaboration ───────────────────────────────────────────────────────────────────────

export interface ProjectOutcome {
  /** Due date 'YYYY-MM-DD'. */
  due: string
  /** Completion date 'YYYY-MM-DD', null when not completed. */
  completedOn: string | null
  /** Quality 1–5, null when not rated. */
  quality: number | null
  cancelled: boolean
}

/**
 * One project's score: round1(base × quality / 5), base = completed on or before due 100,
 * completed late 60, not completed 0; without a quality the base alone; cancelled → null
 * (left out) (DESIGN.md §3 C). Dates compare as calendar dates. With `asOf` ('YYYY-MM-DD'), a
 * completion after asOf is not known yet; a project not completed by its due day counts 0 from
 * that day on (a table run at 17:00 on June 30 counts the project due that day and still open as
 * 0, and so does any table run after the period), and one due after asOf is left out (null): it
 * can still be completed on time (such a table is provisional, see score-table.ts).
 */
export function projectScore(p: ProjectOutcome, asOf?: string): number | null {
  if (p.cancelled) return null
  const due = day(p.due)
  const completed = p.completedOn !== null && (asOf === undefined || day(p.completedOn) <= day(asOf)) ? day(p.completedOn) : null
  if (completed === null && asOf !== undefined && day(asOf) < due) return null
  const base = completed === null ? 0 : completed <= due ? 100 : 60
  return round1(p.quality === null ? base : (base * p.quality) / 5)
}

/** C = round1(mean of the non-null project scores); null when none (DESIGN.md §3 C). */
export function collaborationKpi(scores: readonly (number | null)[]): number | null {
  const present = scores.filter((s): s is number => s !== null).map(round1)
  if (present.length === 0) return null
  return round1(present.reduce((a, b) => a + b, 0) / present.length)
}

// ── H complaint handling ──────────────────────────────────────────────────────────────────

export interface ComplaintOutcome {
  /** Verified resolved at or before its plan deadline. */
  resolvedByDeadline: boolean
  /** The verification's satisfaction 1–5; null when not verified. */
  verifiedSatisfaction: number | null
}

export interface ComplaintHandlingInput {
  /** The complaints against the unit received in the period. */
  complaints: readonly ComplaintOutcome[]
  /** Requests the unit received in the period. */
  requestsReceived: number
  /** assess.complaint_free: complaints allowed per 100 requests, and the minimum allowance. */
  complaintFree: number
}

export interface ComplaintHandling {
  /** H, 0–100, one decimal. */
  value: number
  /** Number of complaints. */
  n: number
  /** Share 0–1 of complaints verified resolved by their deadline (1 when there are none). */
  r: number
  /** Mean of (satisfaction − 1) / 4 over the verified complaints, 0–1 (0 when none is verified; 1 when there are no complaints). */
  v: number
  /** Complaints allowed without penalty: max(complaintFree, floor(complaintFree × requestsReceived / 100)). */
  allowance: number
  /** 5 points per complaint beyond the allowance. */
  penalty: number
}

/** Points deducted per complaint beyond the allowance (DESIGN.md §3 H). */
export const COMPLAINT_PENALTY_POINTS = 5

/**
 * H = round1(max(0, 100·(0.6·r + 0.4·v) − 5·max(0, n − allowance))); 100 when no complaint
 * (DESIGN.md §3 H). The allowance is complaintFree per 100 requests received, floored to whole
 * complaints (a complaint is whole, so the penalty moves in whole 5-point steps), and never
 * less than complaintFree: 2 per 100 with 150 requests → floor(3) = 3; with 149 → floor(2.98) = 2
 * (the exact value is floored, never a rounded one).
 */
export function complaintHandlingKpi(input: ComplaintHandlingInput): ComplaintHandling {
  const n = input.complaints.length
  const allowance = complaintAllowance(input.complaintFree, input.requestsReceived)
  if (n === 0) return { value: 100, n: 0, r: 1, v: 1, allowance, penalty: 0 }
  const resolved = input.complaints.filter((c) => c.resolvedByDeadline).length
  const r = resolved / n
  const sats = input.complaints.map((c) => c.verifiedSatisfaction).filter((s): s is number => s !== null)
  const v = sats.length === 0 ? 0 : sats.reduce((a, s) => a + (s - 1) / 4, 0) / sats.length
  const penalty = COMPLAINT_PENALTY_POINTS * Math.max(0, n - allowance)
  const value = round1(Math.max(0, 100 * (0.6 * r + 0.4 * v) - penalty))
  return { value, n, r, v, allowance, penalty }
}

/** complaintFree × requestsReceived / 100 before flooring: the exact allowance the explain line shows. */
export function exactAllowance(complaintFree: number, requestsReceived: number): number {
  return (complaintFree * requestsReceived) / 100
}

/**
 * max(complaintFree, floor(complaintFree × requestsReceived / 100)), floored from the exact value
 * (2 × 149 / 100 = 2.98 → 2). A binary-float product a hair under a whole number (0.1 × 3000 / 100
 * = 2.9999999999999996) is read as that whole number: 1e-9 is far below any real fraction here.
 */
export function complaintAllowance(complaintFree: number, requestsReceived: number): number {
  return Math.max(complaintFree, Math.floor(exactAllowance(complaintFree, requestsReceived) + 1e-9))
}

// ── Total, grade, bonus, rank, annual ─────────────────────────────────────────────────────

export interface TotalScore {
  /** One decimal; null when insufficient. */
  total: number | null
  /** Sum of the weights of the components that are not n/a. */
  usedWeight: number
  /** No S, T, C, self or superior score (H alone says only that nobody complained). */
  insufficient: boolean
}

/**
 * Total = round1(Σ weight·round1(component) / Σ weight) over the components that are not null
 * (DESIGN.md §3 Total). Insufficient (total null) when S, T, C, self and superior are all null,
 * or when the present components' weights add up to 0.
 */
export function totalScore(components: Components, weights: Weights): TotalScore {
  let sum = 0
  let usedWeight = 0
  for (const k of COMPONENT_KEYS) {
    const c = components[k]
    if (c === null) continue
    sum += weights[k] * round1(c)
    usedWeight += weights[k]
  }
  const hasData = (['S', 'T', 'C', 'self', 'superior'] as const).some((k) => components[k] !== null)
  if (!hasData || usedWeight <= 0) return { total: null, usedWeight, insufficient: true }
  return { total: round1(sum / usedWeight), usedWeight, insufficient: false }
}

/** The total's arithmetic with the actual numbers: "(30×75 + 20×75 + …) / 100 = 79.0", or "insufficient data". */
export function totalFormula(components: Components, weights: Weights): string {
  const t = totalScore(components, weights)
  if (t.total === null) return 'insufficient data'
  const terms = COMPONENT_KEYS.filter((k) => components[k] !== null).map((k) => `${weights[k]}×${round1(components[k] as number)}`)
  return `(${terms.join(' + ')}) / ${t.usedWeight} = ${format1(t.total)}`
}

/** Grade of a total: A ≥ bands.A, B ≥ bands.B, C ≥ bands.C, D ≥ bands.D, else E; null total → null (DESIGN.md §3 Grade). */
export function gradeOf(total: number | null, bands: GradeBands): Grade | null {
  if (total === null) return null
  const t = round1(total)
  for (const g of BAND_GRADES) if (t >= bands[g]) return g
  return 'E'
}

/** Bonus coefficient of a grade from the table; null grade → null (DESIGN.md §3 bonus coefficient). */
export function bonusOf(grade: Grade | null, table: BonusTable): number | null {
  return grade === null ? null : table[grade]
}

/**
 * Competition ranking by total, highest first, on totals rounded to one decimal: 1, 2, 2, 4.
 * A null total gets no rank (null). Keys are unit codes (unique).
 */
export function rankWithTies(rows: readonly { key: string; total: number | null }[]): Map<string, number | null> {
  const ranks = new Map<string, number | null>()
  const scored = rows.filter((r) => r.total !== null).map((r) => ({ key: r.key, total: round1(r.total as number) }))
  scored.sort((a, b) => b.total - a.total)
  scored.forEach((row, i) => {
    const prev = scored[i - 1]
    ranks.set(row.key, prev !== undefined && prev.total === row.total ? (ranks.get(prev.key) as number) : i + 1)
  })
  for (const r of rows) if (r.total === null) ranks.set(r.key, null)
  return ranks
}

/** Annual = round1(mean of the final half-year totals, each rounded to one decimal); null when none (DESIGN.md §3 Annual). */
export function annualTotal(halfTotals: readonly number[]): number | null {
  if (halfTotals.length === 0) return null
  return round1(halfTotals.map(round1).reduce((a, b) => a + b, 0) / halfTotals.length)
}

// ── Relationship index ────────────────────────────────────────────────────────────────────

export interface RelationshipInput {
  /** Mean satisfaction 1–5 of the pair in the period (surveys, visits); null when none. */
  satisfaction: number | null
  /** Mean loyalty 1–5; null when none. */
  loyalty: number | null
  /** Requests + shared projects + visits of the pair in the period. */
  frequencyCount: number
  /** relation.frequent: the count that scores 100. */
  frequent: number
}

export interface RelationshipIndex {
  /** 0–100, one decimal; null when neither satisfaction nor loyalty is known. */
  value: number | null
  /** Satisfaction on 0–100, one decimal. */
  satisfaction: number | null
  /** Loyalty on 0–100, one decimal. */
  loyalty: number | null
  /** Frequency score 0–100, one decimal. */
  frequency: number
  /** Sum of the weights used (1 when all three parts are known). */
  usedWeight: number
}

export const RELATIONSHIP_WEIGHTS = { satisfaction: 0.5, loyalty: 0.3, frequency: 0.2 } as const

/**
 * Relationship index = round1(0.5·S + 0.3·L + 0.2·F) (DESIGN.md §3), with S and L the 1–5 means
 * mapped to 0–100 by (x − 1)/4·100 and F = min(100, 100·count/frequent), each rounded to one
 * decimal first. A missing satisfaction or loyalty is left out and the weights renormalised over
 * what exists (like the total); with neither, the index is null: frequency alone says only how
 * often they deal with each other, not how well.
 */
export function relationshipIndex(input: RelationshipInput): RelationshipIndex {
  if (!(input.frequent > 0)) throw new RangeError(`relation.frequent must be positive, got ${input.frequent}`)
  for (const k of ['satisfaction', 'loyalty'] as const) {
    const x = input[k]
    if (x !== null && !(x >= 1 && x <= 5)) throw new RangeError(`${k} must be a 1–5 mean, got ${x}`)
  }
  const satisfaction = input.satisfaction === null ? null : scaleToPercent(input.satisfaction)
  const loyalty = input.loyalty === null ? null : scaleToPercent(input.loyalty)
  const frequency = round1(Math.min(100, (100 * Math.max(0, input.frequencyCount)) / input.frequent))
  const W = RELATIONSHIP_WEIGHTS
  let sum = W.frequency * frequency
  let usedWeight: number = W.frequency
  if (satisfaction !== null) {
    sum += W.satisfaction * satisfaction
    usedWeight += W.satisfaction
  }
  if (loyalty !== null) {
    sum += W.loyalty * loyalty
    usedWeight += W.loyalty
  }
  usedWeight = round1(usedWeight)
  const value = satisfaction === null && loyalty === null ? null : round1(sum / usedWeight)
  return { value, satisfaction, loyalty, frequency, usedWeight }
}

function day(s: string): string {
  return s.trim().slice(0, 10)
}
