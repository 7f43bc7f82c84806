import type { Command } from 'commander'
import type { AppContext } from '../../cli/context.js'
import { need } from '../../cli/prompt.js'
import { example } from '../../cli/help.js'
import { atOption, parseAt, requiredText } from '../../cli/options.js'
import { confirm } from '../../cli/output.js'
import { formatInstant, parseDate } from '../../domain/calendar/dates.js'
import { UsageError, UserError } from '../../domain/errors.js'
import { respondToRequest, type Response } from '../../domain/requests/request-steps.js'
import { deadlinesOf } from '../../domain/requests/service.js'
import { loadSchedule } from '../../storage/calendar-repo.js'
import { loadPolicy } from '../../storage/config-repo.js'
import { appendEvent } from '../../storage/events-repo.js'
import { saveRequest } from '../../storage/requests-repo.js'
import { findServiceById } from '../../storage/services-repo.js'
import { printRequest, requireRequest } from './shared.js'
import { t } from '../../domain/i18n/catalog.js'
import { shownStatus } from '../../domain/requests/request-labels.js'

export function registerRespond(request: Command, ctx: AppContext): void {
  example(
    atOption(
      request
        .command('respond')
        .description(t('request.respond.description'))
        .argument('<code>', t('request.code'))
        .option('--accept', t('request.respond.accept'))
        .option('--reject', t('request.respond.reject'))
        .option('--expected <date>', t('request.respond.expected'))
        .option('--reason <text>', t('request.respond.reason')),
      t('request.respond.at'),
    ).action((code: string, opts: RespondOptions) => requestRespondRun(ctx, code, opts)),
    'icm request respond REQ-0007 --accept --expected 2026-03-20',
    'icm request respond REQ-0008 --reject --reason "不在本部门职责范围, 请联系财务部"',
  )
}

export interface RespondOptions {
  accept?: boolean
  reject?: boolean
  expected?: string
  reason?: string
  at?: string
}

export async function requestRespondRun(ctx: AppContext, code: string, opts: RespondOptions): Promise<void> {
  if (opts.accept && opts.reject) throw new UserError(t('request.respond.both'))
  if (!opts.accept && !opts.reject) {
    if (!ctx.canPrompt) throw new UsageError(t('request.respond.missing'), t('request.respond.missing.hint'))
    const decision = await ctx.io.prompter.select({ message: t('request.respond.askResponse'), choices: ['accept', 'reject'] as const })
    opts = { ...opts, accept: decision === 'accept', reject: decision === 'reject' }
  }
  if (opts.accept && !opts.expected) {
    opts = { ...opts, expected: await need(ctx, undefined, { flag: '--expected', message: t('request.respond.askExpected'), check: (v) => parseDate(v, '--expected') }) }
  }
  if (opts.reject && !opts.reason?.trim()) opts = { ...opts, reason: await requiredText(ctx, undefined, { flag: '--reason', message: t('request.respond.askReason') }) }
  if (opts.accept && opts.reason) throw new UserError(t('request.respond.reasonWithAccept'))
  if (opts.reject && opts.expected) throw new UserError(t('request.respond.expectedWithReject'))
  const expected = opts.expected ? parseDate(opts.expected, '--expected') : null
  const at = parseAt(ctx, opts.at)
  const store = await ctx.store()
  const row = await store.write(async (trx) => {
    const r = await requireRequest(trx, code)
    let response: Response
    const policy = await loadPolicy(trx)
    const schedule = await loadSchedule(trx, policy)
    if (opts.accept) {
      const service = r.serviceId === null ? undefined : await findServiceById(trx, r.serviceId)
      response = { accept: true, expected, resolutionDays: deadlinesOf(service, policy).resolutionDays, schedule }
    } else response = { accept: false, reason: opts.reason!.trim() }
    const { request, details } = respondToRequest(r, response, at, ctx.now(), schedule)
    const updated = await saveRequest(trx, request)
    await appendEvent(trx, ctx.event(`request.${opts.accept ? 'accept' : 'reject'}`, r.code, details))
    return updated
  })
  await printRequest(ctx, store.db, row)
  const onTime = row.responseOnTime ? t('request.respond.onTime') : t('request.respond.late', { due: formatInstant(new Date(row.responseDue)) })
  const decision = shownStatus(row.decision ?? '')
  confirm(ctx, row.resolutionDue ? t('request.responded.resolutionDue', { code: row.code, decision, onTime, due: formatInstant(new Date(row.resolutionDue)) }) : t('request.responded', { code: row.code, decision, onTime }))
}
