import { Chalk } from 'chalk'
import Table from 'cli-table3'
import { formatInstant } from '../domain/calendar/dates.js'
import { neutraliseFormula } from '../domain/formula-safety.js'
import { label, t } from '../domain/i18n/catalog.js'
import type { EnumKind } from '../domain/i18n/enums.js'
import type { AppContext } from './context.js'
import { displayWidth, padTo } from './fit.js'

/**
 * Every command prints through here: an aligned table on a terminal, tab-separated lines with a
 * header when piped, one JSON document with --json, RFC 4180 with --csv. Data goes to stdout;
 * confirmations, notes and warnings to stderr.
 */
export interface Column<T> {
  /** the column's name in CSV and piped output: a contract for scripts, English, never translated */
  header: string
  /** its name on a terminal, in the interface language (default: header) */
  title?: string
  value: (row: T) => unknown
  /** a fixed value (a status, a channel …): shown by its label on a terminal, as itself when piped */
  enum?: EnumKind
  align?: 'left' | 'right'
}

/**
 * A line of an entity printed by printEntity: [name, value], or [name, value, title] where the
 * name is what piped output says (English, a contract) and the title what a terminal shows.
 */
export type EntityField = readonly [name: string, value: unknown, title?: string]

export interface RowsOptions<T> {
  /** print CSV (default: the global --csv) */
  csv?: boolean
  /** the JSON object of a row (default: the row itself) */
  json?: (row: T) => unknown
  /** said on stderr when there are no rows, e.g. 'no units' */
  empty?: string
  /** printed above a table (not in JSON or CSV), e.g. the weights used */
  caption?: string
}

export function cellText(v: unknown): string {
  if (v === null || v === undefined) return ''
  if (typeof v === 'boolean') return v ? 'yes' : 'no'
  if (Array.isArray(v)) return v.map((x) => cellText(x)).join(', ')
  if (typeof v === 'number') return String(v)
  // a record inside a cell (a plan's milestones in a complaint's timeline): its values, never [object Object]
  if (typeof v === 'object') return Object.values(v as Record<string, unknown>).map((x) => cellText(x)).join(' ')
  return String(v)
}

export function printJson(ctx: AppContext, doc: unknown): void {
  if (!Array.isArray(doc) || doc.length < 200) {
    ctx.io.out(`${JSON.stringify(doc, null, 2)}\n`)
    return
  }
  // a long list goes out a slice at a time (the same bytes as one JSON.stringify, less memory)
  ctx.io.out('[\n')
  for (let i = 0; i < doc.length; i += 200) {
    const slice = doc.slice(i, i + 200).map((item) => `  ${JSON.stringify(item, null, 2).replace(/\n/g, '\n  ')}`)
    ctx.io.out(slice.join(',\n') + (i + 200 < doc.length ? ',\n' : '\n'))
  }
  ctx.io.out(']\n')
}

export async function printRows<T>(ctx: AppContext, rows: readonly T[], columns: Column<T>[], opts: RowsOptions<T> = {}): Promise<void> {
  if (ctx.json) {
    printJson(ctx, rows.map((r) => (opts.json ? opts.json(r) : r)))
    return
  }
  if (opts.csv || ctx.csv) {
    ctx.io.out(await toCsv(columns.map((c) => c.header), rows.map((r) => columns.map((c) => cellText(c.value(r))))))
    return
  }
  if (rows.length === 0) {
    if (opts.empty) ctx.io.err(`${opts.empty}\n`)
    return
  }
  if (!ctx.io.stdoutIsTTY) {
    ctx.io.out(tsv([columns.map((c) => c.header), ...rows.map((r) => columns.map((c) => cellText(c.value(r))))]))
    return
  }
  const header = columns.map((c) => c.title ?? c.header)
  const body = rows.map((r) => columns.map((c) => shownCell(c.value(r), c.enum)))
  if (opts.caption) ctx.io.out(`${opts.caption}\n`)
  const chalk = new Chalk({ level: ctx.io.color ? 1 : 0 })
  const table = new Table({
    head: header.map((h) => chalk.bold(h)),
    style: { head: [], border: [], compact: true },
    colAligns: columns.map((c) => c.align ?? 'left'),
    wordWrap: true,
  })
  for (const row of body) table.push(row)
  const text = table.toString()
  // every line of the table is as wide as its top border
  const width = displayWidth(text.split('\n', 1)[0] ?? '')
  // wider than the terminal, a table wraps into a mess: one record at a time instead (psql's \x auto)
  if (ctx.io.columns !== undefined && width > ctx.io.columns && columns.length > 2) {
    ctx.io.err(`${t('output.expanded', { width, columns: ctx.io.columns })}\n`)
    ctx.io.out(expandedRecords(header, body, chalk))
    return
  }
  ctx.io.out(`${text}\n`)
}

/** Each row as a block of `title  value` lines under a rule with its number: a wide table on a narrow terminal. */
function expandedRecords(titles: readonly string[], body: readonly string[][], chalk: InstanceType<typeof Chalk>): string {
  const titleWidth = Math.max(...titles.map(displayWidth))
  const indent = ' '.repeat(titleWidth + 2)
  const lines: string[] = []
  body.forEach((row, i) => {
    lines.push(chalk.dim(`─── ${i + 1} / ${body.length} ───`))
    titles.forEach((title, j) => {
      const value = (row[j] ?? '').split('\n').join(`\n${indent}`)
      lines.push(`${chalk.bold(padTo(title, titleWidth))}  ${value}`.trimEnd())
    })
  })
  return `${lines.join('\n')}\n`
}

/** An entity: its JSON object with --json, else label/value lines. */
export function printEntity(ctx: AppContext, json: unknown, fields: readonly EntityField[]): void {
  if (ctx.json) {
    printJson(ctx, json)
    return
  }
  if (!ctx.io.stdoutIsTTY) {
    ctx.io.out(tsv(fields.map(([k, v]) => [k, cellText(v)])))
    return
  }
  const body = fields.map(([k, v, title]) => [title ?? k, shownCell(v)])
  const chalk = new Chalk({ level: ctx.io.color ? 1 : 0 })
  const table = new Table({ style: { head: [], border: [] }, wordWrap: true })
  for (const [k, v] of body) table.push([chalk.bold(k ?? ''), v ?? ''])
  ctx.io.out(`${table.toString()}\n`)
}

/** A cell as a terminal shows it: a fixed value by its label, yes/no in the interface language. */
function shownCell(v: unknown, kind?: EnumKind): string {
  if (typeof v === 'boolean') return label('yesNo', v ? 'yes' : 'no')
  if (kind !== undefined && typeof v === 'string' && v !== '') return label(kind, v)
  if (Array.isArray(v)) return v.map((x) => shownCell(x, kind)).join(', ')
  return cellText(v)
}

/** A line of prose on stdout (human mode only), e.g. a section title in `show`. */
export function printText(ctx: AppContext, text: string): void {
  if (!ctx.json) ctx.io.out(text.endsWith('\n') ? text : `${text}\n`)
}

/** A caption above a table on a terminal (left out when piped, so tab-separated output stays clean). */
export function printCaption(ctx: AppContext, text: string): void {
  if (!ctx.json && ctx.io.stdoutIsTTY) ctx.io.out(`${text}\n`)
}

/** A confirmation on stderr: '✓ unit HR added'. */
export function confirm(ctx: AppContext, message: string): void {
  ctx.io.err(`✓ ${message}\n`)
}

export function warn(ctx: AppContext, message: string): void {
  ctx.io.err(`icm: ${t('system.warning', { message })}\n`)
}

/** Tab-separated lines; a TSV redirected to a file opens in Excel too, so formulas are neutralised. */
function tsv(rows: string[][]): string {
  return rows.map((r) => r.map((c) => neutraliseFormula(c.replace(/[\t\r\n]+/g, ' '))).join('\t')).join('\n') + '\n'
}

/** RFC 4180, cells that start like a formula neutralised (= + - @ tab CR). */
export async function toCsv(header: string[], rows: string[][], opts: { bom?: boolean } = {}): Promise<string> {
  const { stringify } = await import('csv-stringify/sync')
  // quoted_match: a cell holding a line break must be quoted (csv-stringify only quotes CRLF by itself)
  return stringify([header, ...rows], { escape_formulas: true, bom: opts.bom === true, record_delimiter: 'windows', quoted_match: /[\r\n]/ })
}

/** An ISO UTC text from the database as ISO 8601 with the local offset (null stays null). */
export function shownInstant(iso: string | null | undefined): string | null {
  return iso ? formatInstant(new Date(iso)) : null
}
