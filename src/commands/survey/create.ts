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
import { t } from '../../domain/i18n/catalog.js'
import { shownKind, surveyJson } from './survey-json.js'

export interface SurveyCreateOptions {
  title?: string
  period?: string
  kind?: string
}

export function registerSurveyCreate(survey: Command, ctx: AppContext): void {
  const create = survey
    .command('create')
    .description(t('survey.create.description'))
    .argument('<code>', t('survey.codeEg'))
    .option('--title <text>', t('survey.create.title'))
  periodOption(create)
    .option('--kind <kind>', t('survey.create.kind'))
    .action((code: string, opts: SurveyCreateOptions) => surveyCreateRun(ctx, code, opts))
  example(create, 'icm survey create 2026H1-SERVICE --title "2026年上半年内部服务满意度调查" --period 2026-H1')
}

export async function surveyCreateRun(ctx: AppContext, code: string, opts: SurveyCreateOptions): Promise<void> {
  const surveyCode = checkSurveyCode(code)
  const title = checkName(await need(ctx, opts.title, { flag: '--title', message: t('survey.create.askTitle'), check: (v) => checkName(v, '--title') }), '--title')
  const period = parsePeriod(await need(ctx, opts.period, { flag: '--period', message: t('survey.create.askPeriod'), check: (v) => parsePeriod(v) }))
  const kind = parseSurveyKind(opts.kind ?? 'service')
  const store = await ctx.store()
  const row = await store.write(async (trx) => {
    const existing = await findSurveyByCode(trx, surveyCode)
    if (existing) throw new ConflictError(t('survey.exists', { code: existing.code }), t('survey.exists.hint'))
    const created = await insertSurvey(trx, { code: surveyCode, title, kind, period, createdAt: ctx.now() })
    await appendEvent(trx, ctx.event('survey.create', created.code, { title, kind, period: period.code }))
    return created
  })
  if (ctx.json) printEntity(ctx, surveyJson(row), [])
  confirm(ctx, t('survey.created', { code: row.code, kind: shownKind(row.kind), period: row.period, start: row.period_start, end: row.period_end }))
}
