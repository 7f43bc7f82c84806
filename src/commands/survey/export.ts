import type { Command } from 'commander'
import type { AppContext } from '../../cli/context.js'
import { example } from '../../cli/help.js'
import { yesOption } from '../../cli/options.js'
import { OutputFile, checkOutputPath } from '../../cli/output-file.js'
import { confirm, printEntity } from '../../cli/output.js'
import { PeopleCsv, peopleFileOptions, peopleFormat, peopleHeader, type PeopleFileOptions } from '../../cli/people-csv.js'
import { need } from '../../cli/prompt.js'
import { surveyExportRecord } from '../../domain/surveys/survey-export.js'
import { SURVEY_EXPORT_COLUMNS } from '../../domain/surveys/survey-fields.js'
import { appendEvent } from '../../storage/events-repo.js'
import { iterateResponses, listBatches } from '../../storage/surveys-repo.js'
import { listUnits } from '../../storage/units-repo.js'
import { requireSurvey } from './survey-json.js'
import { formatCount } from '../../domain/counting.js'
import { t } from '../../domain/i18n/catalog.js'

export interface SurveyExportOptions extends PeopleFileOptions {
  out?: string
  yes?: boolean
}

export function registerSurveyExport(survey: Command, ctx: AppContext): void {
  const cmd = survey
    .command('export')
    .description(t('survey.export.description'))
    .argument('<code>', t('survey.code'))
    .option('--out <file>', t('survey.export.out'))
  yesOption(peopleFileOptions(cmd)).action((code: string, opts: SurveyExportOptions) => surveyExportRun(ctx, code, opts))
  example(cmd, 'icm survey export 2026H1-SERVICE --out 2026上半年问卷.csv')
}

export async function surveyExportRun(ctx: AppContext, code: string, opts: SurveyExportOptions): Promise<void> {
  const format = peopleFormat(opts)
  const out = await need(ctx, opts.out, { flag: '--out', message: t('survey.export.askOut') })
  const store = await ctx.store()
  const s = await requireSurvey(store.db, code)
  const target = await checkOutputPath(ctx, out, { flag: '--out', yes: opts.yes })
  if (target === undefined) return
  const units = new Map((await listUnits(store.db, { includeInactive: true })).map((u) => [u.id, u]))
  const files = new Map((await listBatches(store.db, s.id)).map((b) => [b.id, b.file_name]))
  const record = surveyExportRecord(s.code, units, files)
  const csv = new PeopleCsv(peopleHeader(SURVEY_EXPORT_COLUMNS, format), format)
  const file = OutputFile.open(target)
  let count = 0
  try {
    let first = true
    for await (const page of iterateResponses(store.db, s.id)) {
      file.write(await csv.page(page.map(record)))
      first = false
      count += page.length
    }
    if (first) file.write(await csv.page([]))
    file.commit()
  } catch (e) {
    file.discard()
    throw e
  }
  const excel = format.encoding === 'utf8-bom'
  await store.write(async (trx) => appendEvent(trx, ctx.event('survey.export', s.code, { file: target, responses: count, excel, encoding: format.encoding })))
  if (ctx.json) printEntity(ctx, { survey: s.code, file: target, responses: count, excel, encoding: format.encoding }, [])
  confirm(ctx, t('survey.exported', { n: formatCount(count), code: s.code, file: out }))
}
