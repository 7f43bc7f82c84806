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

/** What a frozen annual table keeps behind each row (its details column): the half-year totals and the recognitions. */
export interface AnnualDetails {
  H1: number | null
  H2: number | null
  recognitions: string[]
  /** the recognition rewards summed (absent in tables frozen before rewards existed: 0) */
  rewards?: number
}

/**
 * The annual rows as the rows of a stored score table (period = the year): the annual total,
 * rank, grade and coefficient in their columns, the components empty, H1, H2 and the
 * recognitions in the details. Unit ids come from the half-year rows, by unit code.
 */
export function annualScoreRows(halves: readonly FinalHalf[], rows: readonly AnnualRow[]): { row: ScoreRow; details: AnnualDetails }[] {
  const ids = new Map<string, number>()
  for (const half of halves) for (const r of half.rows) if (!ids.has(r.code)) ids.set(r.code, r.unitId)
  const none = { S: null, T: null, C: null, H: null, self: null, superior: null }
  return rows.map((r, i) => ({
    row: { unitId: ids.get(r.unit)!, position: i + 1, code: r.unit, name: r.name, components: none, total: r.total, rank: r.rank, grade: r.grade, bonus: r.bonus },
    details: { H1: r.H1, H2: r.H2, recognitions: r.recognitions, rewards: r.rewards },
  }))
}

/** A stored annual row as the annual table shows it. */
export function annualRowOf(r: ScoreRow, d: AnnualDetails): AnnualRow {
  return { rank: r.rank, unit: r.code, name: r.name, H1: d.H1, H2: d.H2, total: r.total, grade: r.grade, bonus: r.bonus, recognitions: d.recognitions, rewards: d.rewards ?? 0 }
}

/**
 * The text whose hash is a frozen annual table's inputs hash: the year and level, each final
 * half-year it rests on with the hash of its rows, the recognitions and the policy it was graded with.
 */
export function annualInputsText(year: number, level: string, finals: readonly { period: string; rowsHash: string | null }[], recognitions: readonly YearRecognition[], p: Pick<AssessPolicy, 'grades' | 'bonus'>): string {
  return JSON.stringify({ year, level, halves: finals.map((f) => [f.period, f.rowsHash]), recognitions: recognitions.map((r) => [r.unitId, r.text]), grades: p.grades, bonus: p.bonus })
}
