import type { Command } from 'commander'
import type { Kysely } from 'kysely'
import type { AppContext } from '../../cli/context.js'
import { confirm, printEntity, printRows } from '../../cli/output.js'
import { need } from '../../cli/prompt.js'
import { checkActionDue, checkDoneTime, parseActionSource, parseActionStatusFilter } from '../../domain/supervision/action.js'
import { localDate, parseDate } from '../../domain/calendar/dates.js'
import { NotFoundError, UserError } from '../../domain/errors.js'
import { checkName } from '../../domain/org/unit.js'
import { findActionByCode, insertAction, listActions, markActionDone } from '../../storage/actions-repo.js'
import { appendEvent } from '../../storage/events-repo.js'
import type { ActionRow, DB } from '../../storage/schema.js'
import { unitCodesById } from '../../storage/units-repo.js'
import { example } from '../../cli/help.js'
import { parseAt } from '../../cli/options.js'
import { requireUnit } from '../../cli/lookups.js'
import { actionJson } from '../../cli/json-views.js'

export async function requireAction(db: Kysely<DB>, code: string): Promise<ActionRow> {
  const a = await findActionByCode(db, code)
  if (!a) throw new NotFoundError(`unknown improvement action '${code}'`, 'see icm action list')
  return a
}

export function registerAction(program: Command, ctx: AppContext): void {
  const action = program.command('action').description('Improvement actions: from complaints, surveys, audits, relationships and assessments')

  example(
    action
      .command('add')
      .description('Open an improvement action for a unit')
      .option('--owner <unit>', 'the unit that must act')
      .option('--description <text>', 'what will be done')
      .option('--due <date>', 'by when (YYYY-MM-DD)')
      .option('--source <source>', 'manual (default), complaint, survey, audit, relation or assessment')
      .option('--ref <code>', 'what it comes from, e.g. CMP-0003 or 2026-H1-SERVICE')
      .option('--at <datetime>', 'when it was opened (default now)')
      .action((opts: ActionAddOptions) => actionAddRun(ctx, opts)),
    'icm action add --owner IT --description "每周公布工单处理时效" --due 2026-08-31',
  )
  example(
    action
      .command('list')
      .description('List improvement actions')
      .option('--status <status>', 'open, done or overdue')
      .option('--owner <unit>', 'only this unit')
      .action((opts: { status?: string; owner?: string; csv?: boolean }) => actionListRun(ctx, opts)),
    'icm action list --status overdue',
  )
  example(
    action
      .command('done')
      .description('Close an improvement action with what was done')
      .argument('<code>', 'action code, e.g. ACT-0003')
      .option('--note <text>', 'what was done')
      .option('--at <datetime>', 'when it was done (default now)')
      .action((code: string, opts: { note?: string; at?: string }) => actionDoneRun(ctx, code, opts)),
    'icm action done ACT-0003 --note "已上线工单看板"',
  )
}

interface ActionAddOptions {
  owner?: string
  description?: string
  due?: string
  source?: string
  ref?: string
  at?: string
}

export async function actionAddRun(ctx: AppContext, opts: ActionAddOptions): Promise<void> {
  const ownerRef = await need(ctx, opts.owner, { flag: '--owner', message: 'Unit that must act' })
  const description = checkName(await need(ctx, opts.description, { flag: '--description', message: 'What will be done' }), '--description')
  const due = parseDate(await need(ctx, opts.due, { flag: '--due', message: 'Due date (YYYY-MM-DD)' }), '--due')
  const source = parseActionSource(opts.source ?? 'manual')
  const at = parseAt(ctx, opts.at)
  checkActionDue(due, at)
  const store = await ctx.store()
  const row = await store.write(async (trx) => {
    const owner = await requireUnit(trx, ownerRef, 'owner unit')
    const created = await insertAction(trx, { source, sourceRef: opts.ref?.trim() || null, ownerId: owner.id, description, due, createdAt: at })
    await appendEvent(trx, ctx.event('action.add', created.code, { owner: owner.code, description, due, source, ref: created.source_ref }))
    return created
  })
  const json = actionJson(row, await unitCodesById(store.db), localDate(ctx.now()))
  if (ctx.json) printEntity(ctx, json, [])
  else ctx.io.out(`${row.code}\n`)
  confirm(ctx, `${row.code} opened for ${json.owner}, due ${due}`)
}

export async function actionListRun(ctx: AppContext, opts: { status?: string; owner?: string; csv?: boolean }): Promise<void> {
  const status = opts.status === undefined ? undefined : parseActionStatusFilter(opts.status)
  const store = await ctx.store()
  const owner = opts.owner ? await requireUnit(store.db, opts.owner) : undefined
  const today = localDate(ctx.now())
  const codes = await unitCodesById(store.db)
  const rows = (await listActions(store.db, { status, ownerId: owner?.id, today })).map((a) => actionJson(a, codes, today))
  await printRows(
    ctx,
    rows,
    [
      { header: 'code', value: (a) => a.code },
      { header: 'owner', value: (a) => a.owner },
      { header: 'due', value: (a) => a.due },
      { header: 'status', value: (a) => (a.daysOverdue ? `overdue ${a.daysOverdue}d` : a.status) },
      { header: 'source', value: (a) => (a.sourceRef ? `${a.source} ${a.sourceRef}` : a.source) },
      { header: 'description', value: (a) => a.description },
    ],
    { csv: ctx.csv, empty: 'no improvement actions match' },
  )
}

export async function actionDoneRun(ctx: AppContext, code: string, opts: { note?: string; at?: string }): Promise<void> {
  // An empty --note is bad input (exit 3), not a missing option.
  const note = checkName(opts.note ?? (await need(ctx, opts.note, { flag: '--note', message: 'What was done' })), '--note')
  const at = parseAt(ctx, opts.at)
  const store = await ctx.store()
  const row = await store.write(async (trx) => {
    const a = await requireAction(trx, code)
    if (a.status === 'done') throw new UserError(`${a.code} is already done (${a.done_note ?? ''})`)
    checkDoneTime(at, new Date(a.created_at), a.code)
    const done = await markActionDone(trx, a.id, note, at)
    await appendEvent(trx, ctx.event('action.done', a.code, { note }))
    return done
  })
  if (ctx.json) printEntity(ctx, actionJson(row, await unitCodesById(store.db), localDate(ctx.now())), [])
  confirm(ctx, `${row.code} done`)
}
