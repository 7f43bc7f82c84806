import { createHash } from 'node:crypto'

/**
 * The hash of a final score table's rows (DESIGN.md §8): stored when a period is finalized and
 * checked whenever the table is shown, exported or used for bonuses, so rows edited outside icm
 * are noticed. It covers the period and, per row in position order, every column that is printed
 * or paid out, as stored:
 *
 *     JSON.stringify([period, [[unit_id, position, code, name, s, t, c, h, self, superior,
 *                                total, rank, grade, bonus, details], …]])
 */
export interface HashedTableRow {
  unit_id: number
  /** the row's place in the table (rank order, then code) */
  position: number
  code: string
  name: string
  s: number | null
  t: number | null
  c: number | null
  h: number | null
  self: number | null
  superior: number | null
  total: number | null
  rank: number | null
  grade: string | null
  bonus: number | null
  /** JSON: everything behind the row */
  details: string
}

/** The text that is hashed: the period and the rows sorted by position (then unit id). */
export function canonicalTableRows(period: string, rows: readonly HashedTableRow[]): string {
  const sorted = [...rows].sort((a, b) => a.position - b.position || a.unit_id - b.unit_id)
  return JSON.stringify([period, sorted.map((r) => [r.unit_id, r.position, r.code, r.name, r.s, r.t, r.c, r.h, r.self, r.superior, r.total, r.rank, r.grade, r.bonus, r.details])])
}

/** The sha256 (hex) of a table's rows. */
export function tableRowsHash(period: string, rows: readonly HashedTableRow[]): string {
  return sha256Hex(canonicalTableRows(period, rows))
}

/** The sha256 of a text's UTF-8 bytes, in hex (the table's rows hash and its inputs fingerprint). */
export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex')
}
