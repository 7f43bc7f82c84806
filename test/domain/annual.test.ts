import { describe, expect, it } from 'vitest'
import { annualRows } from '../../src/domain/assessment/annual.js'
import { DEFAULT_BONUS_TABLE, DEFAULT_GRADE_BANDS } from '../../src/domain/assessment/kpi.js'
import type { ScoreRow } from '../../src/domain/assessment/score-table.js'

const P = { grades: DEFAULT_GRADE_BANDS, bonus: DEFAULT_BONUS_TABLE }
const row = (unitId: number, code: string, total: number | null): ScoreRow => ({ unitId, position: unitId, code, name: `${code} name`, components: { S: null, T: null, C: null, H: null, self: null, superior: null }, total, rank: null, grade: null, bonus: null })

describe('annualRows', () => {
  it('takes the mean of the final halves, ranks it (ties share), grades it and lists the recognitions', () => {
    const rows = annualRows(
      [
        { period: '2026-H1', rows: [row(1, 'IT', 79), row(2, 'HR', 81), row(3, 'FIN', null), row(4, 'OPS', 85)] },
        { period: '2026-H2', rows: [row(1, 'IT', 84.05), row(2, 'HR', 81), row(3, 'FIN', null)] },
      ],
      [
        { unitId: 1, text: '2026-H2: ERP 上线' },
        { unitId: null, text: '2026: 张伟' },
        { unitId: 1, text: '2026: 年度最佳服务' },
      ],
      P,
    )
    expect(rows).toEqual([
      // IT: (79.0 + 84.1) / 2 = 81.55 → 81.6, B; HR 81.0 B; OPS only H1 85.0, B
      { rank: 1, unit: 'OPS', name: 'OPS name', H1: 85, H2: null, total: 85, grade: 'B', bonus: 1.1, recognitions: [], rewards: 0 },
      { rank: 2, unit: 'IT', name: 'IT name', H1: 79, H2: 84.05, total: 81.6, grade: 'B', bonus: 1.1, recognitions: ['2026-H2: ERP 上线', '2026: 年度最佳服务'], rewards: 0 },
      { rank: 3, unit: 'HR', name: 'HR name', H1: 81, H2: 81, total: 81, grade: 'B', bonus: 1.1, recognitions: [], rewards: 0 },
      { rank: null, unit: 'FIN', name: 'FIN name', H1: null, H2: null, total: null, grade: null, bonus: null, recognitions: [], rewards: 0 },
    ])
  })

  it('sums each unit\'s rewards of the year exactly: 1500.50 + 2000 = 3500.50 for IT, a person\'s reward counted for no unit', () => {
    const rows = annualRows(
      [{ period: '2026-H1', rows: [row(1, 'IT', 79), row(2, 'HR', 81)] }],
      [
        { unitId: 1, text: '2026-H1: ERP 上线 (reward 1500.50)', rewardCents: 150050 },
        { unitId: 1, text: '2026: 年度最佳服务 (reward 2000.00)', rewardCents: 200000 },
        { unitId: 1, text: '2026-Q1: 协助审计', rewardCents: null },
        { unitId: null, text: '2026: 张伟 (reward 800.00)', rewardCents: 80000 },
      ],
      P,
    )
    expect(rows.map((r) => [r.unit, r.recognitions.length, r.rewards])).toEqual([
      ['HR', 0, 0],
      ['IT', 3, 3500.5],
    ])
  })

  it('gives equal totals the same rank, then orders them by unit code', () => {
    const rows = annualRows([{ period: '2026-H1', rows: [row(1, 'B', 70), row(2, 'A', 70), row(3, 'C', 90)] }], [], P)
    expect(rows.map((r) => [r.rank, r.unit, r.grade])).toEqual([
      [1, 'C', 'A'],
      [2, 'A', 'C'],
      [2, 'B', 'C'],
    ])
  })

  it('takes H2 alone when only H2 is final', () => {
    expect(annualRows([{ period: '2026-H2', rows: [row(1, 'IT', 59.9)] }], [], P)).toEqual([
      { rank: 1, unit: 'IT', name: 'IT name', H1: null, H2: 59.9, total: 59.9, grade: 'E', bonus: 0.8, recognitions: [], rewards: 0 },
    ])
  })
})
