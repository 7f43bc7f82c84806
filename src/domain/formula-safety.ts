/**
 * Spreadsheet formula injection (DESIGN.md §5): a cell that starts with `=`, `+`, `-`, `@`, a tab
 * or a carriage return is a formula to Excel, even in a tab-separated file. Such a cell gets a
 * leading `'`, as csv-stringify's escape_formulas does for --csv; a plain number (`-3`, `+1.5`)
 * is no formula and stays as it is, so piped numbers still sum.
 */
export function neutraliseFormula(cell: string): string {
  if (!/^[=+\-@\t\r]/.test(cell)) return cell
  if (/^[-+]?\d+(\.\d+)?$/.test(cell)) return cell
  return `'${cell}`
}
