import { UserError } from '../errors.js'
import { excerpt, quote } from '../excerpt.js'
import { round2 } from '../rounding.js'
import { t } from '../i18n/catalog.js'

/**
 * The link to payroll: each unit's bonus is its base amount × the coefficient of its grade in
 * the period's table, to the cent; a unit with no coefficient (insufficient data) gets none.
 */
export interface BonusLine {
  unit: string
  name: string
  grade: string | null
  coefficient: number | null
  base: number
  bonus: number | null
}

/** A base amount as a payroll file writes it ('12,000.50'): a number, not negative. */
export function parseBaseAmount(cell: string): number {
  const text = cell.normalize('NFKC').trim().replace(/,/g, '')
  const base = Number(text)
  if (text === '' || !Number.isFinite(base)) throw new UserError(t('assess.base.notNumber', { text: quote(cell) }))
  if (base < 0) throw new UserError(t('assess.base.negative', { text: excerpt(text) }))
  return base
}

/** base × coefficient, to the cent; null without a coefficient. */
export function unitBonus(base: number, coefficient: number | null): number | null {
  return coefficient === null ? null : round2(base * coefficient)
}

/** The sums of a bonus sheet, and the units left without a bonus for want of a coefficient. */
export function bonusTotals(lines: readonly BonusLine[]): { baseTotal: number; total: number; missing: string[] } {
  return {
    total: round2(lines.reduce((s, i) => s + (i.bonus ?? 0), 0)),
    baseTotal: round2(lines.reduce((s, i) => s + i.base, 0)),
    missing: lines.filter((i) => i.coefficient === null).map((i) => i.unit),
  }
}
