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

/** channels and open: where complaints come in, and receiving one. */
export function registerIntake(complaint: Command, ctx: AppContext): void {
  example(
    complaint
      .command('channels')
      .description('Print the published complaint channels and the designated handler')
      .action(() => complaintChannelsRun(ctx)),
    'icm complaint channels',
  )
  example(
    atOption(
      complaint
        .command('open')
        .description('Receive a complaint against a unit; it goes to the designated handler unless --handler is given')
        .option('--against <unit>', 'the unit complained about')
        .option('--from <unit>', 'the complaining unit')
        .option('--anonymous', 'the complainant stays anonymous (nothing about them is stored)')
        .option('--channel <channel>', 'how it came in: one of config complaint.channels')
        .option('--summary <text>', 'what the complaint is about')
        .option('--request <code>', 'a related request, e.g. REQ-0007')
        .option('--handler <name>', 'who handles it (default: config complaint.handler)'),
      'it was received',
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
  printEntity(ctx, json, [
    ['channels', policy.complaintChannels],
    ['handler', policy.complaintHandler ?? '(none designated)'],
  ])
  if (!policy.complaintHandler && !ctx.json) ctx.io.err('icm: no complaint handler is designated yet (icm config set complaint.handler NAME)\n')
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
  if (!ctx.canPrompt) throw new UsageError('missing required option --from (or --anonymous)', 'add --from UNIT or --anonymous, or run on a terminal to be asked')
  const answer = await need(ctx, undefined, { flag: '--from', message: 'Complaining unit (type a code or name; or anonymous)', unit: true, extra: [{ value: 'anonymous', name: 'anonymous (匿名): the complainant is not recorded' }] })
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
    throw new UserError('an anonymous complaint cannot name a related request: the request names its customer', 'leave out --request, or give --from UNIT')
  }
  const store = await ctx.store()
  const policy = await loadPolicy(store.db)
  const againstRef = await need(ctx, opts.against, { flag: '--against', message: 'Unit complained about', unit: true })
  const channel = checkChannel(await need(ctx, opts.channel, { flag: '--channel', message: 'Channel', choices: policy.complaintChannels }), policy.complaintChannels)
  const summary = await requiredText(ctx, opts.summary, { flag: '--summary', message: 'What is the complaint about' })
  const handler = opts.handler !== undefined ? checkName(opts.handler, '--handler') : policy.complaintHandler
  if (!handler) throw new UserError('no complaint handler is designated and none was given', 'icm config set complaint.handler NAME, or add --handler NAME')
  const at = parseAt(ctx, opts.at)
  const row = await store.write(async (trx) => {
    const against = await requireUnit(trx, againstRef)
    const from = who.anonymous ? null : await requireUnit(trx, who.from, 'complainant unit')
    if (from && from.id === against.id) throw new UserError(`${from.code} cannot complain about itself`, 'check --from and --against')
    const request = opts.request === undefined ? null : await findRequestByCode(trx, opts.request)
    if (request === undefined) throw new NotFoundError(`unknown request '${opts.request}'`, 'see icm request list')
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
  confirm(ctx, `${row.code} received against ${json.against} via ${channel}${json.anonymous ? ' (anonymous)' : ` from ${json.from}`}, handler ${handler}`)
  return row.code
}
