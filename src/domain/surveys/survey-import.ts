import { cellCountProblem } from '../bad-lines.js'
import { UserError } from '../errors.js'
import { quote } from '../excerpt.js'
import { t } from '../i18n/catalog.js'
import { displayHeader, headerWidth, type HeaderMapping, type MappingFile } from './header-aliases.js'
import type { CsvRecord } from './survey-csv.js'
import { compileSurveyRowValidator, isBlankRecord, rowFingerprint, type CanonicalResponse, type SurveyRowResult } from './survey-row.js'
import { createUnitResolver, type ResolvableUnit, type UnitMatchVia, type UnitResolution, type UnitResolver } from '../org/unit-names.js'
import type { WideLayout } from './wide-layout.js'
import { compileWideRowChecker, type WideResponse, type WideRowResult } from './wide-rows.js'

export type { WideResponse } from './wide-rows.js'

/**
 * The import's decision for each record of a survey file (DESIGN.md §5 "Survey CSV import"),
 * pure: blank lines are skipped; malformed records, records with fewer cells than the header or
 * more (bad-lines.cellCountProblem), and rows validateSurveyRow rejects are bad lines (exit 3);
 * a good row gets its natural key and fingerprint. Conflicts between rows need the database and
 * are the importer's.
 */

export type CheckedRecord =
  | { kind: 'blank' }
  | { kind: 'bad'; line: number; reason: string; cells: string[] }
  | { kind: 'row'; line: number; row: CanonicalResponse; key: string; fingerprint: string; cells: string[] }
  /** a wide row: its responses, one per unit it rates (none when it rates only the respondent's own unit) */
  | { kind: 'rows'; line: number; rows: WideResponse[]; cells: string[] }

/** A unit name in the file matched other than by its code or exact name, for the summary ("品質管理部 → QA (regional)"). */
export interface UnitNameMatch {
  text: string
  unit: string
  via: Exclude<UnitMatchVia, 'code' | 'name'>
}

/**
 * The natural key of a response within its survey: the export's own response id when the file
 * has one, else the fingerprint of its content (so a row without id imported twice is the same
 * row). Prefixed, so an id can never equal a fingerprint key.
 */
export function responseKey(row: CanonicalResponse, fingerprint: string): string {
  return row.responseId !== null ? `id:${row.responseId}` : `sha256:${fingerprint}`
}

/** The response id of a stored key, or null for a fingerprint key. */
export function responseIdOfKey(key: string): string | null {
  return key.startsWith('id:') ? key.slice(3) : null
}

/**
 * Units a mapping file's `units` section adds as aliases: `{"品质部": "QA"}` makes 品质部 another
 * name of QA. Throws UserError when it names a unit code that does not exist.
 */
export function unitsWithAliases(units: readonly ResolvableUnit[], aliases: Readonly<Record<string, string>> | undefined): ResolvableUnit[] {
  if (!aliases || Object.keys(aliases).length === 0) return [...units]
  const byCode = new Map(units.map((u) => [u.code.toUpperCase(), { ...u, aliases: [...(u.aliases ?? [])] }]))
  for (const [alias, code] of Object.entries(aliases)) {
    const u = byCode.get(code.trim().toUpperCase())
    if (!u) throw new UserError(t('surveyImport.map.unitNotCode', { alias: quote(alias), code: quote(code) }), t('surveyImport.map.unitNotCode.hint'))
    u.aliases.push(alias)
  }
  return [...byCode.values()]
}

/** Excel's neutralised formula cell as icm's own exports write it ('=…, '+…, '-…, '@…): the mark is dropped on the way back in. */
function unneutralise(cell: string): string {
  if (cell.charCodeAt(0) !== 39 || cell.length < 2) return cell
  const c = cell.charCodeAt(1)
  return c === 61 || c === 43 || c === 45 || c === 64 || c === 9 || c === 13 ? cell.slice(1) : cell
}

export class SurveyRecordChecker {
  private readonly validate: (cells: readonly string[]) => SurveyRowResult
  /** cells in the header record, and the header's columns without its trailing blank ones (headerWidth) */
  private readonly width: number
  private readonly minWidth: number
  private readonly matches = new Map<string, UnitNameMatch>()
  private readonly codeOf: Map<number, string>
  readonly wide: ((cells: string[]) => WideRowResult) | undefined
  /** wide rows: responses given, and ratings of the respondent's own unit skipped */
  responses = 0
  selfRatingsSkipped = 0

  /**
   * `headers`: the file's header record; `mapping`: mapHeaders of it; `units`: every unit of the
   * database (with the mapping file's aliases); `labels`: the mapping file's extra score labels.
   */
  constructor(headers: readonly string[], mapping: HeaderMapping, units: readonly ResolvableUnit[], map?: MappingFile, wide?: WideLayout) {
    this.width = headers.length
    this.minWidth = headerWidth(headers)
    this.codeOf = new Map(units.map((u) => [u.id, u.code]))
    const resolve = createUnitResolver(units)
    const seen = new Map<string, UnitResolution>()
    const tracked: UnitResolver = (text) => {
      const hit = seen.get(text)
      if (hit) return hit
      const r = resolve(text)
      if (seen.size < 10_000) seen.set(text, r)
      if (r.ok && r.via !== 'code' && r.via !== 'name') {
        const t = text.trim()
        if (!this.matches.has(t) && this.matches.size < 1000) this.matches.set(t, { text: t, unit: this.codeOf.get(r.id) ?? String(r.id), via: r.via })
      }
      return r
    }
    const rowContext = {
      columns: mapping.columns,
      resolveUnit: tracked,
      labels: map?.labels,
      headers,
      dateOrder: mapping.reading?.dateOrder,
      loyaltyScale: mapping.reading?.loyaltyScale,
      idPrefix: mapping.reading?.idPrefix,
    }
    this.validate = compileSurveyRowValidator(rowContext)
    this.wide = wide ? compileWideRowChecker({ ...rowContext, layout: wide }) : undefined
  }

  check(record: CsvRecord): CheckedRecord {
    const cells = record.cells
    if (record.error === undefined && isBlankRecord(cells)) return { kind: 'blank' }
    if (record.error !== undefined) return { kind: 'bad', line: record.line, reason: record.error, cells }
    if (cells.length < this.minWidth || cells.length > this.width) {
      const reason = cellCountProblem(cells, this.minWidth, this.width)
      if (reason !== undefined) return { kind: 'bad', line: record.line, reason, cells }
    }
    for (let i = 0; i < cells.length; i++) {
      if (cells[i]!.charCodeAt(0) === 39) cells[i] = unneutralise(cells[i]!)
    }
    if (this.wide) {
      const w = this.wide(cells)
      if (!w.ok) return { kind: 'bad', line: record.line, reason: w.reason, cells }
      this.responses += w.rows.length
      this.selfRatingsSkipped += w.selfRatings
      return { kind: 'rows', line: record.line, rows: w.rows, cells }
    }
    const v = this.validate(cells)
    if (!v.ok) return { kind: 'bad', line: record.line, reason: v.reason, cells }
    const fingerprint = rowFingerprint(v.row)
    return { kind: 'row', line: record.line, row: v.row, key: responseKey(v.row, fingerprint), fingerprint, cells }
  }

  /** Unit names matched other than by code or exact name, in the order first met. */
  unitMatches(): UnitNameMatch[] {
    return [...this.matches.values()]
  }

  /** Header of a field's column, for messages. */
  static header(headers: readonly string[], column: number): string {
    return displayHeader(headers, column)
  }
}

/** "line 3: accuracy: score 6 is out of range 1–5 (and 5 more bad lines)". */
export { describeBadLines } from '../bad-lines.js'

/** "品質管理部 → QA (regional)". */
export function describeUnitMatch(m: UnitNameMatch): string {
  return `${m.text} → ${m.unit} (${t(`surveyImport.via.${m.via}`)})`
}
