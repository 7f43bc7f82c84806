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

/** The column titles of the terminal view, in the interface language. */
export interface LogTitles {
  at: string
  actor: string
  host: string
  action: string
  entity: string
  details: string
}

const ENGLISH_TITLES: LogTitles = { at: 'at', actor: 'actor', host: 'host', action: 'action', entity: 'entity', details: 'details' }

/**
 * A header and one line per event, columns aligned; each line cut to `width` columns unless
 * `full` (which also shows the host).
 */
export function logLines(events: readonly ShownEvent[], width: number | undefined, full: boolean, titles: LogTitles = ENGLISH_TITLES): string[] {
  const cols: [string, (e: ShownEvent) => string][] = [
    [titles.at, (e) => e.at ?? '-'],
    [titles.actor, (e) => e.actor],
    ...(full ? [[titles.host, (e: ShownEvent) => e.host] as [string, (e: ShownEvent) => string]] : []),
    [titles.action, (e) => e.action],
    [titles.entity, (e) => e.entity ?? '-'],
  ]
  const widths = cols.map(([h, f]) => Math.max(displayWidth(h), ...events.map((e) => displayWidth(f(e)))))
  const line = (cells: string[], details: string) => `${cells.map((c, i) => padTo(c, widths[i]!)).join('  ')}  ${details}`.trimEnd()
  const cut = (text: string) => (full || width === undefined ? text : cutTo(text, width))
  return [line(cols.map(([h]) => h), titles.details), ...events.map((e) => cut(line(cols.map(([, f]) => f(e)), detailsText(e.details))))]
}
