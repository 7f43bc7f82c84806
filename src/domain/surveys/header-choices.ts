import { UserError } from '../errors.js'
import { excerpt, quote } from '../excerpt.js'
import { displayHeader, normalizeHeader, type ColumnMap, type HeaderMapping, type MappingFile } from './header-aliases.js'
import { fieldName, type AmbiguousField, type KeywordMatch } from './header-keywords.js'
import { SURVEY_FIELDS, type SurveyField } from './survey-fields.js'
import { isChinese, t } from '../i18n/catalog.js'

/**
 * What the importer says about headers matched by keywords, and what it does with a field it
 * could not decide (header-keywords.ts): the summary line, the exit-3 error with the exact --map
 * JSON that would fix it, the choices a terminal offers, and the mapping file `icm survey map`
 * writes. Pure.
 */

/** "rated unit ← '2、您要评价的部门' (matched by 评价+部门)". */
export function describeKeywordMatch(headers: readonly string[], m: KeywordMatch): string {
  return t('surveyImport.keywordMatch', { field: fieldName(m.field), header: quote(displayHeader(headers, m.column)), keywords: m.keywords.join('+') })
}

/** How a mapping file names a column: its header text when no other column has the same one, else its 1-based number. */
export function columnRef(headers: readonly string[], column: number): string | number {
  const want = normalizeHeader(headers[column] ?? '')
  if (want === '') return column + 1
  const same = headers.filter((h) => normalizeHeader(h) === want).length
  return same === 1 ? displayHeader(headers, column) : column + 1
}

/**
 * The mapping file's JSON for `columns` (every field with its column) with what `map` said
 * besides columns (labels, units, date_order, loyalty_scale, id_prefix): the --map that reads the file this way.
 */
export function mappingJson(headers: readonly string[], columns: ColumnMap, map?: MappingFile): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const f of SURVEY_FIELDS) if (columns[f] !== undefined) out[f] = columnRef(headers, columns[f]!)
  if (map?.labels && Object.keys(map.labels).length > 0) out.labels = map.labels
  if (map?.units) out.units = map.units
  if (map?.dateOrder) out.date_order = map.dateOrder
  if (map?.loyaltyScale) out.loyalty_scale = map.loyaltyScale
  if (map?.idPrefix) out.id_prefix = map.idPrefix
  if (map?.wide) out.wide = map.wide
  return out
}

/** The columns with each undecided field given its best candidate: what a run without questions would need to be told. */
export function withBestGuesses(mapping: HeaderMapping): ColumnMap {
  const columns: ColumnMap = { ...mapping.columns }
  for (const a of mapping.ambiguous ?? []) columns[a.field] = a.candidates[0]!.column
  return columns
}

function candidateText(headers: readonly string[], a: AmbiguousField): string {
  return a.candidates.map((c) => t('surveyImport.candidate', { header: quote(excerpt(displayHeader(headers, c.column))), column: c.column + 1, keywords: c.keywords.join('+') })).join(', ')
}

/**
 * The error of a run that may not ask (--no-input, no terminal) when a field has no clear header:
 * exit 3, naming each field and its candidates, and the --map JSON (best guesses filled in) that
 * would import the file.
 */
export function ambiguityError(headers: readonly string[], mapping: HeaderMapping, map?: MappingFile): UserError {
  // the field by its key (what --map takes), and in Chinese by its name too: 总体满意度（overall）
  const field = (f: SurveyField) => (isChinese() ? `${fieldName(f)}（${f}）` : f)
  const parts = (mapping.ambiguous ?? []).map((a) =>
    a.candidates.every((c) => c.strong) && a.candidates.length > 1
      ? t('surveyImport.tie', { field: field(a.field), n: a.candidates.length, candidates: candidateText(headers, a) })
      : t('surveyImport.weak', { field: field(a.field), candidates: candidateText(headers, a) }),
  )
  const json = JSON.stringify(mappingJson(headers, withBestGuesses(mapping), map))
  return new UserError(
    t('surveyImport.whichColumn', { parts: parts.join(t('survey.listSeparator')) }),
    t('surveyImport.whichColumn.hint', { json }),
  )
}

/** The choices a terminal offers for a field: the candidates, best first, as "header (column N)". */
export function choicesFor(headers: readonly string[], a: AmbiguousField): { label: string; column: number }[] {
  return a.candidates.map((c) => ({ label: t('surveyImport.choice', { header: excerpt(displayHeader(headers, c.column)), column: c.column + 1 }), column: c.column }))
}

/**
 * What `icm survey map FILE` writes: the --map JSON of the mapping icm would use (best guesses
 * for undecided fields), with notes a person reviews once: the fields matched by keywords, the
 * guesses and their other candidates, and the headers no field uses. Notes are keys starting
 * with "_", which --map ignores, so the file can be reused as it is.
 */
export function surveyMapFile(headers: readonly string[], mapping: HeaderMapping, map?: MappingFile, dateOrder?: string): Record<string, unknown> {
  const out = mappingJson(headers, withBestGuesses(mapping), map)
  if (dateOrder && out.date_order === undefined) out.date_order = dateOrder
  const matched: Record<string, string> = {}
  for (const m of mapping.matched ?? []) matched[m.field] = t('survey.map.keywordNote', { header: displayHeader(headers, m.column), keywords: m.keywords.join('+') })
  if (Object.keys(matched).length > 0) out._matched_by_keywords = matched
  const guessed: Partial<Record<SurveyField, string[]>> = {}
  for (const a of mapping.ambiguous ?? []) guessed[a.field] = a.candidates.map((c) => displayHeader(headers, c.column))
  if (Object.keys(guessed).length > 0) out._guessed = guessed
  out._unmatched_headers = mapping.ignored.filter((h) => !(mapping.ambiguous ?? []).some((a) => displayHeader(headers, a.candidates[0]!.column) === h))
  return out
}
