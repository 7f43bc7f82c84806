import type { Command } from 'commander'
import type { AppContext } from '../../cli/context.js'
import { readCsvFile } from '../../cli/files.js'
import { example } from '../../cli/help.js'
import { requireUnit } from '../../cli/lookups.js'
import { yesOption } from '../../cli/options.js'
import { checkOutputPath, writeOutputFile } from '../../cli/output-file.js'
import { confirm, printJson, printRows, warn } from '../../cli/output.js'
import { peopleCsv, peopleFileOptions, peopleFormat, peopleHeader, type PeopleFileOptions } from '../../cli/people-csv.js'
import { need } from '../../cli/prompt.js'
import { bonusTotals, parseBaseAmount, unitBonus, type BonusLine } from '../../domain/assessment/bonus.js'
import { baseColumns, checkBaseRows } from '../../domain/assessment/person-bonus.js'
import { describeBadLines } from '../../domain/bad-lines.js'
import { UserError } from '../../domain/errors.js'
import { requireCoefficients, type BonusSource } from './bonus-sources.js'
import { askPeriod, assessLevel, assessPeriodOption, levelFlag } from './period.js'
import { personBonusRun } from './person-bonus.js'
import { yearInstead } from './year.js'
import { bonusWorkbook, xlsxTarget } from './workbooks.js'

export function registerBonus(assess: Command, ctx: AppContext): void {
  example(
    yesOption(
      peopleFileOptions(assessPeriodOption(assess.command('bonus').description("Bonuses: each unit's or each person's base amount × their coefficient, with totals"))
        .option('--base <file>', 'CSV with unit,base_amount, or person,unit,base_amount (姓名,部门,奖金基数) for people (- reads stdin)')
        .option('--year <yyyy>', 'the final annual table instead of a period')
        .option('--level <level>', "department or position: the table to read (default department; for people, a person in a position takes the position's row when positions were assessed)")
        .option('--out <file>', 'also write the sheet as CSV for payroll (UTF-8 with a BOM, headers in the interface language)')
        .option('--xlsx <file.xlsx>', 'also write the bonuses of units as an Excel workbook (the policy and table hash on a second sheet)')),
    ).action((opts: BonusOptions) => assessBonusRun(ctx, opts)),
    'icm assess bonus --period 2026-H1 --base bonus-base.csv',
    'icm assess bonus --period 2026-H1 --base people.csv --out 2026H1-bonus.csv',
    'icm assess bonus --year 2026 --base bonus-base.csv',
  )
}

export interface BonusOptions extends PeopleFileOptions {
  period?: string
  base?: string
  level?: string
  year?: string
  out?: string
  xlsx?: string
  yes?: boolean
}

/** The base file's units or people × their coefficients; all lines good or nothing. */
export async function assessBonusRun(ctx: AppContext, opts: BonusOptions): Promise<void> {
  const year = yearInstead(opts)
  const format = peopleFormat(opts)
  const level = opts.level === undefined ? undefined : assessLevel(opts.level)
  const src: BonusSource = year === undefined ? { period: await askPeriod(ctx, opts.period) } : { year }
  const file = await need(ctx, opts.base, { flag: '--base', message: 'CSV file with unit,base_amount' })
  const { shown, header, rows: lines } = readCsvFile(ctx, file)
  const cols = baseColumns(header, shown)
  const kind = checkBaseRows(
    lines.filter((l) => l.problem === undefined).map((l) => ({ line: l.line, person: cols.person < 0 ? null : (l.cells[cols.person] ?? '').trim() || null })),
    shown,
  )
  if (kind === 'person') {
    if (opts.xlsx !== undefined) throw new UserError('--xlsx writes the bonuses of units; for people use --out FILE.csv', 'the CSV opens in Excel as it is (UTF-8 with a BOM)')
    return personBonusRun(ctx, { src, level, file, shown, lines, cols, out: opts.out, yes: opts.yes, format })
  }
  const unitLevel = level ?? 'department'
  const store = await ctx.store()
  const { table, rows, name } = await requireCoefficients(store.db, src, unitLevel)
  const problems: { line: number; reason: string }[] = []
  const items: BonusLine[] = []
  const seen = new Set<string>()
  for (const { line, cells, problem } of lines) {
    if (problem !== undefined) {
      problems.push({ line, reason: problem })
      continue
    }
    try {
      const unit = await requireUnit(store.db, cells[cols.unit] ?? '')
      if (seen.has(unit.code)) throw new UserError(`${unit.code} is listed twice`)
      seen.add(unit.code)
      const base = parseBaseAmount(cells[cols.base] ?? '')
      const row = rows.find((r) => r.unitId === unit.id)
      if (!row) throw new UserError(`${unit.code} is not in the ${name} score table`)
      items.push({ unit: unit.code, name: unit.name, grade: row.grade, coefficient: row.bonus, base, bonus: unitBonus(base, row.bonus) })
    } catch (e) {
      problems.push({ line, reason: (e as Error).message })
    }
  }
  if (problems.length > 0) {
    throw new UserError(`${shown} ${describeBadLines(problems[0]!, problems.length)}`, 'fix the base file; no bonus was computed')
  }
  if (items.length === 0) throw new UserError(`${shown} has a header but no units`)
  const out = opts.out === undefined ? undefined : await checkOutputPath(ctx, opts.out, { flag: '--out', yes: opts.yes, inputs: [file] })
  if (opts.out !== undefined && out === undefined) return
  if (table.state !== 'final') warn(ctx, `${name} is a draft: coefficients can still change (icm assess finalize --period ${table.period}${levelFlag(unitLevel)})`)
  const { total, baseTotal, missing } = bonusTotals(items)
  if (opts.xlsx !== undefined) {
    const xlsx = await xlsxTarget(ctx, opts.xlsx, { inputs: file === '-' ? [] : [file], out: opts.out, yes: opts.yes })
    if (xlsx === undefined) return
    writeOutputFile(xlsx, await bonusWorkbook(ctx, table, items, baseTotal, total))
    confirm(ctx, `${items.length} bonuses of ${name} written to the workbook ${xlsx}`)
  }
  if (missing.length > 0) warn(ctx, `no coefficient (insufficient data) for ${missing.join(', ')}: no bonus computed for them`)
  const money = (v: number | null) => (v === null ? 'n/a' : v.toFixed(2))
  if (out !== undefined) {
    const header = ['table', 'unit', 'name', 'grade', 'coefficient', 'base_amount', 'amount']
    const rows = items.map((i) => [table.period, i.unit, i.name, i.grade ?? '', i.coefficient === null ? '' : String(i.coefficient), i.base.toFixed(2), money(i.bonus)])
    writeOutputFile(out, await peopleCsv(peopleHeader(header, format), rows, format))
  }
  if (ctx.json) printJson(ctx, { ...(year === undefined ? { period: table.period } : { year }), level: unitLevel, state: table.state, units: items, baseTotal, total })
  else
    await printRows(
      ctx,
      [...items, { unit: 'total', name: '', grade: null, coefficient: null, base: baseTotal, bonus: total }],
      [
        { header: 'unit', value: (i) => i.unit },
        { header: 'name', value: (i) => i.name },
        { header: 'grade', value: (i) => i.grade ?? '' },
        { header: 'coefficient', value: (i) => (i.coefficient === null ? '' : i.coefficient.toFixed(2)), align: 'right' },
        { header: 'base', value: (i) => i.base.toFixed(2), align: 'right' },
        { header: 'bonus', value: (i) => money(i.bonus), align: 'right' },
      ],
      { csv: ctx.csv },
    )
  if (out !== undefined) confirm(ctx, `${items.length} units' bonuses written to ${out}`)
}
