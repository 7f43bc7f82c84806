import { describe, expect, it } from 'vitest'
import type { UnitDetails } from '../../src/domain/assessment/assessment.js'
import { componentMedians, median, requestFigures, trendTables, unitTrend } from '../../src/domain/assessment/report-figures.js'
import type { ScoreRow } from '../../src/domain/assessment/score-table.js'

const row = (unitId: number, S: number | null, total: number | null): ScoreRow => ({
  unitId,
  position: unitId,
  code: `U${unitId}`,
  name: `unit ${unitId}`,
  components: { S, T: 50, C: null, H: 100, self: 80, superior: 90 },
  total,
  rank: null,
  grade: null,
  bonus: null,
})

describe('the medians of the report', () => {
  it('takes the middle value, or the mean of the two middle values, of the values present', () => {
    expect(median([3, 1, 2])).toBe(2)
    expect(median([4, 1, null, 2, 3])).toBe(2.5) // 1 2 3 4 → (2 + 3) / 2
    expect(median([null, null])).toBeNull()
    expect(median([70.04, 70.08])).toBe(70.1) // 70.06 to one decimal
  })

  it('gives each component and the total its company median over the units that have it', () => {
    const m = componentMedians([row(1, 60, 70), row(2, null, 80), row(3, 90, null)])
    // S: 60, 90 → 75; C: none → null; total: 70, 80 → 75
    expect(m).toEqual({ S: 75, T: 50, C: null, H: 100, self: 80, superior: 90, total: 75 })
  })
})

describe('the trend of the report', () => {
  const tables = ['2025-H1', '2026-Q1', '2024-H2', '2025-H2', '2026-H1', '2026-H2', '2024-H1'].map((period) => ({ period }))

  it('keeps the last four tables of the same kind up to the period, oldest first', () => {
    expect(trendTables(tables, '2026-H1').map((t) => t.period)).toEqual(['2024-H2', '2025-H1', '2025-H2', '2026-H1'])
    expect(trendTables(tables, '2025-H1').map((t) => t.period)).toEqual(['2024-H1', '2024-H2', '2025-H1'])
    expect(trendTables(tables, '2026-Q1').map((t) => t.period)).toEqual(['2026-Q1'])
  })

  it("follows one unit's total and grade, telling apart 'not in the table' and 'no total'", () => {
    const trend = unitTrend(
      [
        { period: '2025-H2', state: 'final', rows: [{ unitId: 2, total: 80, grade: 'B' }] },
        { period: '2026-H1', state: 'draft', rows: [{ unitId: 1, total: null, grade: null }] },
      ],
      1,
    )
    expect(trend).toEqual([
      { period: '2025-H2', state: 'final', total: null, grade: null, inTable: false },
      { period: '2026-H1', state: 'draft', total: null, grade: null, inTable: true },
    ])
  })
})

describe('the request figures of the period', () => {
  const details = (received: number, onTime: number, late: number[], excluded: number) =>
    ({
      H: { requestsReceived: received },
      T: { onTime, excluded, late: late.map((h, i) => ({ code: `REQ-${received}${i}`, due: '2026-03-02T17:00:00.000Z', respondedAt: null, businessHoursLate: h })) },
    }) as unknown as UnitDetails

  it('adds up every unit: on time 100 × 7 / 10, the median and the largest business hours late', () => {
    const f = requestFigures([
      { unit: 'IT', details: details(6, 4, [0.5, 986], 1) },
      { unit: 'HR', details: details(5, 3, [2], 0) },
    ], 2)
    // received 6 + 5; on time 4 + 3 = 7 of 7 + 3 late = 10 → 70.0 %; late 0.5, 2, 986 → median 2
    expect(f).toMatchObject({ received: 11, onTime: 7, late: 3, excluded: 1, onTimePercent: 70, medianHoursLate: 2, maxHoursLate: 986 })
    expect(f.latest.map((l) => [l.unit, l.businessHoursLate])).toEqual([
      ['IT', 986],
      ['HR', 2],
    ])
  })

  it('has no percentage when no response fell due', () => {
    expect(requestFigures([{ unit: 'IT', details: details(0, 0, [], 2) }])).toMatchObject({ onTimePercent: null, medianHoursLate: null, maxHoursLate: null, latest: [] })
  })
})
