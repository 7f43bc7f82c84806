import { displayWidth, cutTo, padTo } from '../../cli/fit.js'

/** The audit trail as a terminal shows it: one line per event, the details as key=value pairs. */

export interface ShownEvent {
  id: number
  at: string | null
  actor: string
  host: string
  action: string
  entity: string | null
  details: Record<string, unknown>
}

/** {"title":"x","n":2} → title=x n=2; a value with spaces or '=' is quoted, objects as JSON. */
export function detailsText(details: Record<string, unknown>): string {
  return Object.entries(details)
    .map(([k, v]) => `${k}=${valueText(v)}`)
    .join(' ')
}

function valueText(v: unknown): string {
  if (v === null || v === undefined) return '-'
  if (typeof v === 'string') return v === '' || /[\s="]/.test(v) ? JSON.stringify(v) : v
  if (typeof v === 'number' || typeof v === 'boolean') return String(v)
  return JSON.stringify(v)
}

/**
 * A header and one line per event, columns aligned; each line cut to `width` columns unless
 * `full` (which also shows the host).
 */
export function logLines(events: readonly ShownEvent[], width: number | undefined, full: boolean): string[] {
  const cols: [string, (e: ShownEvent) => string][] = [
    ['at', (e) => e.at ?? '-'],
    ['actor', (e) => e.actor],
    ...(full ? [['host', (e: ShownEvent) => e.host] as [string, (e: ShownEvent) => string]] : []),
    ['action', (e) => e.action],
    ['entity', (e) => e.entity ?? '-'],
  ]
  const widths = cols.map(([h, f]) => Math.max(displayWidth(h), ...events.map((e) => displayWidth(f(e)))))
  const line = (cells: string[], details: string) => `${cells.map((c, i) => padTo(c, widths[i]!)).join('  ')}  ${details}`.trimEnd()
  const cut = (text: string) => (full || width === undefined ? text : cutTo(text, width))
  return [line(cols.map(([h]) => h), 'details'), ...events.map((e) => cut(line(cols.map(([, f]) => f(e)), detailsText(e.details))))]
}
