import type { AppContext } from '../../cli/context.js'
import { printRows, printText } from '../../cli/output.js'
import { UsageError } from '../../domain/errors.js'
import { formatCount } from '../../domain/counting.js'
import { t } from '../../domain/i18n/catalog.js'
import { displayHeader, normalizeHeader, type MappingFile } from '../../domain/surveys/header-aliases.js'
import { unitsWithAliases } from '../../domain/surveys/survey-import.js'
import { decideLayout, detectWideColumns, type WideLayout } from '../../domain/surveys/wide-layout.js'
import { parseLayout, type SurveyLayout, type WideMapEntry } from '../../domain/surveys/wide-map.js'
import type { ScoreField } from '../../domain/surveys/survey-fields.js'
import type { Store } from '../../storage/database.js'
import type { SurveyImportResult } from '../../storage/survey-import/import.js'
import { listUnits } from '../../storage/units-repo.js'

/**
 * `survey import --layout auto|long|wide` (issue 16): whether a file is read wide (one respondent
 * row rating many units, a column per unit and dimension), what --show-mapping shows of it, and
 * what the summary adds. The rules are the domain's (wide-layout.ts, wide-rows.ts).
 */

/** The file's wide layout, or undefined to read it long (--layout long, or auto on a file that is not wide). */
export async function settleLayout(store: Store, headers: readonly string[], map: MappingFile | undefined, layoutArg: string | undefined): Promise<WideLayout | undefined> {
  const layout = layoutOption(layoutArg, map)
  if (layout === 'long') return undefined
  const units = unitsWithAliases(
    (await listUnits(store.db, { includeInactive: true })).map((u) => ({ id: u.id, code: u.code, name: u.name })),
    map?.units,
  )
  return decideLayout(layout, headers, detectWideColumns(headers, units, map), map)
}

/** --layout (UsageError when it is not one of the three), else the mapping file's "layout", else auto. */
export function layoutOption(layoutArg: string | undefined, map: MappingFile | undefined): SurveyLayout {
  if (layoutArg === undefined) return map?.layout ?? 'auto'
  const layout = parseLayout(layoutArg)
  if (!layout) throw new UsageError(t('surveyWide.badLayout', { value: layoutArg }), t('surveyWide.badLayoutHint'))
  return layout
}

/** The "wide" section a mapping file needs to read the file as this layout does: header (or column number when the header is not unique) → unit and dimension. */
export function wideMapSection(headers: readonly string[], wide: WideLayout): Record<string, WideMapEntry> {
  const out: Record<string, WideMapEntry> = {}
  const norm = headers.map(normalizeHeader)
  for (const c of wide.columns) {
    const header = headers[c.column] ?? ''
    const unique = header.trim() !== '' && norm.indexOf(norm[c.column]!) === c.column
    out[unique ? header : String(c.column + 1)] = { unit: c.unit, dimension: c.dimension }
  }
  return out
}

/** The columns a wide layout owns (not the fields a row shares). */
export function wideColumnSet(wide: WideLayout | undefined): ReadonlySet<number> | undefined {
  return wide ? new Set(wide.columns.map((c) => c.column)) : undefined
}

/** A wide layout's score columns, for the answers' profile (a 0–10 loyalty scale, the answer forms). */
export function wideScoreColumns(wide: WideLayout | undefined): [ScoreField, number][] {
  return (wide?.columns ?? []).filter((c): c is typeof c & { dimension: ScoreField } => c.dimension !== 'comment').map((c) => [c.dimension, c.column])
}

/** The expansion for --show-mapping --json: which column feeds which unit and dimension. */
export function wideMappingJson(headers: readonly string[], wide: WideLayout): { unit: string; dimension: string; column: number; header: string; via: string }[] {
  return wide.columns.map((c) => ({ unit: c.unit, dimension: c.dimension, column: c.column + 1, header: displayHeader(headers, c.column), via: c.via }))
}

/** --show-mapping of a wide file: the line saying so and the table of its unit columns. */
export async function printWideMapping(ctx: AppContext, headers: readonly string[], wide: WideLayout): Promise<void> {
  printText(ctx, t('surveyWide.layoutLine', { units: wide.units.length }))
  await printRows(ctx, wideMappingJson(headers, wide), [
    { header: 'unit', title: t('surveyWide.title.unit'), value: (c) => c.unit },
    { header: 'dimension', title: t('surveyWide.title.dimension'), value: (c) => c.dimension },
    { header: 'column', title: t('surveyWide.title.column'), value: (c) => c.column, align: 'right' },
    { header: 'header', title: t('surveyWide.title.header'), value: (c) => c.header },
    { header: 'via', title: t('surveyWide.title.via'), value: (c) => t(`surveyWide.via.${c.via as 'code' | 'name' | 'map'}`) },
  ])
}

/** The summary's --json keys of a wide import: the layout, the responses the rows gave, the own-unit ratings skipped. */
export function wideSummaryJson(result: SurveyImportResult): Record<string, unknown> {
  if (!result.wide) return {}
  return { layout: 'wide', responses: result.wide.responses, selfRatingsSkipped: result.wide.selfRatingsSkipped }
}

/** The summary's lines of a wide import: [name, value, title]. */
export function wideSummaryFields(result: SurveyImportResult): [string, unknown, string][] {
  if (!result.wide) return []
  const { responses, selfRatingsSkipped: n } = result.wide
  return [
    ['layout', 'wide', t('surveyWide.field.layout')],
    ['responses', t('surveyWide.responsesValue', { responses: formatCount(responses), rows: formatCount(result.read) }), t('surveyWide.field.responses')],
    ['own unit skipped', t('surveyWide.selfRatingsValue', { n: formatCount(n) }), t('surveyWide.field.selfRatings')],
  ]
}

/** The confirmation of a wide import (or dry run): responses, rows, and the own-unit ratings skipped. */
export function wideConfirmation(result: SurveyImportResult, survey: string, file: string, rest: string, dryRun: boolean): string | undefined {
  if (!result.wide) return undefined
  const n = result.wide.selfRatingsSkipped
  const skipped = n > 0 ? t('surveyWide.selfSkipped', { n: formatCount(n) }) : ''
  const args = { imported: formatCount(result.imported), responses: formatCount(result.wide.responses), rows: formatCount(result.read), survey, rest: rest + skipped }
  return dryRun ? t('surveyWide.dryRun', args) : t('surveyWide.imported', { ...args, file, batch: result.batchId ?? '' })
}
