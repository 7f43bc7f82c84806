import type { Command } from 'commander'
import type { AppContext } from '../../cli/context.js'
import { example } from '../../cli/help.js'
import { yesOption } from '../../cli/options.js'
import { checkOutputPath, writeOutputFile } from '../../cli/output-file.js'
import { confirm, printJson, warn } from '../../cli/output.js'
import { need } from '../../cli/prompt.js'
import { yearOf } from '../../domain/calendar/period.js'
import { UserError } from '../../domain/errors.js'
import { assessPeriod, assessPeriodOption } from './period.js'
import { annualTable, requireTable } from './tables.js'
import { annualCsv, periodCsv } from './views.js'
import { counted } from '../../domain/counting.js'

export function registerExport(assess: Command, ctx: AppContext): void {
  example(
    yesOption(
      assessPeriodOption(assess.command('export').description('Write a score table (a period) or the annual table (a year) as CSV for the payroll team'))
        .option('--year <yyyy>', 'the annual table instead')
        .option('--out <file>', 'the CSV file to write')
        .option('--excel', 'start the file with a BOM so Excel reads UTF-8'),
    ).action((opts: ExportOptions) => assessExportRun(ctx, opts)),
    'icm assess export --period 2026-H1 --out 2026H1-scores.csv --excel',
  )
}

export interface ExportOptions {
  period?: string
  year?: string
  out?: string
  excel?: boolean
  yes?: boolean
}

/** Writes a period's table or a year's annual table as CSV (whole or not at all). */
export async function assessExportRun(ctx: AppContext, opts: ExportOptions): Promise<void> {
  if ((opts.period === undefined) === (opts.year === undefined)) throw new UserError('give exactly one of --period and --year')
  const outArg = await need(ctx, opts.out, { flag: '--out', message: 'CSV file to write' })
  let csv: string
  let count: number
  let what: string
  let draft: string | undefined
  if (opts.period !== undefined) {
    const period = assessPeriod(opts.period)
    const store = await ctx.store()
    const { table, rows } = await requireTable(store.db, period)
    if (table.state !== 'final') draft = `${period.code} is a draft: its numbers can still change (icm assess finalize --period ${period.code})`
    csv = await periodCsv(table, rows, opts.excel)
    count = rows.length
    what = period.code
  } else {
    const year = yearOf(opts.year!)
    const store = await ctx.store()
    const { rows } = await annualTable(store.db, year)
    csv = await annualCsv(rows, opts.excel)
    count = rows.length
    what = String(year)
  }
  const out = await checkOutputPath(ctx, outArg, { flag: '--out', yes: opts.yes })
  if (out === undefined) return
  writeOutputFile(out, csv)
  if (draft) warn(ctx, draft)
  if (ctx.json) printJson(ctx, { file: out, table: what, rows: count, excel: opts.excel === true })
  confirm(ctx, `${counted(count, 'row')} of ${what} written to ${out}`)
}
