import { UserError } from '../errors.js'
import { format1, round1, round2 } from '../rounding.js'
import { t } from '../i18n/catalog.js'

/**
 * Request priority (DESIGN.md §3 "Request priority"): evaluators score four criteria 1–5, the
 * request's score comes from the evaluators' means, important/urgent put it in a quadrant, and
 * the rank is quadrant, then score, then age.
 *
 * Rounding: means are rounded to two decimals (round2) and the score is computed from those
 * rounded means and rounded to one decimal (round1), so the arithmetic `explainPriority` prints
 * gives exactly the score shown. priorityScore rounds the means itself, so it gives the same
 * result whether the caller passes criteriaMeans' output or an unrounded SQL AVG.
 */

export const CRITERIA = ['reasonableness', 'feasibility', 'impact', 'costBenefit'] as const
export type Criterion = (typeof CRITERIA)[number]

/** One evaluator's scores, each a whole number 1–5. */
export type CriteriaScores = Record<Criterion, number>
/** The evaluators' mean of each criterion (1–5, two decimals). */
export type CriteriaMeans = Record<Criterion, number>

/** Human names of the criteria, as the policy words them. */
export const CRITERION_LABELS: Record<Criterion, string> = {
  reasonableness: 'reasonableness',
  feasibility: 'feasibility',
  impact: 'impact',
  costBenefit: 'cost-benefit',
}

/** Criterion weights of the score formula (DESIGN.md §3): impact counts double. */
export const CRITERION_WEIGHTS: Record<Criterion, number> = {
  reasonableness: 0.2,
  feasibility: 0.2,
  impact: 0.4,
  costBenefit: 0.2,
}

/** Important when the impact mean is at least this (DESIGN.md §3). */
export const IMPORTANT_IMPACT = 4
/** Urgent when needed within this many business days; the caller computes the limit date. */
export const URGENT_BUSINESS_DAYS = 5

export type Quadrant = 1 | 2 | 3 | 4
export const QUADRANT_LABELS: Record<Quadrant, string> = {
  1: 'important+urgent',
  2: 'important',
  3: 'urgent',
  4: 'neither',
}

/** A criterion score typed by the user: a whole number 1–5, else UserError naming the criterion. */
export function parseCriterion(text: string | number, name: string): number {
  const s = String(text).normalize('NFKC').trim()
  if (!/^[1-5]$/.test(s)) {
    throw new UserError(t('request.criterion', { name, got: s === '' ? t('request.criterion.nothing') : s }), t('request.criterion.hint'))
  }
  return Number(s)
}

/** The mean of each criterion over the evaluations, rounded to two decimals; null when there are none. */
export function criteriaMeans(evaluations: readonly CriteriaScores[]): CriteriaMeans | null {
  if (evaluations.length === 0) return null
  const sum = { reasonableness: 0, feasibility: 0, impact: 0, costBenefit: 0 }
  for (const e of evaluations) for (const c of CRITERIA) sum[c] += e[c]
  const n = evaluations.length
  return {
    reasonableness: round2(sum.reasonableness / n),
    feasibility: round2(sum.feasibility / n),
    impact: round2(sum.impact / n),
    costBenefit: round2(sum.costBenefit / n),
  }
}

/** Score 0–100 = round1(100 × (0.2·R + 0.2·F + 0.4·I + 0.2·C − 1) / 4) over the means rounded to two decimals (DESIGN.md §3). */
export function priorityScore(m: CriteriaMeans): number {
  const r = rounded(m)
  const raw = 0.2 * r.reasonableness + 0.2 * r.feasibility + 0.4 * r.impact + 0.2 * r.costBenefit
  return round1((100 * (raw - 1)) / 4)
}

/** Important = the override when one is set, else impact mean ≥ 4; unevaluated (null mean) is not important. */
export function isImportant(impactMean: number | null, override: boolean | null): boolean {
  if (override !== null) return override
  if (impactMean === null) return false
  return round2(impactMean) >= IMPORTANT_IMPACT
}

/**
 * Urgent = the override when one is set, else the needed-by date is on or before
 * `urgentLimitDate` (the caller's "5 business days from now"; an overdue date is urgent too).
 * Dates are compared as calendar dates ('YYYY-MM-DD', a date-time's date part); no needed-by
 * date is not urgent.
 */
export function isUrgent(neededBy: string | null, urgentLimitDate: string, override: boolean | null): boolean {
  if (override !== null) return override
  if (neededBy === null || neededBy.trim() === '') return false
  return datePart(neededBy) <= datePart(urgentLimitDate)
}

/** 1 important+urgent, 2 important, 3 urgent, 4 neither (DESIGN.md §3). */
export function quadrant(important: boolean, urgent: boolean): Quadrant {
  if (important) return urgent ? 1 : 2
  return urgent ? 3 : 4
}

export interface RankKey {
  quadrant: Quadrant
  /** null = not evaluated yet: after every scored request of its quadrant. */
  score: number | null
  /** ISO 8601 creation time. */
  createdAt: string
  code: string
}

/** Sort comparator for the priority list: quadrant ascending, score descending (null last), older first, then code. */
export function compareRank(a: RankKey, b: RankKey): number {
  if (a.quadrant !== b.quadrant) return a.quadrant - b.quadrant
  if (a.score !== b.score) {
    if (a.score === null) return 1
    if (b.score === null) return -1
    return b.score - a.score
  }
  const ta = Date.parse(a.createdAt)
  const tb = Date.parse(b.createdAt)
  if (!Number.isNaN(ta) && !Number.isNaN(tb)) {
    if (ta !== tb) return ta - tb
  } else if (a.createdAt !== b.createdAt) {
    return a.createdAt < b.createdAt ? -1 : 1
  }
  return compareCodes(a.code, b.code)
}

export interface PriorityInput {
  /** The evaluators' means, null when nobody has evaluated the request. */
  means: CriteriaMeans | null
  /** How many evaluations the means are over (for the explanation). */
  evaluations?: number
  importantOverride: boolean | null
  /** The customer's needed-by date, 'YYYY-MM-DD'. */
  neededBy: string | null
  /** The last date that counts as urgent: 5 business days from now, computed by the caller. */
  urgentLimitDate: string
  urgentOverride: boolean | null
}

export interface Priority {
  score: number | null
  important: boolean
  urgent: boolean
  quadrant: Quadrant
}

/** Score, important, urgent and quadrant of one request, by the functions above. */
export function priorityOf(input: PriorityInput): Priority {
  const score = input.means ? priorityScore(input.means) : null
  const important = isImportant(input.means ? input.means.impact : null, input.importantOverride)
  const urgent = isUrgent(input.neededBy, input.urgentLimitDate, input.urgentOverride)
  return { score, important, urgent, quadrant: quadrant(important, urgent) }
}

/**
 * Lines of text explaining a request's priority: the means, the score arithmetic with the
 * actual numbers, why it is (not) important and (not) urgent, the quadrant and the ranking rule.
 */
export function explainPriority(input: PriorityInput): string[] {
  const p = priorityOf(input)
  const lines: string[] = []
  const m = input.means ? rounded(input.means) : null

  if (m) {
    const list = CRITERIA.map((c) => `${t(`request.criterion.${c}`)} ${num(m[c])}`).join(', ')
    lines.push(input.evaluations === undefined ? t('request.explain.means', { list }) : t('request.explain.meansOver', { n: input.evaluations, list }))
    const terms = CRITERIA.map((c) => `${CRITERION_WEIGHTS[c]}×${num(m[c])}`).join(' + ')
    lines.push(t('request.explain.score', { terms, score: format1(p.score ?? 0) }))
  } else {
    lines.push(t('request.explain.notEvaluated'))
  }

  if (input.importantOverride !== null) {
    lines.push(m ? t('request.explain.importantSetMean', { yn: yesNo(p.important), mean: num(m.impact) }) : t('request.explain.importantSet', { yn: yesNo(p.important) }))
  } else if (m) {
    const cmp = p.important ? '≥' : '<'
    lines.push(t('request.explain.importantMean', { yn: yesNo(p.important), mean: num(m.impact), cmp, limit: IMPORTANT_IMPACT }))
  } else {
    lines.push(t('request.explain.importantNone'))
  }

  const limit = { limit: datePart(input.urgentLimitDate), days: URGENT_BUSINESS_DAYS }
  if (input.urgentOverride !== null) {
    lines.push(t('request.explain.urgentSet', { yn: yesNo(p.urgent) }))
  } else if (input.neededBy === null || input.neededBy.trim() === '') {
    lines.push(t('request.explain.urgentNone'))
  } else if (p.urgent) {
    lines.push(t('request.explain.urgentYes', { date: datePart(input.neededBy), ...limit }))
  } else {
    lines.push(t('request.explain.urgentNo', { date: datePart(input.neededBy), ...limit }))
  }

  lines.push(t('request.explain.quadrant', { q: p.quadrant, label: t(`request.quadrant.${p.quadrant}`) }))
  lines.push(t('request.explain.rank'))
  return lines
}

function rounded(m: CriteriaMeans): CriteriaMeans {
  return {
    reasonableness: round2(m.reasonableness),
    feasibility: round2(m.feasibility),
    impact: round2(m.impact),
    costBenefit: round2(m.costBenefit),
  }
}

/** A mean as the reader writes it: 4, 4.5, 4.33. */
function num(x: number): string {
  return String(round2(x))
}

function yesNo(b: boolean): string {
  return b ? t('request.yes') : t('request.no')
}

function datePart(s: string): string {
  return s.trim().slice(0, 10)
}

/** Codes in natural order, case-insensitive: REQ-9999 before REQ-10000. */
function compareCodes(a: string, b: string): number {
  const pa = a.toUpperCase().match(/\d+|\D+/g) ?? []
  const pb = b.toUpperCase().match(/\d+|\D+/g) ?? []
  for (let i = 0; i < Math.min(pa.length, pb.length); i++) {
    const x = pa[i] as string
    const y = pb[i] as string
    if (x === y) continue
    const bothDigits = /^\d/.test(x) && /^\d/.test(y)
    if (bothDigits) {
      const d = Number(x) - Number(y)
      if (d !== 0) return d
      return x.length - y.length
    }
    return x < y ? -1 : 1
  }
  return pa.length - pb.length
}
