import { RELATIONSHIP_WEIGHTS } from '../assessment/kpi.js'
import { UserError } from '../errors.js'
import { quote } from '../excerpt.js'
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
  const parts = text.split(/→|->|:/).map((s) => s.trim())
  if (parts.length !== 2 || parts.some((p) => p === '')) {
    throw new UserError(`invalid pair ${quote(text)}`, 'give SUPPLIER:CUSTOMER, e.g. --explain IT:HR')
  }
  return { supplier: parts[0]!, customer: parts[1]! }
}

const one = (x: number) => format1(x)
const two = (x: number) => round2(x).toFixed(2)

/**
 * The lines a reader can redo by hand: which surveys serve the period, the satisfaction mean over
 * the survey responses and the rated visits, the loyalty mean, the contacts and the frequency
 * score, and the index with its weights (renormalised when a part is n/a) and the flag.
 */
export function explainRelationLines(
  pair: ExplainedPair,
  input: RelationInput,
  result: RelationResult,
  opts: { frequent: number; threshold: number; surveys: readonly { code: string; period: string }[] },
): string[] {
  const out: string[] = []
  out.push(`${pair.supplier} ${pair.supplierName} → ${pair.customer} ${pair.customerName}, ${pair.period}${pair.inMap ? '' : ' (not in the customer map: its activity in the period brings it in)'}`)
  out.push(opts.surveys.length === 0 ? '  no survey serves the period' : `  surveys serving the period (within it, or containing it): ${opts.surveys.map((s) => `${s.code} (${s.period})`).join(', ')}`)

  const rated = input.responses + input.visitRatings
  out.push('', `satisfaction = ${result.satisfaction === null ? 'n/a' : one(result.satisfaction)}   (weight ${RELATIONSHIP_WEIGHTS.satisfaction})`)
  out.push(`  ${input.responses} survey response${input.responses === 1 ? '' : 's'} of ${pair.customer} rating ${pair.supplier}, values adding up to ${round2(input.valueSum)}; ${input.visitRatings} visit${input.visitRatings === 1 ? '' : 's'} with a satisfaction, adding up to ${input.visitRatingSum}`)
  if (rated === 0) out.push('  no rating → n/a')
  else out.push(`  mean (${round2(input.valueSum)} + ${input.visitRatingSum}) / (${input.responses} + ${input.visitRatings}) = ${two(result.satisfactionMean!)} → (${two(result.satisfactionMean!)} − 1) / 4 × 100 = ${one(result.satisfaction!)}`)

  out.push('', `loyalty = ${result.loyalty === null ? 'n/a' : one(result.loyalty)}   (weight ${RELATIONSHIP_WEIGHTS.loyalty})`)
  if (input.loyaltyCount === 0) out.push('  no loyalty answer → n/a')
  else out.push(`  ${input.loyaltyCount} answer${input.loyaltyCount === 1 ? '' : 's'} adding up to ${round2(input.loyaltySum)}: mean ${two(result.loyaltyMean!)} → (${two(result.loyaltyMean!)} − 1) / 4 × 100 = ${one(result.loyalty!)}`)

  out.push('', `frequency = ${one(result.frequency)}   (weight ${RELATIONSHIP_WEIGHTS.frequency})`)
  out.push(`  ${input.requests} request${input.requests === 1 ? '' : 's'} + ${input.visits} visit${input.visits === 1 ? '' : 's'} + ${input.projects} shared project${input.projects === 1 ? '' : 's'} = ${result.frequencyCount} contacts; 100 at relation.frequent = ${opts.frequent}`)
  out.push(`  min(100, 100 × ${result.frequencyCount} / ${opts.frequent}) = ${one(result.frequency)}`)

  out.push('')
  if (result.index === null) {
    out.push('index = n/a: neither satisfaction nor loyalty is known (frequency alone says how often, not how well); not flagged')
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
  out.push(`index = (${terms.join(' + ')}) / ${divisor} = ${one(result.index)}${divisor === 1 ? '' : '   (a part is n/a: the other weights renormalised)'}`)
  out.push(`  ${result.flagged ? `below relation.threshold ${opts.threshold} → flagged` : `not below ${opts.threshold} → not flagged`}`)
  return out
}
