/** A horizontal bar chart in Unicode blocks, eighths included: '███████▌ 79.0'. */
const PARTS = ['', '▏', '▎', '▍', '▌', '▋', '▊', '▉']

export function barChart(items: readonly { label: string; value: number | null }[], max = 100, width = 40): string {
  const labelWidth = Math.max(0, ...items.map((i) => displayWidth(i.label)))
  return items
    .map((i) => {
      const label = i.label + ' '.repeat(labelWidth - displayWidth(i.label))
      if (i.value === null) return `${label} │ n/a`
      const eighths = Math.round((Math.max(0, Math.min(i.value, max)) / max) * width * 8)
      return `${label} │${'█'.repeat(Math.floor(eighths / 8))}${PARTS[eighths % 8]} ${i.value.toFixed(1)}`
    })
    .join('\n')
}

/** Terminal columns of a string: CJK and other wide characters take two. */
export function displayWidth(s: string): number {
  let w = 0
  for (const ch of s) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]|[\u{20000}-\u{3fffd}]/u.test(ch) ? 2 : 1
  return w
}
