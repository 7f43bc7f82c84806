import type { Command } from 'commander'
import type { AppContext } from '../../cli/context.js'
import { example } from '../../cli/help.js'
import { yesOption } from '../../cli/options.js'
import { OutputFile, checkOutputPath } from '../../cli/output-file.js'
import { confirm, printEntity, toCsv } from '../../cli/output.js'
import { need } from '../../cli/prompt.js'
import { surveyExportRecord } from '../../domain/surveys/survey-export.js'
import { SURVEY_EXPORT_COLUMNS } from '../../domain/surveys/survey-fields.js'
import { appendEvent } from '../../storage/events-repo.js'
import { iterateResponses, listBatches } from '../../storage/surveys-repo.js'
import { listUnits } from '../../storage/units-repo.js'
import { requireSurvey } from './survey-json.js'
import { counted } from '../../domain/counting.js'

export interface SurveyExportOptions {
  out?: string
  excel?: boolean
  yes?: boolean
}

export function registerSurveyExport(survey: Command, ctx: AppContext): void {
  const cmd = survey
    .command('export')
    .description('Write every response with unit codes and names as CSV (formula-safe)')
    .argument('<code>', 'survey code')
    .option('--out <file>', 'the CSV file to write')
    .option('--excel', 'start with a BOM, so Excel reads the file as UTF-8')
  yesOption(cmd).action((code: string, opts: SurveyExportOptions) => surveyExportRun(ctx, code, opts))
  example(cmd, 'icm survey export 2026H1-SERVICE --out responses.csv --excel')
}

export async function surveyExportRun(ctx: AppContext, code: string, opts: SurveyExportOptions): Promise<void> {
  const out = await need(ctx, opts.out, { flag: '--out', message: 'CSV file to write' })
  const store = await ctx.store()
  const s = await requireSurvey(store.db, code)
  const target = await checkOutputPath(ctx, out, { flag: '--out', yes: opts.yes })
  if (target === undefined) return
  const units = new Map((await listUnits(store.db, { includeInactive: true })).map((u) => [u.id, u]))
  const files = new Map((await listBatches(store.db, s.id)).map((b) => [b.id, b.file_name]))
  const record = surveyExportRecord(s.code, units, files)
  const header = [...SURVEY_EXPORT_COLUMNS]
  const excel = opts.excel === true
  const file = OutputFile.open(target)
  let count = 0
  try {
    // toCsv writes the header first; later pages drop it, so the file has it once.
    const headerLength = (await toCsv(header, [])).length
    let first = true
    for await (const page of iterateResponses(store.db, s.id)) {
      const csv = await toCsv(header, page.map(record), { bom: first && excel })
      file.write(first ? csv : csv.slice(headerLength))
      first = false
      count += page.length
    }
    if (first) file.write(await toCsv(header, [], { bom: excel }))
    file.commit()
  } catch (e) {
    file.discard()
    throw e
  }
  await store.write(async (trx) => appendEvent(trx, ctx.event('survey.export', s.code, { file: target, responses: count, excel })))
  if (ctx.json) printEntity(ctx, { survey: s.code, file: target, responses: count, excel }, [])
  confirm(ctx, `${counted(count, 'response')} of ${s.code} written to ${out}${opts.excel ? ' (with a BOM for Excel)' : ''}`)
}
