import type { Command } from 'commander'
import type { Kysely } from 'kysely'
import type { AppContext } from '../../cli/context.js'
import { confirm, printEntity, printRows, printText, warn, shownInstant } from '../../cli/output.js'
import { need } from '../../cli/prompt.js'
import { SEVERITIES, checkFindingDue, findingDaysOverdue, findingState, opensAction, parseSeverity } from '../../domain/supervision/audit.js'
import { localDate, parseDate } from '../../domain/calendar/dates.js'
import { NotFoundError, UserError } from '../../domain/errors.js'
import { parsePeriod } from '../../domain/calendar/period.js'
import { insertAction, listActions } from '../../storage/actions-repo.js'
import {
  closeFinding,
  findAuditByCode,
  findAuditById,
  findFindingByCode,
  insertAudit,
  insertFinding,
  linkFindingAction,
  listAudits,
  listFindings,
  listScope,
} from '../../storage/audits-repo.js'
import { appendEvent } from '../../storage/events-repo.js'
import type { AuditRow, FindingRow } from '../../storage/schema-collaboration.js'
import type { DB, UnitRow } from '../../storage/schema.js'
import { listUnits, unitCodesById } from '../../storage/units-repo.js'
import { requiredText, parseAt, splitList } from '../../cli/options.js'
import { example } from '../../cli/help.js'
import { requireUnit } from '../../cli/lookups.js'

/** The JSON of a finding, with its state as of today and the improvement action it opened. */
export function findingJson(f: FindingRow, auditCode: string, codes: ReadonlyMap<number, string>, actionCodes: ReadonlyMap<number, string>, today: string) {
  const days = findingDaysOverdue(f, today)
  return {
    code: f.code,
    audit: auditCode,
    unit: codes.get(f.unit_id) ?? null,
    severity: f.severity,
    description: f.description,
    due: f.due,
    status: findingState(f, today),
    daysOverdue: days > 0 ? days : null,
    action: f.action_id === null ? null : (actionCodes.get(f.action_id) ?? null),
    closeNote: f.close_note,
    closedAt: shownInstant(f.closed_at),
    createdAt: shownInstant(f.created_at),
  }
}

type FindingJson = ReturnType<typeof findingJson>

/** The JSON of an audit with its scope and finding counts. */
export function auditJson(a: AuditRow, scope: readonly string[], findings: readonly FindingJson[]) {
  return {
    code: a.code,
    title: a.title,
    date: a.audit_date,
    auditor: a.auditor,
    scope: [...scope],
    findingCount: findings.length,
    openFindings: findings.filter((f) => f.status !== 'closed').length,
    overdueFindings: findings.filter((f) => f.status === 'overdue').length,
    createdAt: shownInstant(a.created_at),
  }
}

export async function requireAudit(db: Kysely<DB>, code: string): Promise<AuditRow> {
  const a = await findAuditByCode(db, code)
  if (!a) throw new NotFoundError(`unknown audit '${code}'`, 'see icm audit list')
  return a
}

async function requireFinding(db: Kysely<DB>, code: string): Promise<FindingRow> {
  const f = await findFindingByCode(db, code)
  if (!f) throw new NotFoundError(`unknown finding '${code}'`, 'see icm audit show AUD-CODE')
  return f
}

/** Codes of the improvement actions that audits opened, by id. */
async function auditActionCodes(db: Kysely<DB>): Promise<Map<number, string>> {
  return new Map((await listActions(db, { source: 'audit' })).map((a) => [a.id, a.code]))
}

/** Internal audits (policy chapter 8): audits of units, their findings, and the actions they open. */
export function registerAudit(program: Command, ctx: AppContext): void {
  const audit = program.command('audit').description('Internal audits and their findings (supervision, policy chapter 8)')

  example(
    audit
      .command('add')
      .description('Record an internal audit of one or more units; prints its code')
      .option('--title <text>', 'what was audited')
      .option('--date <date>', 'the audit date (YYYY-MM-DD)')
      .option('--auditor <name>', 'who audited')
      .option('--scope <units>', 'the audited units, comma-separated')
      .option('--at <datetime>', 'when it was recorded (default now)')
      .action(async (opts: AuditAddOptions) => void (await auditAddRun(ctx, opts))),
    'icm audit add --title "2026 上半年内部客户服务审核" --date 2026-05-20 --auditor 赵磊 --scope IT,PUR,WH',
  )
  example(
    audit
      .command('finding')
      .description('Record a finding of an audit; a major or critical one opens an improvement action for its unit')
      .argument('<audit>', 'audit code, e.g. AUD-0001')
      .option('--unit <unit>', 'the unit the finding is about (in the audit scope)')
      .option('--severity <severity>', SEVERITIES.join(', '))
      .option('--description <text>', 'what was found')
      .option('--due <date>', 'fix by (YYYY-MM-DD)')
      .option('--at <datetime>', 'when it was recorded (default now)')
      .action(async (code: string, opts: FindingOptions) => void (await auditFindingRun(ctx, code, opts))),
    'icm audit finding AUD-0001 --unit PUR --severity major --description "供应商评审记录缺失" --due 2026-06-30',
  )
  example(
    audit
      .command('close-finding')
      .description('Close a finding with what was done')
      .argument('<finding>', 'finding code, e.g. FND-0002')
      .option('--note <text>', 'what was done')
      .option('--at <datetime>', 'when (default now)')
      .action((code: string, opts: { note?: string; at?: string }) => auditCloseFindingRun(ctx, code, opts)),
    'icm audit close-finding FND-0002 --note "已补齐评审记录并纳入月度检查"',
  )
  example(
    audit
      .command('list')
      .description('List audits with their open and overdue findings')
      .option('--period <period>', 'only audits dated in this period, e.g. 2026-H1')
      .action((opts: { period?: string; csv?: boolean }) => auditListRun(ctx, opts)),
    'icm audit list --period 2026',
  )
  example(
    audit
      .command('show')
      .description('Show an audit and its findings: open, overdue (due before today, not closed) or closed')
      .argument('<audit>', 'audit code')
      .action((code: string) => auditShowRun(ctx, code)),
    'icm audit show AUD-0001',
  )
}

interface AuditAddOptions {
  title?: string
  date?: string
  auditor?: string
  scope?: string
  at?: string
}

/** Records an audit; returns its code. */
export async function auditAddRun(ctx: AppContext, opts: AuditAddOptions): Promise<string> {
  const title = await requiredText(ctx, opts.title, { flag: '--title', message: 'What was audited' })
  const date = parseDate(await need(ctx, opts.date, { flag: '--date', message: 'Audit date (YYYY-MM-DD)' }), '--date')
  const auditor = await requiredText(ctx, opts.auditor, { flag: '--auditor', message: 'Who audited' })
  const scopeRefs = splitList(await requiredText(ctx, opts.scope, { flag: '--scope', message: 'Audited units (comma-separated)' }))
  if (scopeRefs.length === 0) throw new UserError('--scope names no unit', 'list the audited units, e.g. --scope IT,PUR')
  const at = parseAt(ctx, opts.at)
  const store = await ctx.store()
  const { row, scope } = await store.write(async (trx) => {
    const units: UnitRow[] = []
    for (const ref of scopeRefs) {
      const u = await requireUnit(trx, ref, 'scope unit')
      if (!units.some((x) => x.id === u.id)) units.push(u)
    }
    const created = await insertAudit(trx, { title, audit_date: date, auditor, created_at: at.toISOString() }, units.map((u) => u.id))
    const scope = units.map((u) => u.code)
    await appendEvent(trx, ctx.event('audit.add', created.code, { title, date, auditor, scope }))
    return { row: created, scope }
  })
  if (ctx.json) printEntity(ctx, auditJson(row, scope, []), [])
  else ctx.io.out(`${row.code}\n`)
  confirm(ctx, `${row.code} ${title} (${date}, ${scope.join(', ')}) added`)
  return row.code
}

interface FindingOptions {
  unit?: string
  severity?: string
  description?: string
  due?: string
  at?: string
}

/** Records a finding (and, when major or critical, its improvement action); returns the finding's code. */
export async function auditFindingRun(ctx: AppContext, auditCode: string, opts: FindingOptions): Promise<string> {
  const unitRef = await requiredText(ctx, opts.unit, { flag: '--unit', message: 'Unit the finding is about' })
  const severity = parseSeverity(await need(ctx, opts.severity, { flag: '--severity', message: 'Severity', choices: SEVERITIES }))
  const description = await requiredText(ctx, opts.description, { flag: '--description', message: 'What was found' })
  const due = parseDate(await need(ctx, opts.due, { flag: '--due', message: 'Fix by (YYYY-MM-DD)' }), '--due')
  const at = parseAt(ctx, opts.at)
  const store = await ctx.store()
  const { finding, audit, action } = await store.write(async (trx) => {
    const audit = await requireAudit(trx, auditCode)
    const unit = await requireUnit(trx, unitRef)
    const scope = (await listScope(trx, [audit.id])).map((s) => s.unit_id)
    if (!(await withinScope(trx, unit.id, scope))) {
      const codes = await unitCodesById(trx)
      throw new UserError(`${unit.code} is not in the scope of ${audit.code} (${scope.map((id) => codes.get(id)).join(', ')})`, 'a finding is about an audited unit or a unit under one')
    }
    checkFindingDue(due, audit.audit_date)
    const now = at
    let finding = await insertFinding(trx, {
      audit_id: audit.id,
      unit_id: unit.id,
      severity,
      description,
      due,
      status: 'open',
      close_note: null,
      closed_at: null,
      action_id: null,
      created_at: now.toISOString(),
    })
    let action: string | null = null
    if (opensAction(severity)) {
      const a = await insertAction(trx, {
        source: 'audit',
        sourceRef: finding.code,
        ownerId: unit.id,
        description: `${audit.code} ${severity} finding ${finding.code}: ${description}`,
        due,
        createdAt: now,
      })
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

/** Whether the unit, or a unit above it, is in the audit's scope. */
async function withinScope(db: Kysely<DB>, unitId: number, scope: readonly number[]): Promise<boolean> {
  const parentOf = new Map((await listUnits(db, { includeInactive: true })).map((u) => [u.id, u.parent_id]))
  const seen = new Set<number>()
  let cur: number | null | undefined = unitId
  while (cur !== null && cur !== undefined && !seen.has(cur)) {
    if (scope.includes(cur)) return true
    seen.add(cur)
    cur = parentOf.get(cur)
  }
  return false
}

export async function auditCloseFindingRun(ctx: AppContext, code: string, opts: { note?: string; at?: string }): Promise<void> {
  const note = await requiredText(ctx, opts.note, { flag: '--note', message: 'What was done' })
  const at = parseAt(ctx, opts.at)
  const store = await ctx.store()
  const { finding, auditCode } = await store.write(async (trx) => {
    const f = await requireFinding(trx, code)
    if (f.status === 'closed') throw new UserError(`${f.code} is already closed (${f.close_note ?? ''})`)
    const audit = await findAuditById(trx, f.audit_id)
    if (localDate(at) < audit!.audit_date) throw new UserError(`${f.code} cannot be closed on ${localDate(at)}, before its audit (${audit!.audit_date})`, 'check --at')
    const closed = await closeFinding(trx, f.id, note, at)
    await appendEvent(trx, ctx.event('audit.close-finding', f.code, { audit: audit!.code, note, at: at.toISOString() }))
    return { finding: closed, auditCode: audit!.code }
  })
  const actionCodes = await auditActionCodes(store.db)
  const json = findingJson(finding, auditCode, await unitCodesById(store.db), actionCodes, localDate(ctx.now()))
  if (ctx.json) printEntity(ctx, json, [])
  confirm(ctx, `${finding.code} closed`)
  if (json.action) {
    const open = (await listActions(store.db, { source: 'audit', sourceRef: finding.code, status: 'open' })).map((a) => a.code)
    if (open.length > 0) warn(ctx, `improvement action ${open.join(', ')} is still open (close it with icm action done ${open[0]} --note TEXT)`)
  }
}

export async function auditListRun(ctx: AppContext, opts: { period?: string; csv?: boolean }): Promise<void> {
  const period = opts.period === undefined ? undefined : parsePeriod(opts.period)
  const store = await ctx.store()
  const today = localDate(ctx.now())
  const audits = await listAudits(store.db, { from: period?.startDate, to: period?.endDate })
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
