import { describe, expect, it } from 'vitest'
import { annualInputsText, annualRowOf, annualRows, annualScoreRows } from '../../src/domain/assessment/annual.js'
import { DEFAULT_BONUS_TABLE, DEFAULT_GRADE_BANDS } from '../../src/domain/assessment/kpi.js'
import type { ScoreRow } from '../../src/domain/assessment/score-table.js'

const P = { grades: DEFAULT_GRADE_BANDS, bonus: DEFAULT_BONUS_TABLE }
const row = (unitId: number, code: string, total: number | null): ScoreRow => ({ unitId, position: unitId, code, name: `${code} name`, components: { S: 70, T: null, C: null, H: null, self: null, superior: null }, total, rank: null, grade: null, bonus: null })

describe('the frozen annual table', () => {
  const halves = [
    { period: '2026-H1', rows: [row(7, 'IT', 79), row(9, 'HR', 81)] },
    { period: '2026-H2', rows: [row(7, 'IT', 88.6), row(9, 'HR', 90)] },
  ]
  // IT (79.0 + 88.6) / 2 = 83.8 → B 1.1; HR (81.0 + 90.0) / 2 = 85.5 → B 1.1, rank 1
  const rows = annualRows(halves, [{ unitId: 7, text: '2026-H1: ERP 上线' }], P)

  it('stores each row as a score row of the year: annual total, rank, grade and coefficient in the columns, the halves and recognitions behind it', () => {
    const stored = annualScoreRows(halves, rows)
    expect(stored).toEqual([
      { row: { unitId: 9, position: 1, code: 'HR', name: 'HR name', components: { S: null, T: null, C: null, H: null, self: null, superior: null }, total: 85.5, rank: 1, grade: 'B', bonus: 1.1 }, details: { H1: 81, H2: 90, recognitions: [], rewards: 0 } },
      { row: { unitId: 7, position: 2, code: 'IT', name: 'IT name', components: { S: null, T: null, C: null, H: null, self: null, superior: null }, total: 83.8, rank: 2, grade: 'B', bonus: 1.1 }, details: { H1: 79, H2: 88.6, recognitions: ['2026-H1: ERP 上线'], rewards: 0 } },
    ])
    expect(stored.map((s) => annualRowOf(s.row, s.details))).toEqual(rows)
  })

  it('fingerprints what the year rests on: the halves by their rows hash, the recognitions and the grading policy', () => {
    const finals = [
      { period: '2026-H1', rowsHash: 'aa' },
      { period: '2026-H2', rowsHash: 'bb' },
    ]
    const text = annualInputsText(2026, 'department', finals, [{ unitId: 7, text: 'x' }], P)
    expect(JSON.parse(text)).toEqual({ year: 2026, level: 'department', halves: [['2026-H1', 'aa'], ['2026-H2', 'bb']], recognitions: [[7, 'x']], grades: DEFAULT_GRADE_BANDS, bonus: DEFAULT_BONUS_TABLE })
    expect(annualInputsText(2026, 'department', finals, [{ unitId: 7, text: 'x' }], { ...P, grades: { ...DEFAULT_GRADE_BANDS, A: 85 } })).not.toBe(text)
    expect(annualInputsText(2026, 'department', [finals[0]!, { period: '2026-H2', rowsHash: 'bc' }], [{ unitId: 7, text: 'x' }], P)).not.toBe(text)
  })
})
