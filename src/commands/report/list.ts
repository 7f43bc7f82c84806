import type { Command } from 'commander'
import type { AppContext } from '../../cli/context.js'
import { example } from '../../cli/help.js'
import { requireUnit } from '../../cli/lookups.js'
import { printEntity, printRows } from '../../cli/output.js'
import { formatAmount, parseReportStatus } from '../../domain/supervision/report.js'
import { listReports } from '../../storage/reports-repo.js'
import { unitCodesById } from '../../storage/units-repo.js'
import { reportJson, requireReport } from './report-json.js'

/** `report list` and `report show`: never the reporter. */

export interface ReportListOptions {
  status?: string
  about?: string
}

export function registerReportViews(report: Command, ctx: AppContext): void {
  example(
    report
      .command('list')
      .description('List reports (never the reporter)')
      .option('--status <status>', 'received or decided')
      .option('--about <unit>', 'only reports about this unit')
      .action((opts: ReportListOptions) => reportListRun(ctx, opts)),
    'icm report list --status received',
  )
  example(
    report
      .command('show')
      .description('Show a report and its decision (never the reporter)')
      .argument('<code>', 'report code, e.g. RPT-0001')
      .action((code: string) => reportShowRun(ctx, code)),
    'icm report show RPT-0001',
  )
}

export async function reportListRun(ctx: AppContext, opts: ReportListOptions): Promise<void> {
  const status = opts.status === undefined ? undefined : parseReportStatus(opts.status)
  const store = await ctx.store()
  const about = opts.about === undefined ? undefined : await requireUnit(store.db, opts.about)
  const codes = await unitCodesById(store.db)
  const rows = (await listReports(store.db, { status, aboutId: about?.id })).map((r) => reportJson(r, codes))
  await printRows(
    ctx,
    rows,
    [
      { header: 'code', value: (r) => r.code },
      { header: 'filed', value: (r) => r.filedAt?.slice(0, 10) },
      { header: 'about', value: (r) => r.about },
      { header: 'status', value: (r) => r.status },
      { header: 'validity', value: (r) => r.validity },
      { header: 'reward', value: (r) => (r.reward === null ? '' : formatAmount(Math.round(r.reward * 100))), align: 'right' },
      { header: 'description', value: (r) => r.description },
    ],
    { csv: ctx.csv, empty: 'no reports match' },
  )
}

export async function reportShowRun(ctx: AppContext, code: string): Promise<void> {
  const store = await ctx.store()
  const r = await requireReport(store.db, code)
  const json = reportJson(r, await unitCodesById(store.db))
  printEntity(ctx, json, [
    ['code', r.code],
    ['about', json.about],
    ['filed', json.filedAt],
    ['description', r.description],
    ['reporter', json.anonymous ? 'anonymous' : 'on file, encrypted (icm report reveal with the key)'],
    ['status', r.status],
    ['validity', r.validity],
    ['reward', formatAmount(r.reward_cents)],
    ['decision note', r.decision_note],
    ['decided', json.decidedAt],
  ])
}
