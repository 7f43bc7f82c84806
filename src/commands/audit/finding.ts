import type { Command } from 'commander'
import type { AppContext } from '../../cli/context.js'
import { example } from '../../cli/help.js'
import { requireUnit } from '../../cli/lookups.js'
import { parseAt, requiredText } from '../../cli/options.js'
import { confirm, printEntity } from '../../cli/output.js'
import { need } from '../../cli/prompt.js'
import { localDate, parseDate } from '../../domain/calendar/dates.js'
import { SEVERITIES, checkFindingDue, checkInScope, findingAction, parseSeverity } from '../../domain/supervision/audit.js'
import { insertAction } from '../../storage/actions-repo.js'
import { insertFinding, linkFindingAction, listScope } from '../../storage/audits-repo.js'
import { appendEvent } from '../../storage/events-repo.js'
import { listUnits, unitCodesById } from '../../storage/units-repo.js'
import { auditActionCodes, findingJson, requireAudit } from './audit-json.js'
import { label, t } from '../../domain/i18n/catalog.js'

export interface FindingOptions {
  unit?: string
  severity?: string
  description?: string
  due?: string
  at?: string
}

export function registerAuditFinding(audit: Command, ctx: AppContext): void {
  const cmd = audit
    .command('finding')
    .description(t('audit.finding.description'))
    .argument('<audit>', t('audit.finding.audit'))
    .option('--unit <unit>', t('audit.finding.unit'))
    .option('--severity <severity>', t('audit.finding.severity'))
    .option('--description <text>', t('audit.finding.descriptionOption'))
    .option('--due <date>', t('audit.finding.due'))
    .option('--at <datetime>', t('audit.add.at'))
  cmd.action(async (code: string, opts: FindingOptions) => void (await auditFindingRun(ctx, code, opts)))
  example(cmd, 'icm audit finding AUD-0001 --unit PUR --severity major --description "供应商评审记录缺失" --due 2026-06-30')
}

/** Records a finding (and, when major or critical, its improvement action); returns the finding's code. */
export async function auditFindingRun(ctx: AppContext, auditCode: string, opts: FindingOptions): Promise<string> {
  const unitRef = await requiredText(ctx, opts.unit, { flag: '--unit', message: t('audit.finding.askUnit'), unit: true })
  const severity = parseSeverity(await need(ctx, opts.severity, { flag: '--severity', message: t('audit.finding.askSeverity'), choices: SEVERITIES.map((s) => label('severity', s)) }))
  const description = await requiredText(ctx, opts.description, { flag: '--description', message: t('audit.finding.askDescription') })
  const due = parseDate(await need(ctx, opts.due, { flag: '--due', message: t('audit.finding.askDue'), check: (v) => parseDate(v, '--due') }), '--due')
  const at = parseAt(ctx, opts.at)
  const store = await ctx.store()
  const { finding, audit, action } = await store.write(async (trx) => {
    const audit = await requireAudit(trx, auditCode)
    const unit = await requireUnit(trx, unitRef, t('unit.what'))
    const units = await listUnits(trx, { includeInactive: true })
    const byId = new Map(units.map((u) => [u.id, u]))
    const scope = (await listScope(trx, [audit.id])).map((s) => ({ id: s.unit_id, code: byId.get(s.unit_id)?.code ?? '' }))
    checkInScope(unit, audit, scope, new Map(units.map((u) => [u.id, u.parent_id])))
    checkFindingDue(due, audit.audit_date)
    let finding = await insertFinding(trx, { auditId: audit.id, unitId: unit.id, severity, description, due, createdAt: at })
    const opens = findingAction(audit, finding)
    let action: string | null = null
    if (opens) {
      const a = await insertAction(trx, { source: 'audit', ownerId: unit.id, createdAt: at, ...opens })
      finding = await linkFindingAction(trx, finding.id, a.id)
      action = a.code
      await appendEvent(trx, ctx.event('action.add', a.code, { owner: unit.code, description: a.description, due, source: 'audit', ref: finding.code }))
    }
    await appendEvent(trx, ctx.event('audit.finding', finding.code, { audit: audit.code, unit: unit.code, severity, description, due, action }))
    return { finding, audit, action }
  })
  const codes = await unitCodesById(store.db)
  const json = findingJson(finding, audit.code, codes, await auditActionCodes(store.db), localDate(ctx.now()))
  if (ctx.json) printEntity(ctx, json, [])
  else ctx.io.out(`${finding.code}\n`)
  confirm(ctx, t('audit.finding.recorded', { code: finding.code, severity: label('severity', severity), unit: json.unit ?? '', due }))
  if (action) confirm(ctx, t('audit.finding.actionOpened', { code: action, unit: json.unit ?? '', due }))
  return finding.code
}
