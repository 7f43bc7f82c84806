import type { Command } from 'commander'
import type { AppContext } from '../../cli/context.js'
import { example } from '../../cli/help.js'
import { yesOption } from '../../cli/options.js'
import { checkOutputPath, writeOutputFile } from '../../cli/output-file.js'
import { confirm, printJson, warn } from '../../cli/output.js'
import { need } from '../../cli/prompt.js'
import { yearOf } from '../../domain/calendar/period.js'
import { ExitCode, UserError } from '../../domain/errors.js'
import { quote } from '../../domain/excerpt.js'
import { assessLevel, assessPeriod, assessPeriodOption } from './period.js'
import { annualReportHtml, assessReportHtml } from './report/document.js'
import { annualReportModel, assessReportModel } from './report-data.js'
import { annualTable, requireTable } from './tables.js'
import { t } from '../../domain/i18n/catalog.js'

/** `icm assess report`: the score table as one self-contained HTML file to open, print and forward (DESIGN.md §9). */
export function registerReport(assess: Command, ctx: AppContext): void {
  example(
    yesOption(
      assessPeriodOption(assess.command('report').description(t('assess.report.description')))
        .option('--year <yyyy>', t('assess.report.year'))
        .option('--out <file.html>', t('assess.report.out'))
        .option('--level <level>', t('assess.report.level')),
    ).action((opts: ReportOptions) => assessReportRun(ctx, opts)),
    'icm assess report --period 2026-H1 --out 2026H1-report.html',
    'icm assess report --year 2026 --out 2026-annual.html',
  )
}

export interface ReportOptions {
  period?: string
  year?: string
  out?: string
  level?: string
  yes?: boolean
}

export async function assessReportRun(ctx: AppContext, opts: ReportOptions): Promise<void> {
  if ((opts.period === undefined) === (opts.year === undefined)) throw new UserError(t('assess.exactlyOne'), t('assess.eg', { command: 'icm assess report --period 2026-H1 --out report.html' }))
  const outArg = await need(ctx, opts.out, { flag: '--out', message: t('assess.report.askOut') })
  if (!/\.html?$/i.test(outArg)) throw new UserError(t('assess.report.notHtml', { file: quote(outArg) }), t('assess.report.notHtml.hint'))
  const level = assessLevel(opts.level)
  const store = await ctx.store()
  let doc: string
  let what: string
  let units: number
  let state: string
  if (opts.period !== undefined) {
    const period = assessPeriod(opts.period)
    // the table of the level asked for (department by default); a missing one names the level that exists
    const { table, rows } = await requireTable(store.db, period, level, ExitCode.notFound)
    const model = await assessReportModel(ctx, store.db, period, table, rows)
    doc = await assessReportHtml(model)
    if (model.state !== 'final') warn(ctx, t('assess.report.notFinal', { period: period.code, state: model.state === 'draft' ? t('assess.report.stateDraft') : t('assess.report.stateProvisional'), command: `icm assess finalize --period ${period.code}` }))
    what = period.code
    units = rows.length
    state = model.state
  } else {
    const annual = await annualTable(store.db, yearOf(opts.year!), level)
    doc = await annualReportHtml(await annualReportModel(ctx, store.db, annual))
    what = String(annual.year)
    units = annual.rows.length
    state = annual.finals.length === 2 ? 'final' : 'provisional'
  }
  const out = await checkOutputPath(ctx, outArg, { flag: '--out', yes: opts.yes })
  if (out === undefined) return
  writeOutputFile(out, doc)
  const bytes = Buffer.byteLength(doc)
  if (ctx.json) printJson(ctx, { file: out, table: what, state, units, bytes })
  confirm(ctx, t('assess.report.written', { what, units, kb: Math.ceil(bytes / 1024), file: out }))
}
