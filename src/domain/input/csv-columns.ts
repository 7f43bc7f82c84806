import { toSimplified, unifyLookalikes } from '../org/unit-names.js'

/**
 * Finding a column of a CSV file that people made (DESIGN.md §7: every CSV import accepts Chinese
 * headers as well as English ones). A header is compared after NFKC, simplified Chinese and lower
 * case, without a BOM, outer spaces, a trailing colon or star, or a unit in brackets
 * (`奖金基数（元）`), and with spaces, `-` and `_` alike (`base amount` = `base_amount`).
 */
export type ColumnNames<F extends string> = Readonly<Record<F, readonly string[]>>

const INVISIBLE = /[\uFEFF\u200B-\u200D\u2060]/gu

export function columnKey(header: string): string {
  return toSimplified(unifyLookalikes(header.replace(INVISIBLE, '')))
    .trim()
    .replace(/\s*\([^()]*\)\s*$/u, '')
    .replace(/[\s:*]+$/u, '')
    .toLowerCase()
    .replace(/[\s_-]+/gu, '_')
}

/** Each field's column index in the header (-1 where the header has none of its names). */
export function findColumns<F extends string>(header: readonly string[], names: ColumnNames<F>): Record<F, number> {
  const keys = header.map(columnKey)
  const found = {} as Record<F, number>
  for (const field of Object.keys(names) as F[]) {
    const wanted = new Set([field, ...names[field]].map(columnKey))
    found[field] = keys.findIndex((k) => wanted.has(k))
  }
  return found
}

/** A field's names as a hint shows them: the English one, then the Chinese ones. */
export function namesOf<F extends string>(names: ColumnNames<F>, fields: readonly F[]): string {
  return `${fields.join(',')} (${fields.map((f) => names[f][0]).join(',')})`
}
