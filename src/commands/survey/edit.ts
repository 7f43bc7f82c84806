import type { Command } from 'commander'
import type { AppContext } from '../../cli/context.js'
import { example } from '../../cli/help.js'
import { periodOption, yesOption } from '../../cli/options.js'
import { confirm, printEntity } from '../../cli/output.js'
import { UsageError, UserError } from '../../domain/errors.js'
import { parsePeriod } from '../../domain/calendar/period.js'
import { formatCount } from '../../domain/counting.js'
import { checkName } from '../../domain/org/unit.js'
import { parseSurveyKind } from '../../domain/surveys/survey.js'
import { appendEvent } from '../../storage/events-repo.js'
import { deleteSurvey, updateSurvey, type SurveyChanges } from '../../storage/surveys-edit-repo.js'
import { countResponses } from '../../storage/surveys-repo.js'
import { requireSurvey, shownKind, surveyJson } from './survey-json.js'
import { t } from '../../domain/i18n/catalog.js'

/** `survey update` (title, period, kind) and `survey delete` (with its responses only when told twice). */
export function registerSurveyEdit(survey: Command, ctx: AppContext): void {
  const update = survey
    .command('update')
    .description(t('survey.update.description'))
    .argument('<code>', t('survey.code'))
    .option('--title <text>', t('survey.update.title'))
  periodOption(update)
    .option('--kind <kind>', t('survey.update.kind'))
    .action((code: string, opts: SurveyUpdateOptions) => surveyUpdateRun(ctx, code, opts))
  example(update, 'icm survey update 2026H1-SERVICE --title "2026年上半年内部服务满意度调查"')

  const del = survey
    .command('delete')
    .description(t('survey.delete.description'))
    .argument('<code>', t('survey.code'))
    .option('--with-responses', t('survey.delete.withResponses'))
  yesOption(del, t('survey.delete.yes')).action((code: string, opts: SurveyDeleteOptions) => surveyDeleteRun(ctx, code, opts))
  example(del, 'icm survey delete 2026H1-TEST --yes')
}

export interface SurveyUpdateOptions {
  title?: string
  period?: string
  kind?: string
}

export async function surveyUpdateRun(ctx: AppContext, code: string, opts: SurveyUpdateOptions): Promise<void> {
  if (opts.title === undefined && opts.period === undefined && opts.kind === undefined) {
    throw new UsageError(t('survey.update.nothing'), t('survey.update.nothing.hint'))
  }
  const title = opts.title === undefined ? undefined : checkName(opts.title, '--title')
  const period = opts.period === undefined ? undefined : parsePeriod(opts.period)
  const kind = opts.kind === undefined ? undefined : parseSurveyKind(opts.kind)
  const store = await ctx.store()
  const row = await store.write(async (trx) => {
    const s = await requireSurvey(trx, code)
    const changes: SurveyChanges = {}
    const shown: Record<string, string> = {}
    if (title !== undefined && title !== s.title) changes.title = shown.title = title
    if (kind !== undefined && kind !== s.kind) changes.kind = shown.kind = kind
    if (period !== undefined && period.code !== s.period) {
      const responses = await countResponses(trx, s.id)
      if (responses > 0) {
        throw new UserError(t('survey.update.hasResponses', { code: s.code, n: formatCount(responses), period: s.period }), t('survey.update.hasResponses.hint'))
      }
      changes.period = period
      shown.period = period.code
    }
    if (Object.keys(changes).length === 0) return s
    const updated = await updateSurvey(trx, s.id, changes)
    await appendEvent(trx, ctx.event('survey.update', s.code, shown))
    return updated
  })
  if (ctx.json) printEntity(ctx, surveyJson(row), [])
  confirm(ctx, t('survey.updated', { code: row.code, kind: shownKind(row.kind), period: row.period, start: row.period_start, end: row.period_end, title: row.title }))
}

export interface SurveyDeleteOptions {
  withResponses?: boolean
  yes?: boolean
}

export async function surveyDeleteRun(ctx: AppContext, code: string, opts: SurveyDeleteOptions): Promise<void> {
  const store = await ctx.store()
  const s = await requireSurvey(store.db, code)
  const responses = await countResponses(store.db, s.id)
  const what = t('survey.delete.what', { code: s.code, title: s.title, period: s.period })
  if (responses > 0 && !opts.withResponses) {
    throw new UserError(t('survey.delete.hasResponses', { what, n: formatCount(responses) }), t('survey.delete.hasResponses.hint'))
  }
  if (!opts.yes) {
    if (!ctx.canPrompt) throw new UserError(t('survey.delete.needYes', { what }), t('survey.delete.needYes.hint'))
    const message = responses > 0 ? t('survey.delete.askWithResponses', { what, n: formatCount(responses) }) : t('survey.delete.ask', { what })
    if (!(await ctx.io.prompter.confirm({ message, default: false }))) {
      ctx.io.err(`${t('survey.delete.cancelled')}\n`)
      return
    }
  }
  const deleted = await store.write(async (trx) => {
    const again = await requireSurvey(trx, s.code)
    const now = await countResponses(trx, again.id)
    if (now > 0 && !opts.withResponses) throw new UserError(t('survey.delete.hasResponsesNow', { what, n: formatCount(now) }), t('survey.delete.hasResponses.hint'))
    const gone = await deleteSurvey(trx, again.id)
    await appendEvent(trx, ctx.event('survey.delete', again.code, { title: again.title, kind: again.kind, period: again.period, ...gone }))
    return gone
  })
  if (ctx.json) printEntity(ctx, { ...surveyJson(s), deleted: true, responses: deleted.responses, batches: deleted.batches }, [])
  confirm(ctx, deleted.responses > 0 ? t('survey.deletedWith', { code: s.code, n: formatCount(deleted.responses), b: formatCount(deleted.batches) }) : t('survey.deleted', { code: s.code }))
}
