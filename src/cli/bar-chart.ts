import { displayWidth } from './fit.js'

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
