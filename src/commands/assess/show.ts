import type { Command } from 'commander'
import type { AppContext } from '../../cli/context.js'
import { example } from '../../cli/help.js'
import { requireUnit } from '../../cli/lookups.js'
import { unitOption } from '../../cli/options.js'
import { printJson, printText } from '../../cli/output.js'
import { need } from '../../cli/prompt.js'
import { explainLines, rankText } from '../../domain/assessment/explain.js'
import { english, label, t } from '../../domain/i18n/catalog.js'
import { NotFoundError } from '../../domain/errors.js'
import { findRowDetails, scoreTableLevels } from '../../storage/assessments-repo.js'
import { unitCodesById } from '../../storage/units-repo.js'
import { askPeriod, assessLevel, assessPeriodOption, levelOption, tableName } from './period.js'
import { requireTable } from './tables.js'
import { printTable, rowJson, stateText } from './views.js'

/** Reading a stored table: the whole table, or every number behind one unit's row. */
export function registerShow(assess: Command, ctx: AppContext): void {
  example(
    levelOption(assessPeriodOption(assess.command('show').description(t('assess.show.description')))).action(
      (opts: ShowOptions) => assessShowRun(ctx, opts),
    ),
    'icm assess show --period 2026-H1',
  )
}

export function registerExplain(assess: Command, ctx: AppContext): void {
  example(
    unitOption(
      levelOption(assessPeriodOption(assess.command('explain').description(t('assess.explain.description')))),
      t('assess.explain.unit'),
    ).action((opts: ExplainOptions) => assessExplainRun(ctx, opts)),
    'icm assess explain --period 2026-H1 --unit IT',
  )
}

export interface ShowOptions {
  period?: string
  level?: string
}

export async function assessShowRun(ctx: AppContext, opts: ShowOptions): Promise<void> {
  const period = await askPeriod(ctx, opts.period)
  const level = assessLevel(opts.level)
  const store = await ctx.store()
  const { table, rows } = await requireTable(store.db, period, level)
  await printTable(ctx, table, rows, { chart: true })
}

export interface ExplainOptions {
  period?: string
  unit?: string
  level?: string
}

export async function assessExplainRun(ctx: AppContext, opts: ExplainOptions): Promise<void> {
  const period = await askPeriod(ctx, opts.period)
  const level = assessLevel(opts.level)
  const unitRef = await need(ctx, opts.unit, { flag: '--unit', message: t('assess.askUnit'), unit: true })
  const store = await ctx.store()
  const unit = await requireUnit(store.db, unitRef)
  const { table, rows } = await requireTable(store.db, period, level)
  const row = rows.find((r) => r.unitId === unit.id)
  const details = row && (await findRowDetails(store.db, period.code, unit.id, level))
  if (!row || !details) {
    const positionTable = (await scoreTableLevels(store.db, period.code)).includes('position')
    const hint =
      unit.kind === 'position' && table.level === 'department' && positionTable
        ? t('assess.explain.positionTable', { command: `icm assess explain --period ${period.code} --unit ${unit.code} --level position` })
        : unit.kind === 'position' && table.level === 'department' && unit.parent_id !== null
          ? t('assess.explain.countsForDepartment', { command: `icm assess explain --period ${period.code} --unit ${(await unitCodesById(store.db)).get(unit.parent_id)}` })
          : t('assess.explain.activeUnits', { name: tableName(period.code, level), level: label('level', table.level) })
    throw new NotFoundError(t('assess.notInTable', { unit: unit.code, name: tableName(period.code, level) }), hint)
  }
  const policy = table.policy
  const ranked = rows.filter((r) => r.rank !== null).length
  if (ctx.json) {
    // --json is a contract: its explanation is English whatever the interface language
    const lines = explainLines(row, details, policy, rankText(row.rank, ranked, english), {}, english)
    printJson(ctx, {
      period: table.period,
      level: table.level,
      state: table.state,
      ...rowJson(row),
      weights: policy.weights,
      grades: policy.grades,
      bonusTable: policy.bonus,
      details,
      explanation: lines,
    })
    return
  }
  const lines = explainLines(row, details, policy, rankText(row.rank, ranked))
  const state = table.state === 'final' ? stateText(table) : t('assess.explain.runAgain', { state: stateText(table) })
  printText(ctx, `${t('assess.explain.heading', { name: tableName(table.period, table.level), state })}\n`)
  for (const line of lines) printText(ctx, line)
}
