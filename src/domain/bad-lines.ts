import { t } from './i18n/catalog.js'

/**
 * How every all-or-nothing file import names what is wrong: the first bad line in file order, its
 * reason, and how many more bad lines there are: "line 4: invalid unit kind 'team' (and 2 more bad lines)".
 */
export function describeBadLines(first: { line: number; reason: string }, total: number): string {
  const more = total - 1
  return more > 0 ? t('badLines.lineAndMore', { line: first.line, reason: first.reason, n: more }) : t('badLines.line', { line: first.line, reason: first.reason })
}

/**
 * Why a record's cell count does not fit its header, or undefined when it fits. Every file
 * import uses this rule (DESIGN.md §8): fewer cells than the header's `width` (headerWidth:
 * trailing blank header cells do not count) is a bad line, as the last row of a file cut
 * mid-row is; more cells than the header's `length` is a bad line unless the extra cells are all
 * blank (Excel's trailing commas). Blank records are the caller's to skip before asking.
 */
export function cellCountProblem(cells: readonly string[], width: number, length: number = width): string | undefined {
  const n = cells.length
  if (n < width) return t('badLines.fewerCells', { n, width })
  for (let i = length; i < n; i++) {
    if (cells[i]!.trim() !== '') return t('badLines.moreCells', { n, width: length })
  }
  return undefined
}
