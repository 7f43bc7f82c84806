import type { Command } from 'commander'
import type { AppContext } from '../../cli/context.js'
import { example } from '../../cli/help.js'
import { requireUnit } from '../../cli/lookups.js'
import { printEntity, printRows } from '../../cli/output.js'
import { formatAmount, parseReportStatus } from '../../domain/supervision/report.js'
import { listReports } from '../../storage/reports-repo.js'
import { unitCodesById } from '../../storage/units-repo.js'
import { reportJson, requireReport } from './report-json.js'
import { isChinese, label, t } from '../../domain/i18n/catalog.js'

/** `report list` and `report show`: never the reporter. */

export interface ReportListOptions {
  status?: string
  about?: string
}

export function registerReportViews(report: Command, ctx: AppContext): void {
  example(
    report
      .command('list')
      .description(t('report.list.description'))
      .option('--status <status>', t('report.list.status'))
      .option('--about <unit>', t('report.list.about'))
      .action((opts: ReportListOptions) => reportListRun(ctx, opts)),
    'icm report list --status received',
  )
  example(
    report
      .command('show')
      .description(t('report.show.description'))
      .argument('<code>', t('report.show.code'))
      .action((code: string) => reportShowRun(ctx, code)),
    'icm report show RPT-0001',
  )
}

export async function reportListRun(ctx: AppContext, opts: ReportListOptions): Promise<void> {
  const status = opts.status === undefined ? undefined : parseReportStatus(opts.status)
  const store = await ctx.store()
  const about = opts.about === undefined ? undefined : await requireUnit(store.db, opts.about, t('unit.what'))
  const codes = await unitCodesById(store.db)
  const term = ctx.io.stdoutIsTTY && isChinese()
  const rows = (await listReports(store.db, { status, aboutId: about?.id })).map((r) => reportJson(r, codes))
  await printRows(
    ctx,
    rows,
    [
      { header: 'code', title: t('report.col.code'), value: (r) => r.code },
      { header: 'filed', title: t('report.col.filed'), value: (r) => r.filedAt?.slice(0, 10) },
      { header: 'about', title: t('report.col.about'), value: (r) => r.about },
      { header: 'status', title: t('report.col.status'), value: (r) => (term ? shownStatus(r.status) : r.status) },
      { header: 'validity', title: t('report.col.validity'), enum: 'reportValidity' as const, value: (r) => r.validity },
      { header: 'reward', title: t('report.col.reward'), value: (r) => (r.reward === null ? '' : formatAmount(Math.round(r.reward * 100))), align: 'right' },
      { header: 'description', title: t('report.col.description'), value: (r) => r.description },
    ],
    { csv: ctx.csv, empty: t('report.list.empty') },
  )
}

export async function reportShowRun(ctx: AppContext, code: string): Promise<void> {
  const store = await ctx.store()
  const r = await requireReport(store.db, code)
  const json = reportJson(r, await unitCodesById(store.db))
  // a terminal reads the status and validity in the interface language; piped lines keep the values
  const term = ctx.io.stdoutIsTTY && isChinese()
  printEntity(ctx, json, [
    ['code', r.code, t('report.col.code')],
    ['about', json.about, t('report.col.about')],
    ['filed', json.filedAt, t('report.col.filed')],
    ['description', r.description, t('report.col.description')],
    ['reporter', json.anonymous ? t('report.show.anonymous') : t('report.show.onFile'), t('report.col.reporter')],
    ['status', term ? shownStatus(r.status) : r.status, t('report.col.status')],
    ['validity', term && r.validity !== null ? label('reportValidity', r.validity) : r.validity, t('report.col.validity')],
    ['reward', formatAmount(r.reward_cents), t('report.col.reward')],
    ['decision note', r.decision_note, t('report.col.decisionNote')],
    ['decided', json.decidedAt, t('report.col.decided')],
  ])
}

function shownStatus(status: string): string {
  return status === 'decided' ? t('report.status.decided') : status === 'received' ? t('report.status.received') : status
}
