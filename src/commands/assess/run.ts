import type { Command } from 'commander'
import type { AppContext } from '../../cli/context.js'
import { example } from '../../cli/help.js'
import { checkNotFinal, scoreRowsOf, scoreTableOf } from '../../domain/assessment/score-table.js'
import { findScoreTable, saveScoreTable } from '../../storage/assessments-repo.js'
import { appendEvent } from '../../storage/events-repo.js'
import { askPeriod, assessLevel, assessPeriodOption } from './period.js'
import { computeTable } from './tables.js'
import { printTable } from './views.js'
import { t } from '../../domain/i18n/catalog.js'

export function registerRun(assess: Command, ctx: AppContext): void {
  example(
    assessPeriodOption(assess.command('run').description(t('assess.run.description')))
      .option('--level <level>', t('assess.run.level'), 'department')
      .action((opts: RunOptions) => assessRunRun(ctx, opts)),
    'icm assess run --period 2026-H1',
  )
}

export interface RunOptions {
  period?: string
  level: string
}

/** Computes a period's draft table from the data as it is now, stores it and prints it. */
export async function assessRunRun(ctx: AppContext, opts: RunOptions): Promise<void> {
  const period = await askPeriod(ctx, opts.period)
  const level = assessLevel(opts.level)
  const store = await ctx.store()
  checkNotFinal(await findScoreTable(store.db, period.code, level), period.code, t('assess.what.run'), level)
  const now = ctx.now()
  if (ctx.io.interactive) ctx.io.err(`${t('assess.run.computing', { period: period.code })}\r`)
  const saved = await store.write(async (trx) => {
    checkNotFinal(await findScoreTable(trx, period.code, level), period.code, t('assess.what.run'), level)
    const { rows, input } = await computeTable(trx, period, level, now)
    const table = scoreTableOf(period.code, input, rows, now)
    await saveScoreTable(trx, table, rows)
    await appendEvent(trx, ctx.event('assess.run', period.code, { level, units: rows.length, inputsHash: table.inputsHash }))
    return { table: { ...table, rowsHash: null }, rows: scoreRowsOf(rows) }
  })
  await printTable(ctx, saved.table, saved.rows)
}
