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
import { columnTitle } from '../../cli/people-csv.js'
import { t } from '../../domain/i18n/catalog.js'
import { onTerminal } from './views.js'

export function registerBonus(assess: Command, ctx: AppContext): void {
  example(
    yesOption(
      peopleFileOptions(assessPeriodOption(assess.command('bonus').description(t('assess.bonus.description')))
        .option('--base <file>', t('assess.bonus.base'))
        .option('--year <yyyy>', t('assess.bonus.year'))
        .option('--level <level>', t('assess.bonus.level'))
        .option('--out <file>', t('assess.bonus.out'))
        .option('--xlsx <file.xlsx>', t('assess.bonus.xlsx'))),
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
  const file = await need(ctx, opts.base, { flag: '--base', message: t('assess.bonus.askBase') })
  const { shown, header, rows: lines } = readCsvFile(ctx, file)
  const cols = baseColumns(header, shown)
  const kind = checkBaseRows(
    lines.filter((l) => l.problem === undefined).map((l) => ({ line: l.line, person: cols.person < 0 ? null : (l.cells[cols.person] ?? '').trim() || null })),
    shown,
  )
  if (kind === 'person') {
    if (opts.xlsx !== undefined) throw new UserError(t('assess.bonus.xlsxPeople'), t('assess.bonus.xlsxPeople.hint'))
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
      if (seen.has(unit.code)) throw new UserError(t('assess.bonus.twice', { unit: unit.code }))
      seen.add(unit.code)
      const base = parseBaseAmount(cells[cols.base] ?? '')
      const row = rows.find((r) => r.unitId === unit.id)
      if (!row) throw new UserError(t('assess.notInTable', { unit: unit.code, name }))
      items.push({ unit: unit.code, name: unit.name, grade: row.grade, coefficient: row.bonus, base, bonus: unitBonus(base, row.bonus) })
    } catch (e) {
      problems.push({ line, reason: (e as Error).message })
    }
  }
  if (problems.length > 0) {
    throw new UserError(t('assess.bonus.bad', { file: shown, lines: describeBadLines(problems[0]!, problems.length) }), t('assess.bonus.bad.hint'))
  }
  if (items.length === 0) throw new UserError(t('assess.bonus.noUnits', { file: shown }))
  const out = opts.out === undefined ? undefined : await checkOutputPath(ctx, opts.out, { flag: '--out', yes: opts.yes, inputs: [file] })
  if (opts.out !== undefined && out === undefined) return
  if (table.state !== 'final') warn(ctx, t('assess.bonus.draft', { name, command: `icm assess finalize --period ${table.period}${levelFlag(unitLevel)}` }))
  const { total, baseTotal, missing } = bonusTotals(items)
  if (opts.xlsx !== undefined) {
    const xlsx = await xlsxTarget(ctx, opts.xlsx, { inputs: file === '-' ? [] : [file], out: opts.out, yes: opts.yes })
    if (xlsx === undefined) return
    writeOutputFile(xlsx, await bonusWorkbook(ctx, table, items, baseTotal, total))
    confirm(ctx, t('assess.bonus.writtenXlsx', { n: items.length, name, file: xlsx }))
  }
  if (missing.length > 0) warn(ctx, t('assess.bonus.missing', { units: missing.join(', ') }))
  const money = (v: number | null) => (v === null ? 'n/a' : v.toFixed(2))
  const term = onTerminal(ctx)
  if (out !== undefined) {
    const header = ['table', 'unit', 'name', 'grade', 'coefficient', 'base_amount', 'amount']
    const rows = items.map((i) => [table.period, i.unit, i.name, i.grade ?? '', i.coefficient === null ? '' : String(i.coefficient), i.base.toFixed(2), money(i.bonus)])
    writeOutputFile(out, await peopleCsv(peopleHeader(header, format), rows, format))
  }
  if (ctx.json) printJson(ctx, { ...(year === undefined ? { period: table.period } : { year }), level: unitLevel, state: table.state, units: items, baseTotal, total })
  else
    await printRows(
      ctx,
      [...items, { unit: term ? t('assess.bonus.total') : 'total', name: '', grade: null, coefficient: null, base: baseTotal, bonus: total }],
      [
        { header: 'unit', title: columnTitle('unit'), value: (i) => i.unit },
        { header: 'name', title: columnTitle('name'), value: (i) => i.name },
        { header: 'grade', title: columnTitle('grade'), value: (i) => i.grade ?? '' },
        { header: 'coefficient', title: columnTitle('coefficient'), value: (i) => (i.coefficient === null ? '' : i.coefficient.toFixed(2)), align: 'right' },
        { header: 'base', title: t('assess.col.base'), value: (i) => i.base.toFixed(2), align: 'right' },
        { header: 'bonus', title: t('assess.col.bonus'), value: (i) => (term && i.bonus === null ? t('assessExplain.na') : money(i.bonus)), align: 'right' },
      ],
      { csv: ctx.csv },
    )
  if (out !== undefined) confirm(ctx, t('assess.bonus.written', { n: items.length, file: out }))
}
