import type { Command } from 'commander'
import type { AppContext } from '../../cli/context.js'
import { example } from '../../cli/help.js'
import { periodOption } from '../../cli/options.js'
import { printEntity, printRows, printText } from '../../cli/output.js'
import { localDate } from '../../domain/calendar/dates.js'
import { boundsOf, parsePeriod } from '../../domain/calendar/period.js'
import { listAudits, listFindings, listScope } from '../../storage/audits-repo.js'
import { unitCodesById } from '../../storage/units-repo.js'
import { auditActionCodes, auditJson, findingJson, requireAudit } from './audit-json.js'

/** `audit list` and `audit show`. */

export interface AuditListOptions {
  period?: string
}

export function registerAuditViews(audit: Command, ctx: AppContext): void {
  const list = audit.command('list').description('List audits with their open and overdue findings')
  periodOption(list, 'only audits dated in').action((opts: AuditListOptions) => auditListRun(ctx, opts))
  example(list, 'icm audit list --period 2026')
  example(
    audit
      .command('show')
      .description('Show an audit and its findings: open, overdue (due before today, not closed) or closed')
      .argument('<audit>', 'audit code')
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
      { header: 'code', value: (a) => a.code },
      { header: 'date', value: (a) => a.date },
      { header: 'title', value: (a) => a.title },
      { header: 'auditor', value: (a) => a.auditor },
      { header: 'scope', value: (a) => a.scope },
      { header: 'findings', value: (a) => a.findingCount, align: 'right' },
      { header: 'open', value: (a) => a.openFindings, align: 'right' },
      { header: 'overdue', value: (a) => a.overdueFindings, align: 'right' },
    ],
    { csv: ctx.csv, empty: 'no audits match' },
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
    ['code', a.code],
    ['title', a.title],
    ['date', a.audit_date],
    ['auditor', a.auditor],
    ['scope', scope],
    ['findings', `${json.findingCount} (${json.openFindings} open, ${json.overdueFindings} overdue)`],
  ])
  printText(ctx, '\nfindings:')
  await printRows(
    ctx,
    findings,
    [
      { header: 'code', value: (f) => f.code },
      { header: 'unit', value: (f) => f.unit },
      { header: 'severity', value: (f) => f.severity },
      { header: 'due', value: (f) => f.due },
      { header: 'status', value: (f) => (f.daysOverdue ? `overdue ${f.daysOverdue}d` : f.status) },
      { header: 'action', value: (f) => f.action },
      { header: 'description', value: (f) => f.description },
    ],
    { empty: `no findings on ${a.code} yet (add one with icm audit finding ${a.code} --unit UNIT --severity minor --description TEXT --due DATE)` },
  )
}
