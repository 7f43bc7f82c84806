import { UserError } from '../errors.js'
import { excerpt, quote } from '../excerpt.js'
import { t } from '../i18n/catalog.js'
import { createUnitResolver, foldUnitName, type ResolvableUnit } from '../org/unit-names.js'
import { displayHeader, fieldForHeader, headerWidth, normalizeHeader, type MappingFile } from './header-aliases.js'
import { FIELD_KEYWORDS, keywordsIn } from './header-keywords.js'
import type { SurveyLayout, WideDimension } from './wide-map.js'

/**
 * The wide layout (issue 16): one respondent row rating many units, a matrix question exported as
 * one column per unit and dimension (`6、请对以下部门的服务进行评价—财务部`, `财务部-及时性`,
 * `对信息技术部的总体满意度`, `[IT] Overall satisfaction`). Pure: finds the columns whose header
 * names one unit (by its code, name, traditional name or a mapping file's `units` alias, or given
 * in the mapping file's `"wide"`), the dimension its other words name (none: overall), and decides
 * the layout of a file.
 */

/** A column of the wide layout: the unit it rates and what it holds for it. */
export interface WideColumn {
  /** 0-based */
  column: number
  unitId: number
  /** the unit's code */
  unit: string
  dimension: WideDimension
  /** how the header named the unit: its code, a name (or alias) in the header, or the mapping file */
  via: 'code' | 'name' | 'map'
  /** the dimension word found ('' for none: overall) */
  keyword: string
}

/** One rated unit of the layout and its columns, in the order the file first names the units. */
export interface WideUnit {
  unitId: number
  unit: string
  columns: Partial<Record<WideDimension, number>>
}

export interface WideLayout {
  columns: WideColumn[]
  units: WideUnit[]
}

/** What the headers say: the columns naming one unit, and those naming two or more (an error in a wide file). */
export interface WideDetection {
  columns: WideColumn[]
  several: { column: number; units: string[] }[]
}

/** Dimension words in the order they are looked for (a comment word wins: 对财务部的意见 is that unit's comment). */
const DIMENSION_ORDER: readonly WideDimension[] = ['comment', 'accuracy', 'timeliness', 'completeness', 'professionalism', 'loyalty', 'overall']

interface UnitName {
  unitId: number
  code: string
  /** folded (foldUnitName) for a name with a Chinese character, else lower-case ASCII words */
  text: string
  ascii: boolean
}

function namesOf(units: readonly ResolvableUnit[]): UnitName[] {
  const out: UnitName[] = []
  for (const u of units) {
    for (const n of [u.name, ...(u.aliases ?? [])]) {
      const ascii = /^[\x20-\x7e]+$/.test(n.trim())
      const text = ascii ? n.trim().toLowerCase().replace(/\s+/g, ' ') : foldUnitName(n)
      // a one-character name would be found in every other header
      if (text.length >= 2) out.push({ unitId: u.id, code: u.code, text, ascii })
    }
  }
  return out
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/**
 * The units a header names, by code (case as written, between non-letters: `[IT]`, `IT-及时性`) or
 * name (a name inside a longer name of another unit does not count: 信息技术部 is not also 技术部),
 * and the header without them, normalised (normalizeHeader), for its dimension word.
 */
export function unitsInHeader(header: string, units: readonly ResolvableUnit[], names: readonly UnitName[] = namesOf(units)): { units: Map<number, 'code' | 'name'>; rest: string } {
  const raw = header.normalize('NFKC')
  const folded = foldUnitName(raw)
  const lower = raw.toLowerCase()
  const found = new Map<number, 'code' | 'name'>()
  const spans: { from: number; to: number; unitId: number }[] = []
  let rest = normalizeHeader(header)
  for (const n of names) {
    if (n.ascii) {
      if (new RegExp(`(?:^|[^a-z0-9])${escape(n.text)}(?:$|[^a-z0-9])`).test(lower)) spans.push({ from: -1, to: -1, unitId: n.unitId })
    } else {
      for (let at = folded.indexOf(n.text); at >= 0; at = folded.indexOf(n.text, at + 1)) spans.push({ from: at, to: at + n.text.length, unitId: n.unitId })
    }
  }
  for (const s of spans) {
    const inside = s.from >= 0 && spans.some((o) => o !== s && o.from <= s.from && o.to >= s.to && o.to - o.from > s.to - s.from)
    if (!inside) found.set(s.unitId, 'name')
  }
  for (const n of names) if (found.has(n.unitId)) rest = rest.split(n.ascii ? n.text : n.text).join(' ')
  for (const u of units) {
    const code = u.code.trim()
    if (code.length < 2) continue
    const re = new RegExp(`(?:^|[^A-Za-z0-9])${escape(code)}(?:$|[^A-Za-z0-9])`)
    if (re.test(raw)) {
      if (!found.has(u.id)) found.set(u.id, 'code')
      rest = rest.replace(new RegExp(`(^|[^a-z0-9])${escape(code.toLowerCase())}(?=$|[^a-z0-9])`, 'g'), '$1 ')
    }
  }
  return { units: found, rest }
}

/** The dimension a header's words (without its unit) name, and the word: overall with '' when none does. */
export function dimensionOf(rest: string): { dimension: WideDimension; keyword: string } {
  for (const d of DIMENSION_ORDER) {
    const k = keywordsIn(rest, FIELD_KEYWORDS[d]!)
    if (k) return { dimension: d, keyword: k[0]! }
  }
  return { dimension: 'overall', keyword: '' }
}

/**
 * Every column whose header names exactly one unit (with its dimension), and those naming two or
 * more; columns the mapping file's "wide" gives are taken from it. Throws UserError when the
 * mapping file's "wide" names a header or unit that does not exist.
 */
export function detectWideColumns(headers: readonly string[], units: readonly ResolvableUnit[], map?: MappingFile): WideDetection {
  const width = headerWidth(headers)
  const names = namesOf(units)
  const codeOf = new Map(units.map((u) => [u.id, u.code]))
  const given = new Map<number, WideColumn>()
  if (map?.wide) {
    const resolve = createUnitResolver(units)
    const norm = headers.slice(0, width).map(normalizeHeader)
    for (const [ref, entry] of Object.entries(map.wide)) {
      const column = /^\d+$/.test(ref) ? Number(ref) - 1 : norm.indexOf(normalizeHeader(ref))
      if (column < 0 || column >= width) throw new UserError(t('surveyWide.mapNoHeader', { header: quote(ref) }), t('surveyWide.mapNoHeaderHint'))
      const r = resolve(entry.unit)
      if (!r.ok) throw new UserError(t('surveyWide.mapNoUnit', { header: quote(ref), unit: quote(entry.unit) }), t('surveyWide.mapNoUnitHint'))
      given.set(column, { column, unitId: r.id, unit: codeOf.get(r.id)!, dimension: entry.dimension, via: 'map', keyword: '' })
    }
  }
  const columns: WideColumn[] = []
  const several: WideDetection['several'] = []
  for (let column = 0; column < width; column++) {
    const g = given.get(column)
    if (g) {
      columns.push(g)
      continue
    }
    const header = headers[column] ?? ''
    if (header.trim() === '' || fieldForHeader(header) !== undefined) continue
    const { units: found, rest } = unitsInHeader(header, units, names)
    if (found.size === 0) continue
    if (found.size > 1) {
      several.push({ column, units: [...found.keys()].map((id) => codeOf.get(id)!) })
      continue
    }
    const [unitId, via] = [...found][0]!
    columns.push({ column, unitId, unit: codeOf.get(unitId)!, via, ...dimensionOf(rest) })
  }
  return { columns, several }
}

/** True when a header not naming a unit holds the rated unit (its alias, or every keyword group of rated_unit). */
function holdsRatedUnit(header: string): boolean {
  if (fieldForHeader(header) === 'rated_unit') return true
  const spec = FIELD_KEYWORDS.rated_unit!
  return keywordsIn(normalizeHeader(header), spec)?.length === spec.groups.length
}

/**
 * The layout of a file: undefined for long, else its wide layout. auto is wide when headers name
 * at least two units and no other column holds the rated unit (nor does the mapping file give
 * one). Throws UserError (exit 3) for --layout wide without a column naming a unit, and, when the
 * file is read wide, for a header naming two units or two columns giving one unit's dimension.
 */
export function decideLayout(layout: SurveyLayout, headers: readonly string[], found: WideDetection, map?: MappingFile): WideLayout | undefined {
  if (layout === 'long') return undefined
  if (layout === 'auto') {
    const named = new Set([...found.columns.map((c) => c.unit), ...found.several.flatMap((s) => s.units)])
    const wideColumns = new Set([...found.columns.map((c) => c.column), ...found.several.map((s) => s.column)])
    const rated = map?.columns.rated_unit !== undefined || headers.some((h, i) => !wideColumns.has(i) && h.trim() !== '' && holdsRatedUnit(h))
    if (named.size < 2 || rated) return undefined
  }
  if (found.columns.length === 0 && found.several.length === 0) throw new UserError(t('surveyWide.noUnitColumns'), t('surveyWide.noUnitColumnsHint'))
  const two = found.several[0]
  if (two) {
    throw new UserError(
      t('surveyWide.twoUnits', { header: quote(excerpt(displayHeader(headers, two.column))), column: two.column + 1, units: two.units.join(', ') }),
      t('surveyWide.twoUnitsHint', { column: two.column + 1 }),
    )
  }
  const units: WideUnit[] = []
  const byId = new Map<number, WideUnit>()
  for (const c of found.columns) {
    let u = byId.get(c.unitId)
    if (!u) {
      u = { unitId: c.unitId, unit: c.unit, columns: {} }
      byId.set(c.unitId, u)
      units.push(u)
    }
    const before = u.columns[c.dimension]
    if (before !== undefined) {
      throw new UserError(
        t('surveyWide.sameDimension', { a: quote(excerpt(displayHeader(headers, before))), b: quote(excerpt(displayHeader(headers, c.column))), unit: c.unit, dimension: c.dimension }),
        t('surveyWide.sameDimensionHint'),
      )
    }
    u.columns[c.dimension] = c.column
  }
  return { columns: found.columns, units }
}
