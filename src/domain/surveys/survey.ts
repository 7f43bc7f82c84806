import { UserError } from '../errors.js'
import { satisfactionKpi } from '../assessment/kpi.js'
import { round2 } from '../rounding.js'
import { checkCode } from '../org/unit.js'
import { quote } from '../excerpt.js'
import { RATED_DIMENSIONS, type RatedDimension } from './survey-fields.js'

/** Surveys (policy chapter 4.3): kinds, codes, and the per-unit results of a survey. */

export const SURVEY_KINDS = ['service', 'relationship'] as const
export type SurveyKind = (typeof SURVEY_KINDS)[number]

export function parseSurveyKind(text: string): SurveyKind {
  const k = text.trim().toLowerCase()
  if (k === 'service' || k === 'relationship') return k
  throw new UserError(`invalid survey kind ${quote(text)}`, 'use service or relationship')
}

/** A survey code as given: letters, digits, '-', '_' and '.', e.g. 2026H1-SERVICE. */
export function checkSurveyCode(code: string): string {
  return checkCode(code, 'survey code', '2026H1-SERVICE')
}

/** Sums and counts of one unit's scores in a survey (what the SQL aggregate returns). */
export interface UnitScoreTotals {
  responses: number
  accuracySum: number
  accuracyN: number
  timelinessSum: number
  timelinessN: number
  completenessSum: number
  completenessN: number
  professionalismSum: number
  professionalismN: number
  overallSum: number
  overallN: number
  loyaltySum: number
  loyaltyN: number
  /** Σ of each response's value (overall, else the mean of its dimensions) */
  valueSum: number
  valueN: number
}

export interface UnitSurveyResult {
  responses: number
  /** means 1–5, two decimals; null when nobody answered that question */
  accuracy: number | null
  timeliness: number | null
  completeness: number | null
  professionalism: number | null
  overall: number | null
  loyalty: number | null
  /** S: the satisfaction index 0–100 (DESIGN.md §3); null below minResponses responses */
  satisfaction: number | null
  /** the dimension with the lowest mean (the first in RATED_DIMENSIONS order on a tie); null when none was answered */
  lowestDimension: RatedDimension | null
}

/**
 * One unit's survey result: the mean of each score (two decimals), and the satisfaction index
 * S = satisfactionKpi over the responses' values (overall, else the mean of the dimensions),
 * n/a (null) below minResponses responses, as the assessment computes it.
 */
export function unitSurveyResult(t: UnitScoreTotals, minResponses: number): UnitSurveyResult {
  const mean = (sum: number, n: number) => (n > 0 ? round2(sum / n) : null)
  const result: UnitSurveyResult = {
    responses: t.responses,
    accuracy: mean(t.accuracySum, t.accuracyN),
    timeliness: mean(t.timelinessSum, t.timelinessN),
    completeness: mean(t.completenessSum, t.completenessN),
    professionalism: mean(t.professionalismSum, t.professionalismN),
    overall: mean(t.overallSum, t.overallN),
    loyalty: mean(t.loyaltySum, t.loyaltyN),
    satisfaction: satisfactionKpi(t.valueN, t.valueSum, minResponses),
    lowestDimension: null,
  }
  let lowest: number | null = null
  for (const d of RATED_DIMENSIONS) {
    const m = result[d]
    if (m !== null && (lowest === null || m < lowest)) {
      lowest = m
      result.lowestDimension = d
    }
  }
  return result
}
