import type { Command } from 'commander'
import type { AppContext } from '../../cli/context.js'
import { example } from '../../cli/help.js'
import { actionJson } from '../../cli/json-views.js'
import { requireUnit } from '../../cli/lookups.js'
import { optionalText, parseAt } from '../../cli/options.js'
import { confirm, printEntity } from '../../cli/output.js'
import { need } from '../../cli/prompt.js'
import { localDate, parseDate } from '../../domain/calendar/dates.js'
import { checkName } from '../../domain/org/unit.js'
import { checkActionDue, parseActionSource } from '../../domain/supervision/action.js'
import { insertAction } from '../../storage/actions-repo.js'
import { appendEvent } from '../../storage/events-repo.js'
import { unitCodesById } from '../../storage/units-repo.js'
import { t } from '../../domain/i18n/catalog.js'

export function registerAdd(action: Command, ctx: AppContext): void {
  example(
    action
      .command('add')
      .description(t('action.add.description'))
      .option('--owner <unit>', t('action.add.owner'))
      .option('--description <text>', t('action.add.descriptionOption'))
      .option('--due <date>', t('action.add.due'))
      .option('--source <source>', t('action.add.source'))
      .option('--ref <code>', t('action.add.ref'))
      .option('--at <datetime>', t('action.add.at'))
      .action((opts: ActionAddOptions) => actionAddRun(ctx, opts)),
    'icm action add --owner IT --description "每周公布工单处理时效" --due 2026-08-31',
  )
}

export interface ActionAddOptions {
  owner?: string
  description?: string
  due?: string
  source?: string
  ref?: string
  at?: string
}

export async function actionAddRun(ctx: AppContext, opts: ActionAddOptions): Promise<void> {
  const ownerRef = await need(ctx, opts.owner, { flag: '--owner', message: t('action.add.askOwner'), unit: true })
  const description = checkName(await need(ctx, opts.description, { flag: '--description', message: t('action.add.askDescription'), check: (v) => checkName(v, '--description') }), '--description')
  const due = parseDate(await need(ctx, opts.due, { flag: '--due', message: t('action.add.askDue'), check: (v) => parseDate(v, '--due') }), '--due')
  const source = parseActionSource(opts.source ?? 'manual')
  const at = parseAt(ctx, opts.at)
  checkActionDue(due, at)
  const store = await ctx.store()
  const row = await store.write(async (trx) => {
    const owner = await requireUnit(trx, ownerRef, t('action.ownerUnit'))
    const ref = optionalText(opts.ref)
    const created = await insertAction(trx, { source, sourceRef: ref, ownerId: owner.id, description, due, createdAt: at })
    await appendEvent(trx, ctx.event('action.add', created.code, { owner: owner.code, description, due, source, ref }))
    return created
  })
  const json = actionJson(row, await unitCodesById(store.db), localDate(ctx.now()))
  if (ctx.json) printEntity(ctx, json, [])
  else ctx.io.out(`${row.code}\n`)
  confirm(ctx, t('action.opened', { code: row.code, owner: json.owner ?? '', due }))
}
