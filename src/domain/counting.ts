/** Counts as messages show them: one number format everywhere, and the right English plural. */

/** 500000 → '500,000': the same in progress lines, summaries and confirmations. */
export function formatCount(n: number): string {
  return n.toLocaleString('en-US', { maximumFractionDigits: 2 })
}

/** counted(1, 'unit') → '1 unit'; counted(500000, 'row') → '500,000 rows'; counted(2, 'batch', 'batches'). */
export function counted(n: number, one: string, other = `${one}s`): string {
  return `${formatCount(n)} ${n === 1 ? one : other}`
}
