import type { Command } from 'commander'
import type { AppContext } from '../../cli/context.js'
import { example } from '../../cli/help.js'
import { parseAt, requiredText } from '../../cli/options.js'
import { confirm, printEntity, warn } from '../../cli/output.js'
import { localDate } from '../../domain/calendar/dates.js'
import { checkFindingClose } from '../../domain/supervision/audit.js'
import { listActions } from '../../storage/actions-repo.js'
import { closeFinding, findAuditById } from '../../storage/audits-repo.js'
import { appendEvent } from '../../storage/events-repo.js'
import { unitCodesById } from '../../storage/units-repo.js'
import { auditActionCodes, findingJson, requireFinding } from './audit-json.js'
import { t } from '../../domain/i18n/catalog.js'

export interface CloseFindingOptions {
  note?: string
  at?: string
}

export function registerAuditCloseFinding(audit: Command, ctx: AppContext): void {
  const cmd = audit
    .command('close-finding')
    .description(t('audit.close.description'))
    .argument('<finding>', t('audit.close.finding'))
    .option('--note <text>', t('audit.close.note'))
    .option('--at <datetime>', t('audit.close.at'))
  cmd.action((code: string, opts: CloseFindingOptions) => auditCloseFindingRun(ctx, code, opts))
  example(cmd, 'icm audit close-finding FND-0002 --note "已补齐评审记录并纳入月度检查"')
}

export async function auditCloseFindingRun(ctx: AppContext, code: string, opts: CloseFindingOptions): Promise<void> {
  const note = await requiredText(ctx, opts.note, { flag: '--note', message: t('audit.close.askNote') })
  const at = parseAt(ctx, opts.at)
  const store = await ctx.store()
  const { finding, auditCode } = await store.write(async (trx) => {
    const f = await requireFinding(trx, code)
    const audit = (await findAuditById(trx, f.audit_id))!
    checkFindingClose(f, audit.audit_date, at)
    const closed = await closeFinding(trx, f.id, note, at)
    await appendEvent(trx, ctx.event('audit.close-finding', f.code, { audit: audit.code, note, at: at.toISOString() }))
    return { finding: closed, auditCode: audit.code }
  })
  const actionCodes = await auditActionCodes(store.db)
  const json = findingJson(finding, auditCode, await unitCodesById(store.db), actionCodes, localDate(ctx.now()))
  if (ctx.json) printEntity(ctx, json, [])
  confirm(ctx, t('audit.closed', { code: finding.code }))
  if (json.action) {
    const open = (await listActions(store.db, { source: 'audit', sourceRef: finding.code, status: 'open' })).map((a) => a.code)
    if (open.length > 0) warn(ctx, t('audit.close.actionOpen', { codes: open.join(', '), code: open[0]! }))
  }
}
