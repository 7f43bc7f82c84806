import type { Command } from 'commander'
import type { Kysely } from 'kysely'
import type { AppContext } from '../../cli/context.js'
import { example } from '../../cli/help.js'
import { actionJson } from '../../cli/json-views.js'
import { parseAt } from '../../cli/options.js'
import { confirm, printEntity } from '../../cli/output.js'
import { need } from '../../cli/prompt.js'
import { localDate } from '../../domain/calendar/dates.js'
import { NotFoundError } from '../../domain/errors.js'
import { checkName } from '../../domain/org/unit.js'
import { checkActionDone } from '../../domain/supervision/action.js'
import { actionOf, findActionByCode, markActionDone } from '../../storage/actions-repo.js'
import { appendEvent } from '../../storage/events-repo.js'
import type { ActionRow, DB } from '../../storage/schema.js'
import { unitCodesById } from '../../storage/units-repo.js'
import { t } from '../../domain/i18n/catalog.js'

export function registerDone(action: Command, ctx: AppContext): void {
  example(
    action
      .command('done')
      .description(t('action.done.description'))
      .argument('<code>', t('action.done.code'))
      .option('--note <text>', t('action.done.note'))
      .option('--at <datetime>', t('action.done.at'))
      .action((code: string, opts: ActionDoneOptions) => actionDoneRun(ctx, code, opts)),
    'icm action done ACT-0003 --note "已上线工单看板"',
  )
}

export async function requireAction(db: Kysely<DB>, code: string): Promise<ActionRow> {
  const a = await findActionByCode(db, code)
  if (!a) throw new NotFoundError(t('action.unknown', { code }), t('action.unknown.hint'))
  return a
}

export interface ActionDoneOptions {
  note?: string
  at?: string
}

export async function actionDoneRun(ctx: AppContext, code: string, opts: ActionDoneOptions): Promise<void> {
  // An empty --note is bad input (exit 3), not a missing option.
  const note = checkName(opts.note ?? (await need(ctx, opts.note, { flag: '--note', message: t('action.done.askNote') })), '--note')
  const at = parseAt(ctx, opts.at)
  const store = await ctx.store()
  const row = await store.write(async (trx) => {
    const a = await requireAction(trx, code)
    checkActionDone(actionOf(a), at)
    const done = await markActionDone(trx, a.id, note, at)
    await appendEvent(trx, ctx.event('action.done', a.code, { note }))
    return done
  })
  if (ctx.json) printEntity(ctx, actionJson(row, await unitCodesById(store.db), localDate(ctx.now())), [])
  confirm(ctx, t('action.closed', { code: row.code }))
}
