import type { Command } from 'commander'
import type { AppContext } from '../../cli/context.js'
import { example } from '../../cli/help.js'
import { requireUnit } from '../../cli/lookups.js'
import { atOption, parseAt, requiredText, unitOption } from '../../cli/options.js'
import { confirm, printEntity } from '../../cli/output.js'
import { need } from '../../cli/prompt.js'
import { localDate, parseDate } from '../../domain/calendar/dates.js'
import { SEVERITIES, checkFindingDue, checkInScope, findingAction, parseSeverity } from '../../domain/supervision/audit.js'
import { insertAction } from '../../storage/actions-repo.js'
import { insertFinding, linkFindingAction, listScope } from '../../storage/audits-repo.js'
import { appendEvent } from '../../storage/events-repo.js'
import { listUnits, unitCodesById } from '../../storage/units-repo.js'
import { auditActionCodes, findingJson, requireAudit } from './audit-json.js'

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
    .description('Record a finding of an audit; a major or critical one opens an improvement action for its unit')
    .argument('<audit>', 'audit code, e.g. AUD-0001')
  unitOption(cmd, 'the unit the finding is about, in the audit scope')
    .option('--severity <severity>', SEVERITIES.join(', '))
    .option('--description <text>', 'what was found')
    .option('--due <date>', 'fix by (YYYY-MM-DD)')
  atOption(cmd, 'it was recorded').action(async (code: string, opts: FindingOptions) => void (await auditFindingRun(ctx, code, opts)))
  example(cmd, 'icm audit finding AUD-0001 --unit PUR --severity major --description "供应商评审记录缺失" --due 2026-06-30')
}

/** Records a finding (and, when major or critical, its improvement action); returns the finding's code. */
export async function auditFindingRun(ctx: AppContext, auditCode: string, opts: FindingOptions): Promise<string> {
  const unitRef = await need(ctx, opts.unit, { flag: '--unit', message: 'Unit the finding is about', unit: true })
  const severity = parseSeverity(await need(ctx, opts.severity, { flag: '--severity', message: 'Severity', choices: SEVERITIES }))
  const description = await requiredText(ctx, opts.description, { flag: '--description', message: 'What was found' })
  const due = parseDate(await need(ctx, opts.due, { flag: '--due', message: 'Fix by (YYYY-MM-DD)', check: (v) => parseDate(v, '--due') }), '--due')
  const at = parseAt(ctx, opts.at)
  const store = await ctx.store()
  const { finding, audit, action } = await store.write(async (trx) => {
    const audit = await requireAudit(trx, auditCode)
    const unit = await requireUnit(trx, unitRef)
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
  confirm(ctx, `${finding.code} (${severity}) recorded for ${json.unit}, due ${due}`)
  if (action) confirm(ctx, `improvement action ${action} opened for ${json.unit}, due ${due}`)
  return finding.code
}
