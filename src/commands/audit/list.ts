import type { Command } from 'commander'
import type { AppContext } from '../../cli/context.js'
import { example } from '../../cli/help.js'
import { printEntity, printRows, printText } from '../../cli/output.js'
import { localDate } from '../../domain/calendar/dates.js'
import { boundsOf, parsePeriod } from '../../domain/calendar/period.js'
import { listAudits, listFindings, listScope } from '../../storage/audits-repo.js'
import { unitCodesById } from '../../storage/units-repo.js'
import { auditActionCodes, auditJson, findingJson, requireAudit } from './audit-json.js'
import { isChinese, t } from '../../domain/i18n/catalog.js'

/** `audit list` and `audit show`. */

export interface AuditListOptions {
  period?: string
}

export function registerAuditViews(audit: Command, ctx: AppContext): void {
  const list = audit.command('list').description(t('audit.list.description'))
  list.option('--period <period>', t('audit.list.period')).action((opts: AuditListOptions) => auditListRun(ctx, opts))
  example(list, 'icm audit list --period 2026')
  example(
    audit
      .command('show')
      .description(t('audit.show.description'))
      .argument('<audit>', t('audit.show.audit'))
      .action((code: string) => auditShowRun(ctx, code)),
    'icm audit show AUD-0001',
  )
}

export async function auditListRun(ctx: AppContext, opts: AuditListOptions): Promise<void> {
  const period = opts.period === undefined ? undefined : boundsOf(parsePeriod(opts.period))
  const store = await ctx.store()
  const today = localDate(ctx.now())
  const audits = await listAudits(store.db, { period })
  const ids = audits.map((a) => a.id)
  const scope = await listScope(store.db, ids)
  const findings = await listFindings(store.db, { auditIds: ids })
  const codes = await unitCodesById(store.db)
  const actionCodes = await auditActionCodes(store.db)
  const rows = audits.map((a) =>
    auditJson(
      a,
      scope.filter((s) => s.audit_id === a.id).map((s) => codes.get(s.unit_id) ?? ''),
      findings.filter((f) => f.audit_id === a.id).map((f) => findingJson(f, a.code, codes, actionCodes, today)),
    ),
  )
  await printRows(
    ctx,
    rows,
    [
      { header: 'code', title: t('audit.col.code'), value: (a) => a.code },
      { header: 'date', title: t('audit.col.date'), value: (a) => a.date },
      { header: 'title', title: t('audit.col.title'), value: (a) => a.title },
      { header: 'auditor', title: t('audit.col.auditor'), value: (a) => a.auditor },
      { header: 'scope', title: t('audit.col.scope'), value: (a) => a.scope },
      { header: 'findings', title: t('audit.col.findings'), value: (a) => a.findingCount, align: 'right' },
      { header: 'open', title: t('audit.col.open'), value: (a) => a.openFindings, align: 'right' },
      { header: 'overdue', title: t('audit.col.overdue'), value: (a) => a.overdueFindings, align: 'right' },
    ],
    { csv: ctx.csv, empty: t('audit.list.empty') },
  )
}

export async function auditShowRun(ctx: AppContext, code: string): Promise<void> {
  const store = await ctx.store()
  const a = await requireAudit(store.db, code)
  const today = localDate(ctx.now())
  const codes = await unitCodesById(store.db)
  const actionCodes = await auditActionCodes(store.db)
  const scope = (await listScope(store.db, [a.id])).map((s) => codes.get(s.unit_id) ?? '')
  const findings = (await listFindings(store.db, { auditIds: [a.id] })).map((f) => findingJson(f, a.code, codes, actionCodes, today))
  const json = auditJson(a, scope, findings)
  if (ctx.json) {
    printEntity(ctx, { ...json, findings }, [])
    return
  }
  printEntity(ctx, json, [
    ['code', a.code, t('audit.col.code')],
    ['title', a.title, t('audit.col.title')],
    ['date', a.audit_date, t('audit.col.date')],
    ['auditor', a.auditor, t('audit.col.auditor')],
    ['scope', scope, t('audit.col.scope')],
    ['findings', t('audit.show.findingCounts', { n: json.findingCount, open: json.openFindings, overdue: json.overdueFindings }), t('audit.col.findings')],
  ])
  printText(ctx, t('audit.show.findings'))
  // a terminal reads a finding's status in the interface language; piped lines keep the value
  const term = ctx.io.stdoutIsTTY && isChinese()
  await printRows(
    ctx,
    findings,
    [
      { header: 'code', title: t('audit.col.code'), value: (f) => f.code },
      { header: 'unit', title: t('audit.col.unit'), value: (f) => f.unit },
      { header: 'severity', title: t('audit.col.severity'), enum: 'severity' as const, value: (f) => f.severity },
      { header: 'due', title: t('audit.col.due'), value: (f) => f.due },
      { header: 'status', title: t('audit.col.status'), value: (f) => (f.daysOverdue ? (term ? t('audit.status.overdue', { n: f.daysOverdue }) : `overdue ${f.daysOverdue}d`) : term ? t(f.status === 'closed' ? 'audit.status.closed' : 'audit.status.open') : f.status) },
      { header: 'action', title: t('audit.col.action'), value: (f) => f.action },
      { header: 'description', title: t('audit.col.description'), value: (f) => f.description },
    ],
    { empty: t('audit.show.empty', { code: a.code }) },
  )
}
