import type { Command } from 'commander'
import type { AppContext } from '../../cli/context.js'
import { example } from '../../cli/help.js'
import { confirm, printJson } from '../../cli/output.js'
import { checkPeriodEnded, improvementActions, reopened, scoreRowsOf, scoreTableOf } from '../../domain/assessment/score-table.js'
import { requiredText } from '../../cli/options.js'
import { ConflictError, NotFoundError, UserError } from '../../domain/errors.js'
import { insertAction, listActions } from '../../storage/actions-repo.js'
import { findScoreTable, saveScoreTable, setScoreTableState } from '../../storage/assessments-repo.js'
import { appendEvent } from '../../storage/events-repo.js'
import { askPeriod, assessLevel, assessPeriodOption, levelFlag, levelOption, tableName } from './period.js'
import { computeTable } from './tables.js'
import { printTable, shownAt } from './views.js'
import { finalizeYear, reopenYear, yearInstead } from './year.js'
import { t } from '../../domain/i18n/catalog.js'

/** Freezing a period's table (with improvement actions for grades D and E) and unfreezing it. */
export function registerFinalize(assess: Command, ctx: AppContext): void {
  example(
    levelOption(assessPeriodOption(
      assess.command('finalize').description(t('assess.finalize.description')),
    ))
      .option('--year <yyyy>', t('assess.finalize.year'))
      .action((opts: FinalizeOptions) => assessFinalizeRun(ctx, opts)),
    'icm assess finalize --period 2026-H1',
    'icm assess finalize --year 2026',
  )
  example(
    levelOption(assessPeriodOption(assess.command('reopen').description(t('assess.reopen.description'))))
      .option('--reason <text>', t('assess.reopen.reason'))
      .option('--year <yyyy>', t('assess.reopen.year'))
      .action((opts: ReopenOptions) => assessReopenRun(ctx, opts)),
    'icm assess reopen --period 2026-H1 --reason "IT 申诉: 3 条请求的响应时间录入有误"',
    'icm assess reopen --year 2026 --reason "等级标准调整后重新评定"',
  )
}

export interface FinalizeOptions {
  period?: string
  level?: string
  year?: string
}

export async function assessFinalizeRun(ctx: AppContext, opts: FinalizeOptions): Promise<void> {
  const year = yearInstead(opts)
  const level = assessLevel(opts.level)
  if (year !== undefined) return finalizeYear(ctx, year, level)
  const period = await askPeriod(ctx, opts.period)
  const name = tableName(period.code, level)
  const store = await ctx.store()
  const now = ctx.now()
  const result = await store.write(async (trx) => {
    const before = await findScoreTable(trx, period.code, level)
    if (!before) throw new UserError(t('assess.finalize.neverRun', { name }), t('assess.runFirst', { command: `icm assess run --period ${period.code}${levelFlag(level)}` }))
    if (before.state === 'final') {
      const command = `icm assess reopen --period ${period.code}${levelFlag(level)} --reason ${t('assess.reasonArg')}`
      throw new ConflictError(t('assess.finalize.alreadyFinal', { name, at: String(shownAt(before.finalizedAt)) }), t('assess.annual.alreadyFinal.hint', { command }))
    }
    checkPeriodEnded(period, now)
    // freeze what the data says now, not what it said at the last run
    const { rows, input } = await computeTable(trx, period, before.level, now)
    const frozen = scoreTableOf(period.code, input, rows, now, ctx.actor)
    const table = { ...frozen, rowsHash: await saveScoreTable(trx, frozen, rows) }
    const changed = before.inputsHash !== table.inputsHash
    const actions: string[] = []
    // one improvement action per unit and period: those of an earlier finalize (since reopened) stay
    const earlier = (await listActions(trx, { source: 'assessment', sourceRef: period.code })).map((a) => ({ ownerId: a.owner_id, code: a.code }))
    const planned = improvementActions(period.code, rows, now, earlier)
    const kept = planned.kept.map((k) => `${k.code} ${k.unitCode}`)
    for (const a of planned.open) {
      const action = await insertAction(trx, { source: 'assessment', sourceRef: period.code, ownerId: a.unitId, description: a.description, due: a.due, createdAt: now })
      actions.push(`${action.code} ${a.unitCode}`)
    }
    await appendEvent(trx, ctx.event('assess.finalize', period.code, { level, inputsHash: table.inputsHash, rowsHash: table.rowsHash, weights: input.policy.weights, units: rows.length, actions, actionsKept: kept, changedSinceLastRun: changed }))
    return { table, rows: scoreRowsOf(rows), actions, kept, changed }
  })
  await printTable(ctx, result.table, result.rows)
  if (result.changed) ctx.io.err(`${t('assess.finalize.changed')}\n`)
  if (result.actions.length > 0) ctx.io.err(`${t('assess.finalize.actions', { actions: result.actions.join(', ') })}\n`)
  if (result.kept.length > 0) ctx.io.err(`${t('assess.finalize.actionsKept', { actions: result.kept.join(', ') })}\n`)
  confirm(ctx, t('assess.finalize.done', { name, hash: result.table.inputsHash.slice(0, 12) }))
}

export interface ReopenOptions {
  period?: string
  reason?: string
  level?: string
  year?: string
}

export async function assessReopenRun(ctx: AppContext, opts: ReopenOptions): Promise<void> {
  const year = yearInstead(opts)
  const level = assessLevel(opts.level)
  const period = year === undefined ? await askPeriod(ctx, opts.period) : undefined
  // missing: asked on a terminal, else exit 2 naming --reason (as every required option)
  const reason = opts.reason?.trim() ? opts.reason.trim() : await requiredText(ctx, undefined, { flag: '--reason', message: t('assess.reopen.askReason') })
  if (period === undefined) return reopenYear(ctx, year!, level, reason)
  const name = tableName(period.code, level)
  const store = await ctx.store()
  const table = await store.write(async (trx) => {
    const before = await findScoreTable(trx, period.code, level)
    if (!before) throw new NotFoundError(t('assess.reopen.never', { name }))
    if (before.state !== 'final') throw new UserError(t('assess.reopen.notFinal', { name }))
    const after = reopened(before)
    await setScoreTableState(trx, after)
    await appendEvent(trx, ctx.event('assess.reopen', period.code, { level, reason, finalizedAt: before.finalizedAt, finalizedBy: before.finalizedBy, inputsHash: before.inputsHash, rowsHash: before.rowsHash }))
    return after
  })
  if (ctx.json) printJson(ctx, { period: table.period, level: table.level, state: table.state, reason })
  confirm(ctx, t('assess.reopen.done', { name, reason }))
}
