/**
 * How every all-or-nothing file import names what is wrong: the first bad line in file order, its
 * reason, and how many more bad lines there are: "line 4: invalid unit kind 'team' (and 2 more bad lines)".
 */
export function describeBadLines(first: { line: number; reason: string }, total: number): string {
  const more = total - 1
  return `line ${first.line}: ${first.reason}${more > 0 ? ` (and ${more} more bad line${more === 1 ? '' : 's'})` : ''}`
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
  if (n < width) return `${n} cell${n === 1 ? '' : 's'}, but the header has ${width} columns (a row cut short, or a line break in a cell that is not quoted?)`
  for (let i = length; i < n; i++) {
    if (cells[i]!.trim() !== '') return `${n} cells, but the header has ${length} columns (a delimiter inside a cell that is not quoted?)`
  }
  return undefined
}
