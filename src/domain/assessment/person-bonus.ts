import { UserError } from '../errors.js'
import { excerpt, quote } from '../excerpt.js'
import { round2 } from '../rounding.js'
import { t } from '../i18n/catalog.js'
import { findColumns } from '../input/csv-columns.js'
import { BONUS_BASE_COLUMNS } from './assessment.js'

/**
 * Bonuses for people (policy 8.四 部门和个人的绩效奖金, DESIGN.md §3 Bonuses): a base file lists
 * either units (`unit,base_amount`) or people (`person,unit,base_amount`, or 姓名,部门,奖金基数);
 * each person's amount is their base × their unit's coefficient, to the cent.
 */

/** The columns of a base file: English or Chinese names, simplified or traditional (姓名 = 姓名, 部門 = 部门). */
const BASE_FILE_COLUMNS = { person: ['姓名', '人员', '员工', '员工姓名'], unit: BONUS_BASE_COLUMNS.unit, base_amount: BONUS_BASE_COLUMNS.base_amount } as const

export interface BaseColumns {
  /** -1 when the file lists units */
  person: number
  unit: number
  base: number
}

/** The columns of a base file by its header (English or Chinese names, any case); refused (exit 3) without unit and base_amount. */
export function baseColumns(header: readonly string[], shown: string): BaseColumns {
  const found = findColumns(header, BASE_FILE_COLUMNS)
  const cols3 = { person: found.person, unit: found.unit, base: found.base_amount }
  if (cols3.unit < 0 || cols3.base < 0) {
    throw new UserError(t('assess.base.header', { file: shown, has: excerpt(header.join(',')) }), t('assess.base.header.hint'))
  }
  return cols3
}

export interface BaseRow {
  line: number
  /** null on a unit row (no person column, or the person cell empty) */
  person: string | null
}

/**
 * Refuses (exit 3) a file that mixes person rows and unit rows, naming the first line of the
 * other kind than its first row's, and a person listed twice, naming both lines.
 */
export function checkBaseRows(rows: readonly BaseRow[], shown: string): 'person' | 'unit' {
  const first = rows[0]
  if (!first) return 'unit'
  const kind = first.person === null ? 'unit' : 'person'
  const other = rows.find((r) => (r.person === null) !== (kind === 'unit'))
  if (other) {
    const what = (r: BaseRow) => (r.person === null ? t('assess.base.unitRow') : t('assess.base.personRow', { person: quote(r.person) }))
    throw new UserError(t('assess.base.mixed', { file: shown, line: other.line, other: what(other), firstLine: first.line, first: what(first) }), t('assess.base.mixed.hint'))
  }
  const seen = new Map<string, number>()
  for (const r of rows) {
    if (r.person === null) continue
    const key = r.person.normalize('NFC').replace(/\s+/g, ' ').trim().toLowerCase()
    const before = seen.get(key)
    if (before !== undefined) throw new UserError(t('assess.base.personTwice', { file: shown, person: quote(r.person), before, line: r.line }), t('assess.base.personTwice.hint'))
    seen.set(key, r.line)
  }
  return kind
}

/** One person's line of the bonus sheet. */
export interface PersonBonus {
  person: string
  /** their unit (code) as the file names it */
  unit: string
  /** the unit whose row gave the coefficient: the position itself, or the department */
  assessedAs: string
  grade: string | null
  coefficient: number | null
  base: number
  /** base × coefficient to the cent; null (shown n/a) when the unit has no grade */
  bonus: number | null
}

export interface UnitSubtotal {
  unit: string
  people: number
  baseTotal: number
  /** the sum of the amounts that could be computed */
  total: number
}

/** Totals per unit (in order of first appearance) and overall, and the people left without an amount. */
export function personBonusTotals(lines: readonly PersonBonus[]): { units: UnitSubtotal[]; baseTotal: number; total: number; missing: string[] } {
  const units = new Map<string, UnitSubtotal>()
  for (const l of lines) {
    const u = units.get(l.unit) ?? { unit: l.unit, people: 0, baseTotal: 0, total: 0 }
    u.people++
    u.baseTotal = round2(u.baseTotal + l.base)
    u.total = round2(u.total + (l.bonus ?? 0))
    units.set(l.unit, u)
  }
  return {
    units: [...units.values()],
    baseTotal: round2(lines.reduce((s, l) => s + l.base, 0)),
    total: round2(lines.reduce((s, l) => s + (l.bonus ?? 0), 0)),
    missing: lines.filter((l) => l.bonus === null).map((l) => l.person),
  }
}
