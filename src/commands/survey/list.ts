import type { Command } from 'commander'
import type { AppContext } from '../../cli/context.js'
import { example } from '../../cli/help.js'
import { printEntity, printRows, printText } from '../../cli/output.js'
import { countResponses, listBatches, listSurveys } from '../../storage/surveys-repo.js'
import { batchJson, requireSurvey, surveyJson } from './survey-json.js'

/** `survey list` and `survey show`. */
export function registerSurveyViews(survey: Command, ctx: AppContext): void {
  example(
    survey
      .command('list')
      .description('List surveys with their responses and import batches')
      .action(() => surveyListRun(ctx)),
    'icm survey list',
  )
  example(
    survey
      .command('show')
      .description('Show a survey: its period, counts and import batches (file, sha256, rows, actor, time)')
      .argument('<code>', 'survey code')
      .action((code: string) => surveyShowRun(ctx, code)),
    'icm survey show 2026H1-SERVICE',
  )
}

export async function surveyListRun(ctx: AppContext): Promise<void> {
  const store = await ctx.store()
  const rows = await listSurveys(store.db)
  await printRows(
    ctx,
    rows,
    [
      { header: 'code', value: (s) => s.code },
      { header: 'title', value: (s) => s.title },
      { header: 'kind', value: (s) => s.kind },
      { header: 'period', value: (s) => s.period },
      { header: 'responses', value: (s) => s.responses, align: 'right' },
      { header: 'batches', value: (s) => s.batches, align: 'right' },
    ],
    {
      csv: ctx.csv,
      json: (s) => ({ ...surveyJson(s), responses: s.responses, batches: s.batches }),
      empty: 'no surveys yet (create one with icm survey create)',
    },
  )
}

export async function surveyShowRun(ctx: AppContext, code: string): Promise<void> {
  const store = await ctx.store()
  const s = await requireSurvey(store.db, code)
  const responses = await countResponses(store.db, s.id)
  const batches = (await listBatches(store.db, s.id)).map(batchJson)
  const json = { ...surveyJson(s), responses, batches }
  if (ctx.json) {
    printEntity(ctx, json, [])
    return
  }
  printEntity(ctx, json, [
    ['code', s.code],
    ['title', s.title],
    ['kind', s.kind],
    ['period', `${s.period} (${s.period_start} … ${s.period_end})`],
    ['responses', responses],
    ['import batches', batches.length],
    ['created', json.createdAt],
  ])
  if (batches.length > 0) {
    printText(ctx, '\nImport batches:')
    await printRows(ctx, batches, [
      { header: 'batch', value: (b) => b.batch, align: 'right' },
      { header: 'file', value: (b) => b.file },
      { header: 'sha256', value: (b) => b.sha256 },
      { header: 'rows', value: (b) => b.rows, align: 'right' },
      { header: 'imported', value: (b) => b.imported, align: 'right' },
      { header: 'present', value: (b) => b.alreadyPresent, align: 'right' },
      { header: 'rejected', value: (b) => b.rejected, align: 'right' },
      { header: 'by', value: (b) => b.actor },
      { header: 'at', value: (b) => b.at },
    ])
  }
}
