import type { AssessPolicy } from './assessment.js'
import { annualTotal, bonusOf, gradeOf, rankWithTies } from './kpi.js'
import type { ScoreRow } from './score-table.js'

/**
 * The annual evaluation (DESIGN.md §3 Annual): per unit the totals of the year's final half-year
 * tables, their mean, its rank, grade and coefficient, and the year's recognitions with the
 * rewards that came with them (policy 5.三.3).
 */
export interface AnnualRow {
  rank: number | null
  unit: string
  name: string
  H1: number | null
  H2: number | null
  total: number | null
  grade: string | null
  bonus: number | null
  recognitions: string[]
  /** the unit's recognition rewards of the year, summed (currency units, exact to the cent); 0 when none */
  rewards: number
}

export interface FinalHalf {
  /** '2026-H1' or '2026-H2' */
  period: string
  rows: readonly ScoreRow[]
}

/** A recognition of the year, as the annual table lists it ('2026-H1: reason'). */
export interface YearRecognition {
  /** null for a recognition of a person without a unit */
  unitId: number | null
  text: string
  /** its reward in cents (fen), or null */
  rewardCents?: number | null
}

/** Every unit of the final halves, ranked (ties share), graded and ordered by rank, then unit code. */
export function annualRows(halves: readonly FinalHalf[], recognitions: readonly YearRecognition[], p: Pick<AssessPolicy, 'grades' | 'bonus'>): AnnualRow[] {
  const byUnit = new Map<number, { code: string; name: string; H1: number | null; H2: number | null }>()
  for (const half of halves) {
    for (const r of half.rows) {
      const u = byUnit.get(r.unitId) ?? { code: r.code, name: r.name, H1: null, H2: null }
      if (half.period.endsWith('H1')) u.H1 = r.total
      else u.H2 = r.total
      byUnit.set(r.unitId, u)
    }
  }
  const rows: AnnualRow[] = [...byUnit.entries()].map(([id, u]) => {
    const total = annualTotal([u.H1, u.H2].filter((t): t is number => t !== null))
    const grade = gradeOf(total, p.grades)
    return {
      rank: null,
      unit: u.code,
      name: u.name,
      H1: u.H1,
      H2: u.H2,
      total,
      grade,
      bonus: bonusOf(grade, p.bonus),
      recognitions: recognitions.filter((r) => r.unitId === id).map((r) => r.text),
      rewards: recognitions.filter((r) => r.unitId === id).reduce((sum, r) => sum + (r.rewardCents ?? 0), 0) / 100,
    }
  })
  const ranks = rankWithTies(rows.map((r) => ({ key: r.unit, total: r.total })))
  for (const r of rows) r.rank = ranks.get(r.unit) ?? null
  return rows.sort((a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity) || (a.unit < b.unit ? -1 : 1))
}
