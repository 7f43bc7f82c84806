import type { Command } from 'commander'
import type { AppContext } from '../../cli/context.js'
import { example } from '../../cli/help.js'
import { printEntity, printRows, printText } from '../../cli/output.js'
import { countResponses, listBatches, listSurveys } from '../../storage/surveys-repo.js'
import { batchJson, requireSurvey, shownKind, surveyJson } from './survey-json.js'
import { t } from '../../domain/i18n/catalog.js'

/** `survey list` and `survey show`. */
export function registerSurveyViews(survey: Command, ctx: AppContext): void {
  example(
    survey
      .command('list')
      .description(t('survey.list.description'))
      .action(() => surveyListRun(ctx)),
    'icm survey list',
  )
  example(
    survey
      .command('show')
      .description(t('survey.show.description'))
      .argument('<code>', t('survey.code'))
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
      { header: 'code', title: t('survey.col.code'), value: (s) => s.code },
      { header: 'title', title: t('survey.col.title'), value: (s) => s.title },
      { header: 'kind', title: t('survey.col.kind'), value: (s) => s.kind, enum: 'surveyKind' },
      { header: 'period', title: t('survey.col.period'), value: (s) => s.period },
      { header: 'responses', title: t('survey.col.responses'), value: (s) => s.responses, align: 'right' },
      { header: 'batches', title: t('survey.col.batches'), value: (s) => s.batches, align: 'right' },
    ],
    {
      csv: ctx.csv,
      json: (s) => ({ ...surveyJson(s), responses: s.responses, batches: s.batches }),
      empty: t('survey.list.empty'),
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
    ['code', s.code, t('survey.col.code')],
    ['title', s.title, t('survey.col.title')],
    ['kind', shownKind(s.kind), t('survey.col.kind')],
    ['period', `${s.period} (${s.period_start} … ${s.period_end})`, t('survey.col.period')],
    ['responses', responses, t('survey.col.responses')],
    ['import batches', batches.length, t('survey.field.importBatches')],
    ['created', json.createdAt, t('survey.field.created')],
  ])
  if (batches.length > 0) {
    printText(ctx, `\n${t('survey.show.batches')}`)
    await printRows(ctx, batches, [
      { header: 'batch', title: t('survey.col.batch'), value: (b) => b.batch, align: 'right' },
      { header: 'file', title: t('survey.col.file'), value: (b) => b.file },
      { header: 'sha256', value: (b) => b.sha256 },
      { header: 'rows', title: t('survey.col.rows'), value: (b) => b.rows, align: 'right' },
      { header: 'imported', title: t('survey.col.imported'), value: (b) => b.imported, align: 'right' },
      { header: 'present', title: t('survey.col.present'), value: (b) => b.alreadyPresent, align: 'right' },
      { header: 'rejected', title: t('survey.col.rejected'), value: (b) => b.rejected, align: 'right' },
      // the --id-prefix of a batch: importing its file again needs the same
      ...(batches.some((b) => b.idPrefix !== null) ? [{ header: 'id prefix', title: t('survey.col.idPrefix'), value: (b: (typeof batches)[number]) => b.idPrefix ?? '' }] : []),
      { header: 'by', title: t('survey.col.by'), value: (b) => b.actor },
      { header: 'at', title: t('survey.col.at'), value: (b) => b.at },
    ])
  }
}
