import type { Command } from 'commander'
import type { AppContext } from '../../cli/context.js'
import { example } from '../../cli/help.js'
import { requireUnit } from '../../cli/lookups.js'
import { parseAt, requiredText, splitList } from '../../cli/options.js'
import { confirm, printEntity } from '../../cli/output.js'
import { need } from '../../cli/prompt.js'
import { parseDate } from '../../domain/calendar/dates.js'
import { UserError } from '../../domain/errors.js'
import { insertAudit } from '../../storage/audits-repo.js'
import { appendEvent } from '../../storage/events-repo.js'
import type { UnitRow } from '../../storage/schema.js'
import { auditJson } from './audit-json.js'
import { t } from '../../domain/i18n/catalog.js'

export interface AuditAddOptions {
  title?: string
  date?: string
  auditor?: string
  scope?: string
  at?: string
}

export function registerAuditAdd(audit: Command, ctx: AppContext): void {
  const cmd = audit
    .command('add')
    .description(t('audit.add.description'))
    .option('--title <text>', t('audit.add.title'))
    .option('--date <date>', t('audit.add.date'))
    .option('--auditor <name>', t('audit.add.auditor'))
    .option('--scope <units>', t('audit.add.scope'))
    .option('--at <datetime>', t('audit.add.at'))
  cmd.action(async (opts: AuditAddOptions) => void (await auditAddRun(ctx, opts)))
  example(cmd, 'icm audit add --title "2026 上半年内部客户服务审核" --date 2026-05-20 --auditor 赵磊 --scope IT,PUR,WH')
}

/** Records an audit; returns its code. */
export async function auditAddRun(ctx: AppContext, opts: AuditAddOptions): Promise<string> {
  const title = await requiredText(ctx, opts.title, { flag: '--title', message: t('audit.add.askTitle') })
  const date = parseDate(await need(ctx, opts.date, { flag: '--date', message: t('audit.add.askDate'), check: (v) => parseDate(v, '--date') }), '--date')
  const auditor = await requiredText(ctx, opts.auditor, { flag: '--auditor', message: t('audit.add.askAuditor') })
  const scopeRefs = splitList(await requiredText(ctx, opts.scope, { flag: '--scope', message: t('audit.add.askScope') }))
  if (scopeRefs.length === 0) throw new UserError(t('audit.add.noScope'), t('audit.add.noScope.hint'))
  const at = parseAt(ctx, opts.at)
  const store = await ctx.store()
  const { row, scope } = await store.write(async (trx) => {
    const units: UnitRow[] = []
    for (const ref of scopeRefs) {
      const u = await requireUnit(trx, ref, t('audit.scopeUnit'))
      if (!units.some((x) => x.id === u.id)) units.push(u)
    }
    const created = await insertAudit(trx, { title, date, auditor, createdAt: at }, units.map((u) => u.id))
    const scope = units.map((u) => u.code)
    await appendEvent(trx, ctx.event('audit.add', created.code, { title, date, auditor, scope }))
    return { row: created, scope }
  })
  if (ctx.json) printEntity(ctx, auditJson(row, scope, []), [])
  else ctx.io.out(`${row.code}\n`)
  confirm(ctx, t('audit.added', { code: row.code, title, date, scope: scope.join(', ') }))
  return row.code
}
