import { escapeHtml } from './html.js'

/**
 * Small charts repeated for every unit, drawn directly as SVG: a company of 200 units needs 400
 * of them, which the chart library would take seconds to render. Scores are 0–100.
 */

export interface ComponentBar {
  label: string
  value: number | null
  /** the company median, drawn as a tick */
  median: number | null
}

const fmt = (v: number) => v.toFixed(1)

/**
 * Horizontal bars of a unit's scores with a reference (the company median) as a dark tick; n/a
 * written out. The scale is 0–100 unless given (1–5 for survey means).
 */
export function componentsSvg(bars: readonly ComponentBar[], opts: { na: string; median: string; min?: number; max?: number; digits?: number; labelWidth?: number }): string {
  const min = opts.min ?? 0
  const max = opts.max ?? 100
  const show = (v: number) => v.toFixed(opts.digits ?? 1)
  const row = 20
  const left = opts.labelWidth ?? 70
  const barW = 200
  const width = left + barW + 50
  const height = bars.length * row + 22
  const x = (v: number) => left + (barW * (Math.max(min, Math.min(max, v)) - min)) / (max - min)
  const parts = bars.map((b, i) => {
    const y = i * row + 4
    const label = `<text x="${left - 6}" y="${y + 12}" text-anchor="end" font-size="11">${escapeHtml(b.label)}</text>`
    const track = `<rect x="${left}" y="${y + 2}" width="${barW}" height="12" fill="#eef1f4"/>`
    const bar = b.value === null ? `<text x="${left + 4}" y="${y + 12}" font-size="10" fill="#636c76" font-style="italic">${escapeHtml(opts.na)}</text>` : `<rect class="component" x="${left}" y="${y + 2}" width="${(x(b.value) - left).toFixed(1)}" height="12" fill="#4f6bd8"/><text x="${(x(b.value) + 4).toFixed(1)}" y="${y + 12}" font-size="10">${show(b.value)}</text>`
    const tick = b.median === null ? '' : `<rect class="median" x="${(x(b.median) - 1).toFixed(1)}" y="${y}" width="2" height="16" fill="#1f2328"/>`
    return label + track + bar + tick
  })
  const legendY = bars.length * row + 16
  const legend = `<rect x="${left}" y="${legendY - 9}" width="2" height="12" fill="#1f2328"/><text x="${left + 6}" y="${legendY}" font-size="10" fill="#636c76">${escapeHtml(opts.median)}</text>`
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img">${parts.join('')}${legend}</svg>`
}

export interface TrendPointView {
  label: string
  value: number | null
}

/** A unit's totals over the last periods as a line with dots (gaps where there is no total). */
export function trendSvg(points: readonly TrendPointView[]): string {
  const width = 240
  const height = 120
  const left = 28
  const right = 12
  const top = 10
  const plotH = 80
  const step = points.length > 1 ? (width - left - right) / (points.length - 1) : 0
  const px = (i: number) => (points.length > 1 ? left + i * step : (width + left - right) / 2)
  const py = (v: number) => top + plotH - (plotH * Math.max(0, Math.min(100, v))) / 100
  const grid = [0, 50, 100].map((v) => `<line x1="${left}" x2="${width - right}" y1="${py(v)}" y2="${py(v)}" stroke="#e3e6ea"/><text x="${left - 4}" y="${py(v) + 3}" font-size="9" text-anchor="end" fill="#636c76">${v}</text>`)
  const segments: string[] = []
  let run: string[] = []
  points.forEach((p, i) => {
    if (p.value === null) {
      if (run.length > 1) segments.push(run.join(' '))
      run = []
    } else run.push(`${px(i).toFixed(1)},${py(p.value).toFixed(1)}`)
  })
  if (run.length > 1) segments.push(run.join(' '))
  const lines = segments.map((s) => `<polyline points="${s}" fill="none" stroke="#4f6bd8" stroke-width="2"/>`)
  const dots = points.map((p, i) =>
    p.value === null ? '' : `<circle cx="${px(i).toFixed(1)}" cy="${py(p.value).toFixed(1)}" r="3" fill="#4f6bd8"/><text x="${px(i).toFixed(1)}" y="${(py(p.value) - 6).toFixed(1)}" font-size="9" text-anchor="middle">${fmt(p.value)}</text>`,
  )
  const labels = points.map((p, i) => `<text x="${px(i).toFixed(1)}" y="${height - 8}" font-size="9" text-anchor="middle" fill="#636c76">${escapeHtml(p.label)}</text>`)
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img">${grid.join('')}${lines.join('')}${dots.join('')}${labels.join('')}</svg>`
}
