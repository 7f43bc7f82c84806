import { UserError } from '../errors.js'
import { excerpt, quote } from '../excerpt.js'
import { jsonErrorAt } from '../input/json-error.js'
import { t } from '../i18n/catalog.js'
import { SURVEY_FIELDS, type SurveyField } from './survey-fields.js'
import { parseLoyaltyScale } from './file-reading.js'
import { parseIdPrefix } from './id-prefix.js'
import { parseDateOrder, type DateOrder } from './written-dates.js'
import { parseLayoutKey, parseWideMap, type SurveyLayout, type WideMapEntry } from './wide-map.js'

/**
 * The `--map FILE.json` of a survey import (DESIGN.md §5): which header feeds which field, extra
 * score labels and unit names, and how the answers are read. mapHeaders (header-aliases.ts)
 * applies it to a file's headers.
 */

/**
 * A `--map FILE.json`: `{ "<field>": "<header text>" | <1-based column>, "labels": { "<label>": 1..5 } }`.
 * parseMappingFile builds it from the JSON text.
 */
export interface MappingFile {
  /** Field → a header text (compared after normalizeHeader) or a 1-based column number. */
  columns: Partial<Record<SurveyField, string | number>>
  /** Extra score labels → score, as written in the file (parseScore folds them like its own). */
  labels: Record<string, number>
  /** Extra unit names → unit code (`"units": {"品质部": "QA"}`), for names the folding cannot match. */
  units?: Record<string, string>
  /** "date_order": how dates with the year last are read. */
  dateOrder?: DateOrder
  /** "loyalty_scale": 10 for a 0–10 loyalty question. */
  loyaltyScale?: 5 | 10
  /** "id_prefix": put before each response id of the file (id-prefix.ts). */
  idPrefix?: string
  /** "wide": header (or 1-based column number) → the unit and dimension it rates (wide-map.ts). */
  wide?: Record<string, WideMapEntry>
  /** "layout": as --layout, which wins over it (icm survey map writes "wide" for a wide file). */
  layout?: SurveyLayout
}

export function isSurveyField(key: string): key is SurveyField {
  return (SURVEY_FIELDS as readonly string[]).includes(key)
}

const mappingExample = () => t('surveyImport.map.example', { example: '{"response_id": "ID", "rated_unit": "Which department are you rating?", "overall": 13, "labels": {"Neutral": 3}}' })

/**
 * A `--map` file's JSON: keys are survey fields (values a header text or a 1-based column
 * number) and `labels` (label → score 1–5). Throws UserError for invalid JSON (with the parser's
 * message), an unknown key, a wrong type, or a label score outside 1–5.
 */
export function parseMappingFile(jsonText: string): MappingFile {
  let data: unknown
  const text = jsonText.replace(/^\uFEFF/, '')
  try {
    data = JSON.parse(text)
  } catch (e) {
    const at = jsonErrorAt(text, (e as Error).message)
    if (!at) throw new UserError(t('surveyImport.map.notJson', { error: (e as Error).message }), mappingExample())
    if ('token' in at) throw new UserError(t('surveyImport.map.notJsonToken', { token: quote(at.token) }), mappingExample())
    const near = at.rest === '' ? t('surveyImport.map.atEnd') : quote(at.rest, 20)
    throw new UserError(t('surveyImport.map.notJsonAt', { line: at.line, column: at.column, near }), mappingExample())
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new UserError(t('surveyImport.map.notObject'), mappingExample())
  }
  const result: MappingFile = { columns: {}, labels: {} }
  for (const [key, value] of Object.entries(data as Record<string, unknown>)) {
    if (key === 'labels') {
      result.labels = parseLabels(value)
      continue
    }
    if (key === 'units') {
      result.units = parseUnitAliases(value)
      continue
    }
    if (key === 'wide' || key === 'layout') {
      if (key === 'wide') result.wide = parseWideMap(value)
      else result.layout = parseLayoutKey(value)
      continue
    }
    if (key.startsWith('_')) continue // notes for the reader ("_guessed", "_unmatched_headers" from icm survey map)
    if (key === 'date_order') {
      const order = typeof value === 'string' ? parseDateOrder(value) : undefined
      if (!order) throw new UserError(t('surveyImport.map.badDateOrder', { value: excerpt(JSON.stringify(value) ?? String(value)) }), t('surveyImport.map.badDateOrder.hint'))
      result.dateOrder = order
      continue
    }
    if (key === 'loyalty_scale') {
      result.loyaltyScale = parseLoyaltyScale(value, t('surveyImport.map.loyaltyScaleWhat'))
      continue
    }
    if (key === 'id_prefix') {
      result.idPrefix = parseIdPrefix(value, t('surveyImport.map.idPrefixWhat'), '"id_prefix": "B-"')
      continue
    }
    if (!isSurveyField(key)) {
      throw new UserError(t('surveyImport.map.unknownKey', { key: quote(key) }), t('surveyImport.map.unknownKey.hint', { fields: SURVEY_FIELDS.join(', ') }))
    }
    if (typeof value === 'string' && value.trim() !== '') {
      result.columns[key] = value
    } else if (typeof value === 'number' && Number.isInteger(value) && value >= 1) {
      result.columns[key] = value
    } else {
      throw new UserError(
        t('surveyImport.map.badColumn', { key, value: String(JSON.stringify(value)) }),
        mappingExample(),
      )
    }
  }
  return result
}

function parseLabels(value: unknown): Record<string, number> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new UserError(t('surveyImport.map.labelsNotObject'), t('surveyImport.map.example', { example: '"labels": {"Neutral": 3, "Good": 4}' }))
  }
  const labels: Record<string, number> = {}
  for (const [label, score] of Object.entries(value as Record<string, unknown>)) {
    if (label.trim() === '') throw new UserError(t('surveyImport.map.emptyLabel'), t('surveyImport.map.emptyLabel.hint'))
    if (typeof score !== 'number' || !Number.isInteger(score) || score < 1 || score > 5) {
      throw new UserError(t('surveyImport.map.badLabelScore', { label: quote(label), score: excerpt(JSON.stringify(score) ?? String(score)) }), t('surveyImport.map.example', { example: '"labels": {"Neutral": 3}' }))
    }
    labels[label] = score
  }
  return labels
}

function parseUnitAliases(value: unknown): Record<string, string> {
  const hint = t('surveyImport.map.example', { example: '"units": {"品质部": "QA"}' })
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new UserError(t('surveyImport.map.unitsNotObject'), hint)
  }
  const units: Record<string, string> = {}
  for (const [name, code] of Object.entries(value as Record<string, unknown>)) {
    if (name.trim() === '') throw new UserError(t('surveyImport.map.emptyUnitName'), hint)
    if (typeof code !== 'string' || code.trim() === '') {
      throw new UserError(t('surveyImport.map.badUnitCode', { name: quote(name), code: excerpt(JSON.stringify(code) ?? String(code)) }), hint)
    }
    units[name.trim()] = code.trim()
  }
  return units
}
