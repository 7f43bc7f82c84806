import type { Command } from 'commander'
import type { AppContext } from '../../cli/context.js'
import { example } from '../../cli/help.js'
import { periodOption, yesOption } from '../../cli/options.js'
import { confirm, printEntity } from '../../cli/output.js'
import { UsageError, UserError } from '../../domain/errors.js'
import { parsePeriod } from '../../domain/calendar/period.js'
import { counted } from '../../domain/counting.js'
import { checkName } from '../../domain/org/unit.js'
import { parseSurveyKind } from '../../domain/surveys/survey.js'
import { appendEvent } from '../../storage/events-repo.js'
import { deleteSurvey, updateSurvey, type SurveyChanges } from '../../storage/surveys-edit-repo.js'
import { countResponses } from '../../storage/surveys-repo.js'
import { requireSurvey, surveyJson } from './survey-json.js'

/** `survey update` (title, period, kind) and `survey delete` (with its responses only when told twice). */
export function registerSurveyEdit(survey: Command, ctx: AppContext): void {
  const update = survey
    .command('update')
    .description("Change a survey's title, period or kind (the period only while it has no responses)")
    .argument('<code>', 'survey code')
    .option('--title <text>', 'new title')
  periodOption(update)
    .option('--kind <kind>', 'service or relationship')
    .action((code: string, opts: SurveyUpdateOptions) => surveyUpdateRun(ctx, code, opts))
  example(update, 'icm survey update 2026H1-SERVICE --title "2026年上半年内部服务满意度调查"')

  const del = survey
    .command('delete')
    .description('Delete a survey; one with responses only with --with-responses --yes (recorded in the event log)')
    .argument('<code>', 'survey code')
    .option('--with-responses', 'also delete its import batches and responses')
  yesOption(del, 'do not ask to confirm (required without a terminal)').action((code: string, opts: SurveyDeleteOptions) => surveyDeleteRun(ctx, code, opts))
  example(del, 'icm survey delete 2026H1-TEST --yes')
}

export interface SurveyUpdateOptions {
  title?: string
  period?: string
  kind?: string
}

export async function surveyUpdateRun(ctx: AppContext, code: string, opts: SurveyUpdateOptions): Promise<void> {
  if (opts.title === undefined && opts.period === undefined && opts.kind === undefined) {
    throw new UsageError('nothing to update', 'give at least one of --title, --period, --kind')
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
        throw new UserError(
          `survey ${s.code} already has ${counted(responses, 'response')} for ${s.period}: its period cannot change`,
          'create a survey for the other period instead',
        )
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
  confirm(ctx, `survey ${row.code} updated (${row.kind}, ${row.period} = ${row.period_start} … ${row.period_end}, "${row.title}")`)
}

export interface SurveyDeleteOptions {
  withResponses?: boolean
  yes?: boolean
}

export async function surveyDeleteRun(ctx: AppContext, code: string, opts: SurveyDeleteOptions): Promise<void> {
  const store = await ctx.store()
  const s = await requireSurvey(store.db, code)
  const responses = await countResponses(store.db, s.id)
  const what = `survey ${s.code} "${s.title}" (${s.period})`
  if (responses > 0 && !opts.withResponses) {
    throw new UserError(
      `${what} has ${counted(responses, 'response')}: not deleted`,
      'add --with-responses --yes to delete it with its responses',
    )
  }
  if (!opts.yes) {
    if (!ctx.canPrompt) throw new UserError(`${what} not deleted without --yes`, 'add --yes to delete it without a terminal')
    const message = responses > 0 ? `Delete ${what} and its ${counted(responses, 'response')}?` : `Delete ${what}?`
    if (!(await ctx.io.prompter.confirm({ message, default: false }))) {
      ctx.io.err('cancelled; nothing changed\n')
      return
    }
  }
  const deleted = await store.write(async (trx) => {
    const again = await requireSurvey(trx, s.code)
    const now = await countResponses(trx, again.id)
    if (now > 0 && !opts.withResponses) throw new UserError(`${what} has ${counted(now, 'response')} now: not deleted`, 'add --with-responses --yes to delete it with its responses')
    const gone = await deleteSurvey(trx, again.id)
    await appendEvent(trx, ctx.event('survey.delete', again.code, { title: again.title, kind: again.kind, period: again.period, ...gone }))
    return gone
  })
  if (ctx.json) printEntity(ctx, { ...surveyJson(s), deleted: true, responses: deleted.responses, batches: deleted.batches }, [])
  const extra = deleted.responses > 0 ? ` with ${counted(deleted.responses, 'response')} in ${counted(deleted.batches, 'batch', 'batches')}` : ''
  confirm(ctx, `survey ${s.code} deleted${extra}`)
}
