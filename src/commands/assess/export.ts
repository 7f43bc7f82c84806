import type { Command } from 'commander'
import type { AppContext } from '../../cli/context.js'
import { example } from '../../cli/help.js'
import { yesOption } from '../../cli/options.js'
import { checkOutputPath, writeOutputFile } from '../../cli/output-file.js'
import { confirm, printJson, warn } from '../../cli/output.js'
import { peopleCsv, peopleFileOptions, peopleFormat, peopleHeader, type PeopleFileOptions } from '../../cli/people-csv.js'
import { need } from '../../cli/prompt.js'
import { yearOf } from '../../domain/calendar/period.js'
import { UserError } from '../../domain/errors.js'
import { assessLevel, assessPeriod, assessPeriodOption, levelFlag, levelOption, tableName } from './period.js'
import { annualTable, requireTable } from './tables.js'
import { annualRecords, periodRecords, provisionalText } from './views.js'
import { isProvisional } from '../../domain/assessment/score-table.js'
import { annualWorkbook, periodWorkbook, xlsxTarget } from './workbooks.js'
import { formatCount } from '../../domain/counting.js'
import { t } from '../../domain/i18n/catalog.js'

export function registerExport(assess: Command, ctx: AppContext): void {
  example(
    yesOption(
      peopleFileOptions(levelOption(assessPeriodOption(assess.command('export').description(t('assess.export.description')))
        .option('--year <yyyy>', t('assess.export.year'))
        .option('--out <file>', t('assess.export.out'))
        .option('--xlsx <file.xlsx>', t('assess.export.xlsx')))),
    ).action((opts: ExportOptions) => assessExportRun(ctx, opts)),
    'icm assess export --period 2026-H1 --out 2026H1绩效.csv',
    'icm assess export --period 2026-H1 --xlsx 2026H1绩效.xlsx',
  )
}

export interface ExportOptions extends PeopleFileOptions {
  period?: string
  year?: string
  out?: string
  xlsx?: string
  yes?: boolean
  level?: string
}

/** Writes a period's table or a year's annual table as CSV (whole or not at all). */
export async function assessExportRun(ctx: AppContext, opts: ExportOptions): Promise<void> {
  if ((opts.period === undefined) === (opts.year === undefined)) throw new UserError(t('assess.exactlyOne'))
  const level = assessLevel(opts.level)
  const format = peopleFormat(opts)
  const outArg = opts.xlsx !== undefined && opts.out === undefined ? undefined : await need(ctx, opts.out, { flag: '--out', message: t('assess.export.askOut') })
  let workbook: () => Promise<Uint8Array>
  let records: { header: string[]; rows: string[][] }
  let count: number
  let what: string
  let draft: string | undefined
  if (opts.period !== undefined) {
    const period = assessPeriod(opts.period)
    const store = await ctx.store()
    const { table, rows } = await requireTable(store.db, period, level)
    if (isProvisional(table)) draft = t('assess.export.provisional', { name: tableName(period.code, level), text: provisionalText(table) })
    else if (table.state !== 'final') draft = t('assess.export.draft', { name: tableName(period.code, level), command: `icm assess finalize --period ${period.code}${levelFlag(level)}` })
    records = periodRecords(table, rows)
    workbook = () => periodWorkbook(ctx, table, rows)
    count = rows.length
    what = tableName(period.code, level)
  } else {
    const year = yearOf(opts.year!)
    const store = await ctx.store()
    const annual = await annualTable(store.db, year, level)
    const rows = annual.rows
    if (!annual.frozen) draft = t('assess.export.annualDraft', { name: tableName(String(year), level), command: `icm assess finalize --year ${year}${levelFlag(level)}` })
    records = annualRecords(rows)
    workbook = () => annualWorkbook(ctx, year, rows, annual.policy, annual.finals)
    count = rows.length
    what = tableName(String(year), level)
  }
  const out = outArg === undefined ? undefined : await checkOutputPath(ctx, outArg, { flag: '--out', yes: opts.yes })
  if (out === undefined && outArg !== undefined) return
  const xlsx = opts.xlsx === undefined ? undefined : await xlsxTarget(ctx, opts.xlsx, { out: outArg, yes: opts.yes })
  if (xlsx === undefined && opts.xlsx !== undefined) return
  const bytes = xlsx === undefined ? undefined : await workbook()
  if (out !== undefined) writeOutputFile(out, await peopleCsv(fileHeader(records.header, format), records.rows, format))
  if (xlsx !== undefined) writeOutputFile(xlsx, bytes!)
  if (draft) warn(ctx, draft)
  if (ctx.json) printJson(ctx, { file: out ?? null, table: what, rows: count, excel: out !== undefined && format.encoding === 'utf8-bom', encoding: out === undefined ? null : format.encoding, ...(xlsx === undefined ? {} : { xlsx }) })
  if (out !== undefined) confirm(ctx, t('assess.export.written', { n: formatCount(count), what, file: out }))
  if (xlsx !== undefined) confirm(ctx, t('assess.export.writtenXlsx', { n: formatCount(count), what, file: xlsx }))
}

/** The file's header for people: the shared titles, and the annual table's rewards column, which they do not name. */
function fileHeader(header: readonly string[], format: ReturnType<typeof peopleFormat>): string[] {
  return peopleHeader(header, format).map((h) => (h === 'rewards' && !format.englishHeader ? t('assess.col.rewards') : h))
}
