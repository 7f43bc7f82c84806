import type { Command } from 'commander'
import type { AppContext } from '../../cli/context.js'
import { example } from '../../cli/help.js'
import { confirm, printJson } from '../../cli/output.js'
import { improvementActions, reopened, scoreRowsOf, scoreTableOf } from '../../domain/assessment/score-table.js'
import { requiredText } from '../../cli/options.js'
import { ConflictError, NotFoundError, UserError } from '../../domain/errors.js'
import { insertAction } from '../../storage/actions-repo.js'
import { findScoreTable, saveScoreTable, setScoreTableState } from '../../storage/assessments-repo.js'
import { appendEvent } from '../../storage/events-repo.js'
import { askPeriod, assessPeriodOption } from './period.js'
import { computeTable } from './tables.js'
import { printTable, shownAt } from './views.js'

/** Freezing a period's table (with improvement actions for grades D and E) and unfreezing it. */
export function registerFinalize(assess: Command, ctx: AppContext): void {
  example(
    assessPeriodOption(
      assess.command('finalize').description('Freeze a period: store the results, the weights and a hash of the inputs; units graded D or E get an improvement action'),
    ).action((opts: FinalizeOptions) => assessFinalizeRun(ctx, opts)),
    'icm assess finalize --period 2026-H1',
  )
  example(
    assessPeriodOption(assess.command('reopen').description('Unfreeze a final period (the reason is kept in the event log)'))
      .option('--reason <text>', 'why it is reopened')
      .action((opts: ReopenOptions) => assessReopenRun(ctx, opts)),
    'icm assess reopen --period 2026-H1 --reason "IT 申诉: 3 条请求的响应时间录入有误"',
  )
}

export interface FinalizeOptions {
  period?: string
}

export async function assessFinalizeRun(ctx: AppContext, opts: FinalizeOptions): Promise<void> {
  const period = await askPeriod(ctx, opts.period)
  const store = await ctx.store()
  const now = ctx.now()
  const result = await store.write(async (trx) => {
    const before = await findScoreTable(trx, period.code)
    if (!before) throw new UserError(`${period.code} has never been run, so there is nothing to finalize`, `run it first: icm assess run --period ${period.code}`)
    if (before.state === 'final') throw new ConflictError(`${period.code} is already final (since ${shownAt(before.finalizedAt)})`)
    // freeze what the data says now, not what it said at the last run
    const { rows, input } = await computeTable(trx, period, before.level, now)
    const frozen = scoreTableOf(period.code, input, rows, now, ctx.actor)
    const table = { ...frozen, rowsHash: await saveScoreTable(trx, frozen, rows) }
    const changed = before.inputsHash !== table.inputsHash
    const actions: string[] = []
    for (const a of improvementActions(period.code, rows, now)) {
      const action = await insertAction(trx, { source: 'assessment', sourceRef: period.code, ownerId: a.unitId, description: a.description, due: a.due, createdAt: now })
      actions.push(`${action.code} ${a.unitCode}`)
    }
    await appendEvent(trx, ctx.event('assess.finalize', period.code, { inputsHash: table.inputsHash, rowsHash: table.rowsHash, weights: input.policy.weights, units: rows.length, actions, changedSinceLastRun: changed }))
    return { table, rows: scoreRowsOf(rows), actions, changed }
  })
  await printTable(ctx, result.table, result.rows)
  if (result.changed) ctx.io.err('icm: note: the data changed since the last run; the final table is computed from the data as it is now\n')
  if (result.actions.length > 0) ctx.io.err(`improvement actions opened for grades D and E: ${result.actions.join(', ')}\n`)
  confirm(ctx, `${period.code} is final (inputs hash ${result.table.inputsHash.slice(0, 12)}…)`)
}

export interface ReopenOptions {
  period?: string
  reason?: string
}

export async function assessReopenRun(ctx: AppContext, opts: ReopenOptions): Promise<void> {
  const period = await askPeriod(ctx, opts.period)
  const reason = opts.reason?.trim() ? opts.reason.trim() : await requiredText(ctx, undefined, { flag: '--reason', message: 'Why is the final period reopened (kept in the event log)' })
  const store = await ctx.store()
  const table = await store.write(async (trx) => {
    const before = await findScoreTable(trx, period.code)
    if (!before) throw new NotFoundError(`${period.code} has never been assessed`)
    if (before.state !== 'final') throw new UserError(`${period.code} is not final, so there is nothing to reopen`)
    const after = reopened(before)
    await setScoreTableState(trx, after)
    await appendEvent(trx, ctx.event('assess.reopen', period.code, { reason, finalizedAt: before.finalizedAt, finalizedBy: before.finalizedBy, inputsHash: before.inputsHash, rowsHash: before.rowsHash }))
    return after
  })
  if (ctx.json) printJson(ctx, { period: table.period, state: table.state, reason })
  confirm(ctx, `${period.code} reopened (draft again): ${reason}`)
}
