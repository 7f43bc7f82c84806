import { RELATIONSHIP_WEIGHTS } from '../assessment/kpi.js'
import { UserError } from '../errors.js'
import { quote } from '../excerpt.js'
import { t, type english } from '../i18n/catalog.js'
import { format1, round2 } from '../rounding.js'
import type { RelationInput, RelationResult } from './relation.js'

/** How one pair's relationship figures are reached (`icm relation assess --explain SUPPLIER:CUSTOMER`). */

export interface ExplainedPair {
  period: string
  supplier: string
  supplierName: string
  customer: string
  customerName: string
  inMap: boolean
}

/** 'IT:HR', 'IT→HR' or 'IT->HR' → the two unit codes as typed (trimmed). */
export function parsePairText(text: string): { supplier: string; customer: string } {
  const parts = text.normalize('NFKC').split(/→|->|:/).map((s) => s.trim())
  if (parts.length !== 2 || parts.some((p) => p === '')) {
    throw new UserError(t('relation.invalidPair', { text: quote(text) }), t('relation.invalidPair.hint'))
  }
  return { supplier: parts[0]!, customer: parts[1]! }
}

const one = (x: number) => format1(x)
const two = (x: number) => round2(x).toFixed(2)

/**
 * The lines a reader can redo by hand: which surveys serve the period, the satisfaction mean over
 * the survey responses and the rated visits, the loyalty mean, the contacts and the frequency
 * score, and the index with its weights (renormalised when a part is n/a) and the flag. In the
 * interface language; `say` = english gives the English lines whatever the language (--json).
 */
export function explainRelationLines(
  pair: ExplainedPair,
  input: RelationInput,
  result: RelationResult,
  opts: { frequent: number; threshold: number; surveys: readonly { code: string; period: string }[] },
  say: typeof english = t,
): string[] {
  const out: string[] = []
  const na = say('relation.na')
  const score = (x: number | null) => (x === null ? na : one(x))
  const { supplier, customer } = pair
  out.push(`${say('relation.explain.pair', { supplier, supplierName: pair.supplierName, customer, customerName: pair.customerName, period: pair.period })}${pair.inMap ? '' : say('relation.explain.notInMap')}`)
  out.push(opts.surveys.length === 0 ? say('relation.explain.noSurvey') : say('relation.explain.surveys', { list: opts.surveys.map((s) => `${s.code} (${s.period})`).join(', ') }))

  const rated = input.responses + input.visitRatings
  const { responses, visitRatings, visitRatingSum } = input
  const valueSum = round2(input.valueSum)
  out.push('', say('relation.explain.satisfaction', { value: score(result.satisfaction), weight: RELATIONSHIP_WEIGHTS.satisfaction }))
  out.push(say('relation.explain.ratings', { responses, customer, supplier, valueSum, visitRatings, visitRatingSum }))
  if (rated === 0) out.push(say('relation.explain.noRating'))
  else out.push(say('relation.explain.satisfactionMean', { valueSum, visitRatingSum, responses, visitRatings, mean: two(result.satisfactionMean!), value: one(result.satisfaction!) }))

  out.push('', say('relation.explain.loyalty', { value: score(result.loyalty), weight: RELATIONSHIP_WEIGHTS.loyalty }))
  if (input.loyaltyCount === 0) out.push(say('relation.explain.noLoyalty'))
  else out.push(say('relation.explain.loyaltyMean', { n: input.loyaltyCount, sum: round2(input.loyaltySum), mean: two(result.loyaltyMean!), value: one(result.loyalty!) }))

  out.push('', say('relation.explain.frequency', { value: one(result.frequency), weight: RELATIONSHIP_WEIGHTS.frequency }))
  out.push(say('relation.explain.contacts', { requests: input.requests, visits: input.visits, projects: input.projects, count: result.frequencyCount, frequent: opts.frequent }))
  out.push(say('relation.explain.frequencyScore', { count: result.frequencyCount, frequent: opts.frequent, value: one(result.frequency) }))

  out.push('')
  if (result.index === null) {
    out.push(say('relation.explain.noIndex'))
    return out
  }
  const W = RELATIONSHIP_WEIGHTS
  const terms: string[] = []
  let used = 0
  if (result.satisfaction !== null) {
    terms.push(`${W.satisfaction}×${one(result.satisfaction)}`)
    used += W.satisfaction
  }
  if (result.loyalty !== null) {
    terms.push(`${W.loyalty}×${one(result.loyalty)}`)
    used += W.loyalty
  }
  terms.push(`${W.frequency}×${one(result.frequency)}`)
  used += W.frequency
  const divisor = Math.round(used * 10) / 10
  out.push(`${say('relation.explain.index', { terms: terms.join(' + '), divisor, value: one(result.index) })}${divisor === 1 ? '' : say('relation.explain.renormalised')}`)
  out.push(result.flagged ? say('relation.explain.flagged', { threshold: opts.threshold }) : say('relation.explain.notFlagged', { threshold: opts.threshold }))
  return out
}
