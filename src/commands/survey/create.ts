import type { Command } from 'commander'
import type { AppContext } from '../../cli/context.js'
import { example } from '../../cli/help.js'
import { periodOption } from '../../cli/options.js'
import { confirm, printEntity } from '../../cli/output.js'
import { need } from '../../cli/prompt.js'
import { parsePeriod } from '../../domain/calendar/period.js'
import { ConflictError } from '../../domain/errors.js'
import { checkName } from '../../domain/org/unit.js'
import { checkSurveyCode, parseSurveyKind } from '../../domain/surveys/survey.js'
import { appendEvent } from '../../storage/events-repo.js'
import { findSurveyByCode, insertSurvey } from '../../storage/surveys-repo.js'
import { surveyJson } from './survey-json.js'

export interface SurveyCreateOptions {
  title?: string
  period?: string
  kind?: string
}

export function registerSurveyCreate(survey: Command, ctx: AppContext): void {
  const create = survey
    .command('create')
    .description('Create a survey for a period, to import its responses into')
    .argument('<code>', 'survey code, e.g. 2026H1-SERVICE')
    .option('--title <text>', 'title')
  periodOption(create)
    .option('--kind <kind>', 'service (default) or relationship')
    .action((code: string, opts: SurveyCreateOptions) => surveyCreateRun(ctx, code, opts))
  example(create, 'icm survey create 2026H1-SERVICE --title "2026年上半年内部服务满意度调查" --period 2026-H1')
}

export async function surveyCreateRun(ctx: AppContext, code: string, opts: SurveyCreateOptions): Promise<void> {
  const surveyCode = checkSurveyCode(code)
  const title = checkName(await need(ctx, opts.title, { flag: '--title', message: 'Title of the survey', check: (v) => checkName(v, '--title') }), '--title')
  const period = parsePeriod(await need(ctx, opts.period, { flag: '--period', message: 'Period, e.g. 2026-H1', check: (v) => parsePeriod(v) }))
  const kind = parseSurveyKind(opts.kind ?? 'service')
  const store = await ctx.store()
  const row = await store.write(async (trx) => {
    const existing = await findSurveyByCode(trx, surveyCode)
    if (existing) throw new ConflictError(`survey ${existing.code} already exists`, 'choose another code')
    const created = await insertSurvey(trx, { code: surveyCode, title, kind, period, createdAt: ctx.now() })
    await appendEvent(trx, ctx.event('survey.create', created.code, { title, kind, period: period.code }))
    return created
  })
  if (ctx.json) printEntity(ctx, surveyJson(row), [])
  confirm(ctx, `survey ${row.code} created (${row.kind}, ${row.period} = ${row.period_start} … ${row.period_end})`)
}
