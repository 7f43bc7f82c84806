import { UserError } from '../errors.js'
import { excerpt, quote } from '../excerpt.js'
import { SCORE_FIELDS, type ScoreField } from './survey-fields.js'
import { t } from '../i18n/catalog.js'

/**
 * The wide layout's part of a `--map` file (DESIGN.md §5, issue 16): `"wide"` gives a column
 * whose header names no unit (`Q6_2`) its unit and dimension. Pure; imports nothing of the header
 * matching, so header-aliases.ts can read it.
 *
 *   "wide": { "Q6_1": "FIN", "Q6_2": { "unit": "FIN", "dimension": "timeliness" }, "14": { "unit": "IT" } }
 *
 * Keys are a header text or a 1-based column number; a unit alone is its overall score.
 */

/** What a wide column holds for its unit: one of the six scores, or that unit's comment. */
export type WideDimension = ScoreField | 'comment'
export const WIDE_DIMENSIONS: readonly WideDimension[] = [...SCORE_FIELDS, 'comment']

export interface WideMapEntry {
  /** a unit code, name or alias, as the "units" section and the database know it */
  unit: string
  dimension: WideDimension
}

/** The `--layout` option: auto (wide when headers name units and no column holds the rated unit), long or wide. */
export type SurveyLayout = 'auto' | 'long' | 'wide'

export function isWideDimension(v: unknown): v is WideDimension {
  return typeof v === 'string' && (WIDE_DIMENSIONS as readonly string[]).includes(v)
}

const hint = () => t('surveyWide.mapHint', { example: '"wide": {"Q6_1": "FIN", "Q6_2": {"unit": "FIN", "dimension": "timeliness"}}' })

/** The `"wide"` section of a mapping file; throws UserError naming the entry that is not one. */
export function parseWideMap(value: unknown): Record<string, WideMapEntry> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new UserError(t('surveyWide.mapNotObject', { shape: '{"unit", "dimension"}' }), hint())
  }
  const out: Record<string, WideMapEntry> = {}
  for (const [header, v] of Object.entries(value as Record<string, unknown>)) {
    if (header.trim() === '') throw new UserError(t('surveyWide.mapEmptyHeader'), hint())
    if (typeof v === 'string' && v.trim() !== '') {
      out[header] = { unit: v.trim(), dimension: 'overall' }
      continue
    }
    const o = v as { unit?: unknown; dimension?: unknown } | null
    const dimension = o?.dimension ?? 'overall'
    if (typeof o !== 'object' || o === null || Array.isArray(o) || typeof o.unit !== 'string' || o.unit.trim() === '' || !isWideDimension(dimension)) {
      throw new UserError(
        t('surveyWide.mapBadEntry', { header: quote(header), value: excerpt(JSON.stringify(v) ?? String(v)), shape: `{"unit": …, "dimension": ${WIDE_DIMENSIONS.join('|')}}` }),
        hint(),
      )
    }
    out[header] = { unit: o.unit.trim(), dimension }
  }
  return out
}

/** Parses `--layout`; undefined when it is not one of the three. */
export function parseLayout(text: string): SurveyLayout | undefined {
  const t = text.trim().toLowerCase()
  return t === 'auto' || t === 'long' || t === 'wide' ? t : undefined
}

/** The mapping file's `"layout"`; throws UserError when it is not auto, long or wide. */
export function parseLayoutKey(value: unknown): SurveyLayout {
  const layout = typeof value === 'string' ? parseLayout(value) : undefined
  if (!layout) throw new UserError(t('surveyWide.badLayoutKey', { value: excerpt(JSON.stringify(value) ?? String(value)) }), t('surveyWide.badLayoutHint'))
  return layout
}
