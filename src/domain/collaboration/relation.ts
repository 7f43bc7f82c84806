import { addDays } from '../calendar/dates.js'
import { relationshipIndex } from '../assessment/kpi.js'
import { round2 } from '../rounding.js'

/**
 * The relationship assessment of a supplier→customer pair for a period (policy chapter 6,
 * DESIGN.md §3 "Relationship index"): satisfaction and loyalty from the survey responses in which
 * the customer rated the supplier, and how often the two dealt with each other.
 */

export interface RelationInput {
  /** survey responses in which the customer rated the supplier, with a value */
  responses: number
  /** Σ of those responses' values (kpi.responseValue) */
  valueSum: number
  loyaltyCount: number
  loyaltySum: number
  /** requests from the customer to the supplier whose response was due in the period */
  requests: number
  /** follow-up visits of the supplier to the customer in the period */
  visits: number
  /** those visits with a satisfaction (1–5) given, and the Σ of it: they count with the survey ratings */
  visitRatings: number
  visitRatingSum: number
  /** collaboration projects the two share, due in the period */
  projects: number
}

export interface RelationResult {
  /** mean value 1–5 over the survey responses and the rated visits (two decimals); null without either */
  satisfactionMean: number | null
  /** satisfaction 0–100; null without responses */
  satisfaction: number | null
  /** mean loyalty 1–5 (two decimals); null without loyalty answers */
  loyaltyMean: number | null
  loyalty: number | null
  /** requests + visits + projects */
  frequencyCount: number
  /** 0–100: 100 at relation.frequent contacts or more */
  frequency: number
  /** 0.5·S + 0.3·L + 0.2·F over the parts known; null without satisfaction and loyalty */
  index: number | null
  /** index below the threshold */
  flagged: boolean
}

/**
 * One pair's index and flag: kpi.relationshipIndex over the mean satisfaction and loyalty (1–5)
 * and the contact count; flagged when the index is below `threshold`. The satisfaction mean is
 * taken over the survey responses and the visits with a satisfaction given, each counting once:
 * (Σ response values + Σ visit satisfactions) / (responses + rated visits). A pair without any
 * survey answer or rated visit has no index and is not flagged (nothing says the relationship is
 * poor). E.g. satisfaction mean 3.5 (62.5), loyalty 3 (50), 6 contacts of 12 (50) → 0.5·62.5 +
 * 0.3·50 + 0.2·50 = 56.3 → flagged below 60.
 */
export function assessRelation(input: RelationInput, opts: { frequent: number; threshold: number }): RelationResult {
  const rated = input.responses + input.visitRatings
  const satisfactionMean = rated > 0 ? (input.valueSum + input.visitRatingSum) / rated : null
  const loyaltyMean = input.loyaltyCount > 0 ? input.loyaltySum / input.loyaltyCount : null
  const frequencyCount = input.requests + input.visits + input.projects
  const r = relationshipIndex({ satisfaction: satisfactionMean, loyalty: loyaltyMean, frequencyCount, frequent: opts.frequent })
  return {
    satisfactionMean: satisfactionMean === null ? null : round2(satisfactionMean),
    satisfaction: r.satisfaction,
    loyaltyMean: loyaltyMean === null ? null : round2(loyaltyMean),
    loyalty: r.loyalty,
    frequencyCount,
    frequency: r.frequency,
    index: r.value,
    flagged: r.value !== null && r.value < opts.threshold,
  }
}

/** The improvement action's source reference for a pair and period: '2026-H1 IT→HR' (one action per pair and period). */
export function relationActionRef(period: string, supplier: string, customer: string): string {
  return `${period} ${supplier}→${customer}`
}

/**
 * Collaboration projects each pair of units shares (both owner or member), keyed 'a>b' in both
 * directions: a shared project counts for the pair's frequency whoever supplies whom.
 */
export function sharedProjectCounts(parts: readonly { code: string; unitId: number }[]): Map<string, number> {
  const byProject = new Map<string, Set<number>>()
  for (const p of parts) {
    let units = byProject.get(p.code)
    if (!units) byProject.set(p.code, (units = new Set()))
    units.add(p.unitId)
  }
  const counts = new Map<string, number>()
  for (const units of byProject.values()) {
    for (const a of units) for (const b of units) if (a !== b) counts.set(`${a}>${b}`, (counts.get(`${a}>${b}`) ?? 0) + 1)
  }
  return counts
}

/** What the database says about the pairs in a period, from relations-assess-repo's relationInputs. */
export interface RelationData {
  /** per respondent (customer) → rated (supplier) pair: the survey responses' value and loyalty sums */
  ratings: readonly { ratedId: number; respondentId: number | null; count: number; valueSum: number; loyaltyCount: number; loyaltySum: number }[]
  /** requests per supplier → customer pair whose response was due in the period */
  requests: readonly { supplierId: number; customerId: number; count: number }[]
  /** follow-up visits per supplier → customer pair in the period, and those with a satisfaction and its Σ */
  visits: readonly { supplierId: number; customerId: number; visits: number; satisfactionCount: number; satisfactionSum: number }[]
  /** every unit's part in the projects due in the period */
  projects: readonly { code: string; unitId: number; status: string }[]
}

export interface RelationPair {
  supplierId: number
  customerId: number
  /** a pair of the customer map (else its activity in the period brought it in) */
  inMap: boolean
  input: RelationInput
}

/**
 * The pairs the relationship assessment looks at, each with its input: every supplier→customer
 * pair of the customer map, and every pair with activity in the period: the customer rated the
 * supplier in a survey serving the period, asked it for something (a request due in the period),
 * or was visited by it. Shared projects count for the frequency of the pairs listed (a project
 * has no supplier and customer of its own). Cancelled projects do not count as shared.
 */
export function relationPairs(mapPairs: readonly { supplierId: number; customerId: number }[], data: RelationData): RelationPair[] {
  const key = (supplierId: number, customerId: number) => `${supplierId}>${customerId}`
  const pairs = new Map<string, { supplierId: number; customerId: number; inMap: boolean }>()
  for (const p of mapPairs) pairs.set(key(p.supplierId, p.customerId), { ...p, inMap: true })
  const ratings = new Map<string, RelationData['ratings'][number]>()
  for (const r of data.ratings) {
    if (r.respondentId === null) continue
    const k = key(r.ratedId, r.respondentId)
    ratings.set(k, r)
    if (!pairs.has(k)) pairs.set(k, { supplierId: r.ratedId, customerId: r.respondentId, inMap: false })
  }
  const requests = new Map(data.requests.map((r) => [key(r.supplierId, r.customerId), r.count]))
  const visits = new Map(data.visits.map((v) => [key(v.supplierId, v.customerId), v]))
  for (const a of [...data.requests, ...data.visits]) {
    const k = key(a.supplierId, a.customerId)
    if (!pairs.has(k)) pairs.set(k, { supplierId: a.supplierId, customerId: a.customerId, inMap: false })
  }
  const shared = sharedProjectCounts(data.projects.filter((p) => p.status !== 'cancelled'))
  return [...pairs.entries()].map(([k, p]) => {
    const r = ratings.get(k)
    const v = visits.get(k)
    return {
      ...p,
      input: {
        responses: r?.count ?? 0,
        valueSum: r?.valueSum ?? 0,
        loyaltyCount: r?.loyaltyCount ?? 0,
        loyaltySum: r?.loyaltySum ?? 0,
        requests: requests.get(k) ?? 0,
        visits: v?.visits ?? 0,
        visitRatings: v?.satisfactionCount ?? 0,
        visitRatingSum: v?.satisfactionSum ?? 0,
        projects: shared.get(k) ?? 0,
      },
    }
  })
}

/** Days an improvement action opened by the relationship assessment has, from the day it is opened. */
export const RELATION_ACTION_DAYS = 30

/**
 * The improvement action for a flagged pair: the supplier is to visit its customer and plan an
 * improvement within RELATION_ACTION_DAYS of `today`; one per pair and period (relationActionRef).
 */
export function relationAction(
  period: string,
  pair: { supplier: string; customer: string; customerName: string },
  index: number,
  threshold: number,
  today: string,
): { sourceRef: string; description: string; due: string } {
  return {
    sourceRef: relationActionRef(period, pair.supplier, pair.customer),
    description: `${period} 与${pair.customerName}(${pair.customer})的客户关系指数 ${index.toFixed(1)} 低于 ${threshold}: 回访客户并制定改进措施`,
    due: addDays(today, RELATION_ACTION_DAYS),
  }
}
