import path from 'node:path'
import type { Command } from 'commander'
import type { AppContext } from '../../cli/context.js'
import { openInputFile, readTextFile } from '../../cli/files.js'
import { example } from '../../cli/help.js'
import { yesOption } from '../../cli/options.js'
import { checkOutputPath, writeOutputFile } from '../../cli/output-file.js'
import { confirm } from '../../cli/output.js'
import { NotFoundError, UserError } from '../../domain/errors.js'
import { parseDelimiterOption } from '../../domain/surveys/csv-dialect.js'
import { surveyMapFile } from '../../domain/surveys/header-choices.js'
import { mapHeaders, parseMappingFile, type MappingFile } from '../../domain/surveys/header-aliases.js'
import type { WideLayout } from '../../domain/surveys/wide-layout.js'
import type { Store } from '../../storage/database.js'
import { layoutOption, settleLayout, wideColumnSet, wideMapSection, wideScoreColumns } from './import-wide.js'
import { parseEncodingOption } from '../../domain/surveys/text-encoding.js'
import { profileSurveyFile } from '../../storage/survey-import/survey-file.js'
import { readHead } from './import.js'
import { t } from '../../domain/i18n/catalog.js'

export interface SurveyMapOptions {
  encoding?: string
  delimiter?: string
  map?: string
  out?: string
  sheet?: string
  layout?: string
  yes?: boolean
}

export function registerSurveyMap(survey: Command, ctx: AppContext): void {
  const cmd = survey
    .command('map')
    .description(t('survey.map.description'))
    .argument('<file>', t('survey.map.file'))
    .option('--encoding <encoding>', t('survey.map.encoding'))
    .option('--delimiter <delimiter>', t('survey.import.delimiter'))
    .option('--map <file>', t('survey.map.map'))
    .option('--out <file>', t('survey.map.out'))
    .option('--sheet <sheet>', t('survey.map.sheet'))
    .option('--layout <layout>', t('surveyWide.option.layout'))
  yesOption(cmd, t('survey.map.yes')).action((file: string, opts: SurveyMapOptions) => surveyMapRun(ctx, file, opts))
  example(cmd, 'icm survey map wjx-export.csv --out wjx-map.json', 'icm survey import 2026H1-SERVICE wjx-*.csv --map wjx-map.json --no-input', 'icm survey map matrix.xlsx --layout wide --out matrix-map.json')
}

export async function surveyMapRun(ctx: AppContext, file: string, opts: SurveyMapOptions): Promise<void> {
  const encoding = opts.encoding === undefined ? 'auto' : parseEncodingOption(opts.encoding)
  const delimiter = opts.delimiter === undefined ? undefined : parseDelimiterOption(opts.delimiter)
  const given = opts.map ? parseMappingFile(readTextFile(ctx, opts.map)) : undefined
  const inputs = [...(file !== '-' ? [file] : []), ...(opts.map ? [opts.map] : [])]
  const target = opts.out === undefined ? undefined : await checkOutputPath(ctx, opts.out, { flag: '--out', yes: opts.yes, inputs })
  if (opts.out !== undefined && target === undefined) return
  const input = openInputFile(ctx, file)
  try {
    const shown = input.spooled ? input.shown : path.basename(file)
    const head = await readHead(input.path, shown, { encoding, delimiter, sheet: opts.sheet })
    const wide = await wideLayoutOf(ctx, head.headers, given, opts.layout)
    const mapping = mapHeaders(head.headers, given, { wide: wideColumnSet(wide) })
    let dateOrder: string | undefined
    try {
      // With the best guesses the mapping would use; an all-ambiguous date column is left for date_order.
      dateOrder = (await profileSurveyFile(input.path, head, mapping, { dateOrder: given?.dateOrder }, wideScoreColumns(wide))).dateOrder
    } catch (e) {
      if (!(e instanceof UserError)) throw e
    }
    const { _unmatched_headers, ...fields } = surveyMapFile(head.headers, mapping, given, dateOrder)
    // a wide file: the columns naming units, so that a run with --map reads it as this one would
    const doc = wide ? { ...fields, layout: 'wide', wide: wideMapSection(head.headers, wide), _unmatched_headers } : { ...fields, _unmatched_headers }
    const text = `${JSON.stringify(doc, null, 2)}\n`
    if (target === undefined) {
      ctx.io.out(text)
      return
    }
    writeOutputFile(target, text)
    const guessed = (mapping.ambiguous ?? []).map((a) => a.field)
    confirm(ctx, guessed.length > 0 ? t('survey.map.writtenGuessed', { file: shown, out: String(opts.out), fields: guessed.join(', ') }) : t('survey.map.written', { file: shown, out: String(opts.out) }))
  } finally {
    input.dispose()
  }
}

/**
 * The file's wide layout as `survey import` would settle it: the units come from the database,
 * so without one a file is described long (with a note), unless --layout wide asks for it.
 */
async function wideLayoutOf(ctx: AppContext, headers: readonly string[], map: MappingFile | undefined, layoutArg: string | undefined): Promise<WideLayout | undefined> {
  const layout = layoutOption(layoutArg, map)
  if (layout === 'long') return undefined
  let store: Store
  try {
    store = await ctx.store()
  } catch (e) {
    if (!(e instanceof NotFoundError) || layout === 'wide') throw e
    ctx.io.err(`icm: ${t('survey.map.noUnits', { location: ctx.dbLocation() })}\n`)
    return undefined
  }
  return settleLayout(store, headers, map, layoutArg)
}
