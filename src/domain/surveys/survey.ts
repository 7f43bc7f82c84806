import { UserError } from '../errors.js'
import { satisfactionKpi } from '../assessment/kpi.js'
import { round2 } from '../rounding.js'
import { checkCode } from '../org/unit.js'
import { quote } from '../excerpt.js'
import { isChinese, label, t } from '../i18n/catalog.js'
import { matchEnum } from '../i18n/enums.js'
import { toSimplified } from '../org/unit-names.js'
import { RATED_DIMENSIONS, SCORE_FIELDS, type RatedDimension, type ScoreField, type ScoreValues } from './survey-fields.js'

/** Surveys (policy chapter 4.3): kinds, codes, and the per-unit results of a survey. */

export const SURVEY_KINDS = ['service', 'relationship'] as const
export type SurveyKind = (typeof SURVEY_KINDS)[number]

export function parseSurveyKind(text: string): SurveyKind {
  const k = matchEnum('surveyKind', text, SURVEY_KINDS, toSimplified)
  if (k !== undefined) return k
  const values = SURVEY_KINDS.map((v) => (isChinese() ? `${label('surveyKind', v)} (${v})` : v)).join(isChinese() ? '、' : ' or ')
  throw new UserError(t('surveyImport.invalidKind', { text: quote(text) }), t('surveyImport.invalidKind.hint', { values }))
}

/** A survey code as given: letters, digits, '-', '_' and '.', e.g. 2026H1-SERVICE. */
export function checkSurveyCode(code: string): string {
  return checkCode(code, t('survey.code'), '2026H1-SERVICE')
}

/** Sums and counts of one unit's scores in a survey (what the SQL aggregate returns): `accuracySum`, `accuracyN` … for each score field. */
export type UnitScoreTotals = Record<`${ScoreField}Sum` | `${ScoreField}N`, number> & {
  responses: number
  /** Σ of each response's value (overall, else the mean of its dimensions) */
  valueSum: number
  valueN: number
}

/** A unit's result: the mean 1–5 of each score (two decimals; null when nobody answered that question), and more. */
export interface UnitSurveyResult extends ScoreValues {
  responses: number
  /** S: the satisfaction index 0–100 (DESIGN.md §3); null below minResponses responses */
  satisfaction: number | null
  /**
   * the dimension with the lowest mean (the first in RATED_DIMENSIONS order on a tie); null when
   * none is lower than another: none answered, one answered, or all the same
   */
  lowestDimension: RatedDimension | null
}

/**
 * One unit's survey result: the mean of each score (two decimals), and the satisfaction index
 * S = satisfactionKpi over the responses' values (overall, else the mean of the dimensions),
 * n/a (null) below minResponses responses, as the assessment computes it.
 */
export function unitSurveyResult(t: UnitScoreTotals, minResponses: number): UnitSurveyResult {
  const mean = (sum: number, n: number) => (n > 0 ? round2(sum / n) : null)
  // built in this key order: the --json of survey results shows it
  const result = { responses: t.responses } as UnitSurveyResult
  for (const f of SCORE_FIELDS) result[f] = mean(t[`${f}Sum`], t[`${f}N`])
  result.satisfaction = satisfactionKpi(t.valueN, t.valueSum, minResponses)
  result.lowestDimension = null
  let lowest: number | null = null
  let highest: number | null = null
  for (const d of RATED_DIMENSIONS) {
    const m = result[d]
    if (m === null) continue
    if (lowest === null || m < lowest) {
      lowest = m
      result.lowestDimension = d
    }
    if (highest === null || m > highest) highest = m
  }
  // "lowest" only where one is lower than another: 4.00 everywhere points at no weak spot
  if (lowest === highest) result.lowestDimension = null
  return result
}
