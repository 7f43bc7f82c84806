import path from 'node:path'
import type { Command } from 'commander'
import type { AppContext } from '../../cli/context.js'
import { openInputFile, readTextFile } from '../../cli/files.js'
import { example } from '../../cli/help.js'
import { yesOption } from '../../cli/options.js'
import { checkOutputPath, writeOutputFile } from '../../cli/output-file.js'
import { confirm } from '../../cli/output.js'
import { UserError } from '../../domain/errors.js'
import { parseDelimiterOption } from '../../domain/surveys/csv-dialect.js'
import { surveyMapFile } from '../../domain/surveys/header-choices.js'
import { mapHeaders, parseMappingFile } from '../../domain/surveys/header-aliases.js'
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
  yesOption(cmd, t('survey.map.yes')).action((file: string, opts: SurveyMapOptions) => surveyMapRun(ctx, file, opts))
  example(cmd, 'icm survey map wjx-export.csv --out wjx-map.json', 'icm survey import 2026H1-SERVICE wjx-*.csv --map wjx-map.json --no-input')
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
    const mapping = mapHeaders(head.headers, given)
    let dateOrder: string | undefined
    try {
      // With the best guesses the mapping would use; an all-ambiguous date column is left for date_order.
      dateOrder = (await profileSurveyFile(input.path, head, mapping, { dateOrder: given?.dateOrder })).dateOrder
    } catch (e) {
      if (!(e instanceof UserError)) throw e
    }
    const doc = surveyMapFile(head.headers, mapping, given, dateOrder)
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
