import { describe, expect, it } from 'vitest'
import { checkSurveyCode, parseSurveyKind, unitSurveyResult, type UnitScoreTotals } from '../../src/domain/surveys/survey.js'

/** Totals of responses given as [accuracy, timeliness, completeness, professionalism, overall, loyalty] (null = no answer). */
function totals(responses: (number | null)[][]): UnitScoreTotals {
  const t: UnitScoreTotals = {
    responses: responses.length,
    accuracySum: 0,
    accuracyN: 0,
    timelinessSum: 0,
    timelinessN: 0,
    completenessSum: 0,
    completenessN: 0,
    professionalismSum: 0,
    professionalismN: 0,
    overallSum: 0,
    overallN: 0,
    loyaltySum: 0,
    loyaltyN: 0,
    valueSum: 0,
    valueN: 0,
  }
  const keys = ['accuracy', 'timeliness', 'completeness', 'professionalism', 'overall', 'loyalty'] as const
  for (const r of responses) {
    const m = t as unknown as Record<string, number>
    keys.forEach((k, i) => {
      const v = r[i]
      if (v === null || v === undefined) return
      m[`${k}Sum`] = (m[`${k}Sum`] ?? 0) + v
      m[`${k}N`] = (m[`${k}N`] ?? 0) + 1
    })
    const dims = r.slice(0, 4).filter((x): x is number => x !== null)
    const value = r[4] ?? (dims.length ? dims.reduce((a, b) => a + b, 0) / dims.length : null)
    if (value !== null) {
      t.valueSum += value
      t.valueN += 1
    }
  }
  return t
}

describe('unitSurveyResult', () => {
  it('DESIGN.md §3 worked example: IT with overall 4, 4, 3, 5, 4 → mean 4.00, S = 75', () => {
    const r = unitSurveyResult(
      totals([
        [4, 4, 4, 4, 4, 4],
        [4, 3, 4, 4, 4, 3],
        [3, 3, 3, 4, 3, 3],
        [5, 4, 5, 5, 5, 5],
        [4, 4, 4, 4, 4, 4],
      ]),
      5,
    )
    expect(r).toEqual({
      responses: 5,
      accuracy: 4,
      timeliness: 3.6,
      completeness: 4,
      professionalism: 4.2,
      overall: 4,
      loyalty: 3.8,
      satisfaction: 75,
      lowestDimension: 'timeliness',
    })
  })

  it('takes the mean of the dimensions present when overall is missing: (4+3)/2 = 3.5 and 5 → mean 4.25, S = 81.3', () => {
    const r = unitSurveyResult(totals([[4, 3, null, null, null, null], [5, 5, 5, 5, null, null]]), 1)
    expect(r.overall).toBeNull()
    expect(r.loyalty).toBeNull()
    expect(r.satisfaction).toBe(81.3)
  })

  it('has no satisfaction index below assess.min_responses, but still the means', () => {
    const r = unitSurveyResult(totals([[4, 4, 4, 4, 4, null]]), 5)
    expect(r.satisfaction).toBeNull()
    expect(r.overall).toBe(4)
  })

  it('names the first of tied lowest dimensions, and none when no dimension was answered, only one was, or all are the same', () => {
    expect(unitSurveyResult(totals([[3, 4, 3, 4, 4, null]]), 1).lowestDimension).toBe('accuracy')
    expect(unitSurveyResult(totals([[null, null, null, null, 4, null]]), 1).lowestDimension).toBeNull()
    expect(unitSurveyResult(totals([[4, 4, 4, 4, 4, null]]), 1).lowestDimension).toBeNull()
    expect(unitSurveyResult(totals([[null, 2, null, null, 4, null]]), 1).lowestDimension).toBeNull()
    expect(unitSurveyResult(totals([[null, 2, null, 3, 4, null]]), 1).lowestDimension).toBe('timeliness')
  })
})

describe('survey kinds and codes', () => {
  it.each([
    ['service', 'service'],
    [' Relationship ', 'relationship'],
  ])('%j is %s', (text, kind) => {
    expect(parseSurveyKind(text)).toBe(kind)
  })
  it('refuses other kinds and bad codes', () => {
    expect(() => parseSurveyKind('poll')).toThrow("invalid survey kind 'poll'")
    expect(checkSurveyCode(' 2026H1-SERVICE ')).toBe('2026H1-SERVICE')
    expect(() => checkSurveyCode('2026 H1')).toThrow("invalid survey code '2026 H1'")
  })
})
