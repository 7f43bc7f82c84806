/**
 * How every all-or-nothing file import names what is wrong: the first bad line in file order, its
 * reason, and how many more bad lines there are: "line 4: invalid unit kind 'team' (and 2 more bad lines)".
 */
export function describeBadLines(first: { line: number; reason: string }, total: number): string {
  const more = total - 1
  return `line ${first.line}: ${first.reason}${more > 0 ? ` (and ${more} more bad line${more === 1 ? '' : 's'})` : ''}`
}
