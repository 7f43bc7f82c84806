import type { Command } from 'commander'
import type { AppContext } from '../../cli/context.js'
import { readCsvFile } from '../../cli/files.js'
import { example } from '../../cli/help.js'
import { requireUnit } from '../../cli/lookups.js'
import { printJson, printRows, warn } from '../../cli/output.js'
import { need } from '../../cli/prompt.js'
import { bonusTotals, parseBaseAmount, unitBonus, type BonusLine } from '../../domain/assessment/bonus.js'
import { describeBadLines } from '../../domain/bad-lines.js'
import { UserError } from '../../domain/errors.js'
import { excerpt } from '../../domain/excerpt.js'
import { askPeriod, assessLevel, assessPeriodOption, levelFlag, levelOption, tableName } from './period.js'
import { requireFinalAnnual, requireTable } from './tables.js'
import { yearInstead } from './year.js'

export function registerBonus(assess: Command, ctx: AppContext): void {
  example(
    levelOption(assessPeriodOption(assess.command('bonus').description("Each unit's bonus: base amount × the period's bonus coefficient, and the total"))
      .option('--base <file>', 'CSV with unit,base_amount (- reads stdin)'))
      .option('--year <yyyy>', 'the final annual table instead of a period')
      .action((opts: BonusOptions) => assessBonusRun(ctx, opts)),
    'icm assess bonus --period 2026-H1 --base bonus-base.csv',
    'icm assess bonus --year 2026 --base bonus-base.csv',
  )
}

export interface BonusOptions {
  period?: string
  base?: string
  level?: string
  year?: string
}

/** Each unit of the base file: its base amount × its coefficient in the period's table; all lines good or nothing. */
export async function assessBonusRun(ctx: AppContext, opts: BonusOptions): Promise<void> {
  const year = yearInstead(opts)
  const level = assessLevel(opts.level)
  const period = year === undefined ? await askPeriod(ctx, opts.period) : undefined
  const file = await need(ctx, opts.base, { flag: '--base', message: 'CSV file with unit,base_amount' })
  const { shown, header, rows: lines } = readCsvFile(ctx, file)
  const cols = header.map((h) => h.trim().toLowerCase())
  const [iUnit, iBase] = [cols.indexOf('unit'), cols.indexOf('base_amount')]
  if (iUnit < 0 || iBase < 0) throw new UserError(`${shown}: the header must name unit and base_amount (it has: ${excerpt(header.join(','))})`)
  const store = await ctx.store()
  const { table, rows } = period ? await requireTable(store.db, period, level) : await requireFinalAnnual(store.db, year!, level)
  const code = table.period
  const problems: { line: number; reason: string }[] = []
  const items: BonusLine[] = []
  const seen = new Set<string>()
  for (const { line, cells, problem } of lines) {
    if (problem !== undefined) {
      problems.push({ line, reason: problem })
      continue
    }
    try {
      const unit = await requireUnit(store.db, cells[iUnit] ?? '')
      if (seen.has(unit.code)) throw new UserError(`${unit.code} is listed twice`)
      seen.add(unit.code)
      const base = parseBaseAmount(cells[iBase] ?? '')
      const row = rows.find((r) => r.unitId === unit.id)
      if (!row) throw new UserError(`${unit.code} is not in the ${tableName(code, level)} score table`)
      items.push({ unit: unit.code, name: unit.name, grade: row.grade, coefficient: row.bonus, base, bonus: unitBonus(base, row.bonus) })
    } catch (e) {
      problems.push({ line, reason: (e as Error).message })
    }
  }
  if (problems.length > 0) {
    throw new UserError(`${shown} ${describeBadLines(problems[0]!, problems.length)}`, 'fix the base file; no bonus was computed')
  }
  if (items.length === 0) throw new UserError(`${shown} has a header but no units`)
  if (table.state !== 'final') warn(ctx, `${tableName(code, level)} is a draft: coefficients can still change (icm assess finalize --period ${code}${levelFlag(level)})`)
  const { total, baseTotal, missing } = bonusTotals(items)
  if (missing.length > 0) warn(ctx, `no coefficient (insufficient data) for ${missing.join(', ')}: no bonus computed for them`)
  if (ctx.json) {
    printJson(ctx, { ...(year === undefined ? { period: code } : { year }), level, state: table.state, units: items, baseTotal, total })
    return
  }
  await printRows(
    ctx,
    [...items, { unit: 'total', name: '', grade: null, coefficient: null, base: baseTotal, bonus: total }],
    [
      { header: 'unit', value: (i) => i.unit },
      { header: 'name', value: (i) => i.name },
      { header: 'grade', value: (i) => i.grade ?? '' },
      { header: 'coefficient', value: (i) => (i.coefficient === null ? '' : i.coefficient.toFixed(2)), align: 'right' },
      { header: 'base', value: (i) => i.base.toFixed(2), align: 'right' },
      { header: 'bonus', value: (i) => (i.bonus === null ? 'n/a' : i.bonus.toFixed(2)), align: 'right' },
    ],
    { csv: ctx.csv },
  )
}
