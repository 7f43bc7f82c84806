import type { Command } from 'commander'
import type { AppContext } from '../../cli/context.js'
import { example } from '../../cli/help.js'
import { requireUnit } from '../../cli/lookups.js'
import { atOption, parseAt, requiredText } from '../../cli/options.js'
import { confirm, printEntity } from '../../cli/output.js'
import { need } from '../../cli/prompt.js'
import { checkChannel, complainantChoice } from '../../domain/complaints/complaint-rules.js'
import { receiveComplaint } from '../../domain/complaints/complaint-steps.js'
import { NotFoundError, UsageError, UserError } from '../../domain/errors.js'
import { checkName } from '../../domain/org/unit.js'
import { appendComplaintStep, insertComplaint } from '../../storage/complaints-repo.js'
import { loadPolicy } from '../../storage/config-repo.js'
import { appendEvent } from '../../storage/events-repo.js'
import { findRequestByCode } from '../../storage/requests-repo.js'
import { jsonOf } from './shared.js'
import { isChinese, label, t } from '../../domain/i18n/catalog.js'

/** channels and open: where complaints come in, and receiving one. */
export function registerIntake(complaint: Command, ctx: AppContext): void {
  example(
    complaint
      .command('channels')
      .description(t('complaint.channels.description'))
      .action(() => complaintChannelsRun(ctx)),
    'icm complaint channels',
  )
  example(
    atOption(
      complaint
        .command('open')
        .description(t('complaint.open.description'))
        .option('--against <unit>', t('complaint.open.against'))
        .option('--from <unit>', t('complaint.open.from'))
        .option('--anonymous', t('complaint.open.anonymous'))
        .option('--channel <channel>', t('complaint.open.channel'))
        .option('--summary <text>', t('complaint.open.summary'))
        .option('--request <code>', t('complaint.open.request'))
        .option('--handler <name>', t('complaint.open.handler')),
      t('complaint.open.at'),
    ).action(async (opts: OpenOptions) => {
      await complaintOpenRun(ctx, opts)
    }),
    'icm complaint open --against IT --from HR --channel email --summary "考勤系统月底宕机" --at 2026-03-02T09:30',
    'icm complaint open --against IT-HD --anonymous --channel online --summary "服务台态度生硬"',
  )
}

export async function complaintChannelsRun(ctx: AppContext): Promise<void> {
  const store = await ctx.store()
  const policy = await loadPolicy(store.db)
  const json = { channels: policy.complaintChannels, handler: policy.complaintHandler }
  const term = ctx.io.stdoutIsTTY && isChinese()
  printEntity(ctx, json, [
    ['channels', term ? policy.complaintChannels.map((c) => label('complaintChannel', c)) : policy.complaintChannels, t('complaint.field.channels')],
    ['handler', policy.complaintHandler ?? t('complaint.channels.none'), t('complaint.field.handler')],
  ])
  if (!policy.complaintHandler && !ctx.json) ctx.io.err(`${t('complaint.channels.noHandler')}\n`)
}

export interface OpenOptions {
  against?: string
  from?: string
  anonymous?: boolean
  channel?: string
  summary?: string
  request?: string
  handler?: string
  at?: string
}

/**
 * --from when neither it nor --anonymous was given: asked for on a terminal (a unit, or
 * "anonymous"), else a usage error (exit 2) naming the options.
 */
async function askComplainant(ctx: AppContext, opts: OpenOptions): Promise<string | undefined> {
  if (opts.anonymous || (opts.from !== undefined && opts.from.trim() !== '')) return opts.from
  if (!ctx.canPrompt) throw new UsageError(t('complaint.open.missingFrom'), t('complaint.open.missingFrom.hint'))
  const answer = await need(ctx, undefined, { flag: '--from', message: t('complaint.open.askFrom'), unit: true, extra: [{ value: 'anonymous', name: t('complaint.open.anonymousChoice') }] })
  if (answer.trim().toLowerCase() === 'anonymous' || answer.trim() === '匿名') {
    opts.anonymous = true
    return undefined
  }
  return answer
}

/** Receives a complaint; returns its code. */
export async function complaintOpenRun(ctx: AppContext, opts: OpenOptions): Promise<string> {
  const who = complainantChoice(await askComplainant(ctx, opts), opts.anonymous)
  if (who.anonymous && opts.request !== undefined) {
    throw new UserError(t('complaint.open.anonymousRequest'), t('complaint.open.anonymousRequest.hint'))
  }
  const store = await ctx.store()
  const policy = await loadPolicy(store.db)
  const againstRef = await need(ctx, opts.against, { flag: '--against', message: t('complaint.open.askAgainst'), unit: true })
  const channel = checkChannel(await need(ctx, opts.channel, { flag: '--channel', message: t('complaint.open.askChannel'), choices: policy.complaintChannels }), policy.complaintChannels)
  const summary = await requiredText(ctx, opts.summary, { flag: '--summary', message: t('complaint.open.askSummary') })
  const handler = opts.handler !== undefined ? checkName(opts.handler, '--handler') : policy.complaintHandler
  if (!handler) throw new UserError(t('complaint.open.noHandler'), t('complaint.open.noHandler.hint'))
  const at = parseAt(ctx, opts.at)
  const row = await store.write(async (trx) => {
    const against = await requireUnit(trx, againstRef)
    const from = who.anonymous ? null : await requireUnit(trx, who.from, t('complaint.complainantUnit'))
    if (from && from.id === against.id) throw new UserError(t('complaint.open.itself', { code: from.code }), t('complaint.open.itself.hint'))
    const request = opts.request === undefined ? null : await findRequestByCode(trx, opts.request)
    if (request === undefined) throw new NotFoundError(t('complaint.unknownRequest', { code: opts.request ?? '' }), t('complaint.unknownRequest.hint'))
    const fields = { complainantId: from?.id ?? null, againstId: against.id, requestId: request?.id ?? null, channel, summary, handler }
    const created = await insertComplaint(trx, receiveComplaint(fields, at, ctx.now()))
    // An anonymous complaint: nothing about the complainant, not even a null field, in the trail.
    const details: Record<string, unknown> = { against: against.code, ...(from ? { from: from.code } : { anonymous: true }), channel, handler }
    if (request) details.request = request.code
    await appendComplaintStep(trx, { complaintId: created.id, at, actor: ctx.actor, step: 'received', statusBefore: null, statusAfter: 'received', details: { ...details, summary } })
    await appendEvent(trx, ctx.event('complaint.open', created.code, { ...details, at: at.toISOString() }))
    return created
  })
  const json = await jsonOf(ctx, row)
  if (ctx.json) printEntity(ctx, json, [])
  else ctx.io.out(`${row.code}\n`)
  const shownChannel = isChinese() ? label('complaintChannel', channel) : channel
  const fields = { code: row.code, against: json.against ?? '', channel: shownChannel, handler }
  confirm(ctx, json.anonymous ? t('complaint.receivedAnonymous', fields) : t('complaint.received', { ...fields, from: json.from ?? '' }))
  return row.code
}
