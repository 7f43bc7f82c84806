import type { Command } from 'commander'
import type { Kysely } from 'kysely'
import type { AppContext } from '../../cli/context.js'
import { confirm, printEntity } from '../../cli/output.js'
import { need } from '../../cli/prompt.js'
import type { WorkSchedule } from '../../domain/calendar/business-time.js'
import type { Policy } from '../../domain/policy/config.js'
import { formatInstant, localDate, parseDate } from '../../domain/calendar/dates.js'
import { NotFoundError, UsageError, UserError } from '../../domain/errors.js'
import { parseCriterion } from '../../domain/requests/priority.js'
import { REQUEST_CHANNELS, isScopeChange, parseChannel, parseYesNo, resolutionDue, responseDue, resumeAfterWaiting, type FieldChanges } from '../../domain/requests/request.js'
import { nextRequestStatus, type RequestAction, type RequestStatus } from '../../domain/requests/request-state.js'
import { checkName } from '../../domain/org/unit.js'
import { appendEvent } from '../../storage/events-repo.js'
import {
  coUnitsOf,
  findRequestByCode,
  insertChange,
  insertRequest,
  setCoUnits,
  supersedeEvaluations,
  updateRequest,
  upsertEvaluation,
} from '../../storage/requests-repo.js'
import type { DB, RequestRow, RequestTable, UnitRow } from '../../storage/schema.js'
import { nextCode } from '../../storage/sequences-repo.js'
import { findServiceById } from '../../storage/services-repo.js'
import { unitCodesById } from '../../storage/units-repo.js'
import { requestJson, registerRequestViews } from './views.js'
import type { Updateable } from 'kysely'
import { requireService, requireUnit } from '../../cli/lookups.js'
import { example } from '../../cli/help.js'
import { loadPolicy } from '../../storage/config-repo.js'
import { loadSchedule } from '../../storage/calendar-repo.js'
import { parseAt, parseWhole, splitList } from '../../cli/options.js'

/** Internal requests (policy chapter 3): log, evaluate, rank, respond on time, work, change. */
export function registerRequest(program: Command, ctx: AppContext): void {
  const request = program.command('request').description('Internal requests: log, evaluate, rank, respond on time, work them, change them')

  example(
    request
      .command('log')
      .description('Log a request from a customer unit to a provider unit; shows its response due time')
      .option('--from <unit>', 'the customer unit asking')
      .option('--to <unit>', 'the provider unit (may be left out with --service)')
      .option('--title <text>', 'what is asked, in a line')
      .option('--service <code>', 'the catalogue service asked for (its deadlines apply)')
      .option('--channel <channel>', `how it came in: ${REQUEST_CHANNELS.join(', ')}`, 'online')
      .option('--also <units>', 'co-responsible units, comma-separated')
      .option('--description <text>', 'details')
      .option('--needed-by <date>', 'when the customer needs it (YYYY-MM-DD)')
      .option('--at <datetime>', 'when it was received (default: now)')
      .action((opts: LogOptions) => requestLogRun(ctx, opts)),
    'icm request log --from SALES --to IT --title "CRM 导出报表" --channel hotline --needed-by 2026-03-20',
    'icm request log --from HR --service IT-ACCOUNT --title "新员工账号 ×3" --at 2026-03-02T16:30',
  )

  example(
    request
      .command('evaluate')
      .description("Score a request (1–5 each); one entry per evaluator, re-evaluating replaces it")
      .argument('<code>', 'request code, e.g. REQ-0007')
      .option('--reasonableness <n>', 'is the need reasonable (1–5)')
      .option('--feasibility <n>', 'can it be done (1–5)')
      .option('--impact <n>', 'how much it matters (1–5; mean ≥ 4 makes it important)')
      .option('--cost-benefit <n>', 'worth the cost (1–5)')
      .option('--evaluator <name>', 'who evaluates (default: the actor)')
      .option('--important <yes|no>', 'set important explicitly')
      .option('--urgent <yes|no>', 'set urgent explicitly')
      .option('--note <text>', 'a remark')
      .option('--at <datetime>', 'when it was evaluated (default: now)')
      .action((code: string, opts: EvaluateOptions) => requestEvaluateRun(ctx, code, opts)),
    'icm request evaluate REQ-0007 --reasonableness 4 --feasibility 3 --impact 5 --cost-benefit 2 --evaluator 张伟',
  )

  example(
    request
      .command('respond')
      .description('Answer the customer: accept with an expected date, or reject with a reason')
      .argument('<code>', 'request code')
      .option('--accept', 'accept the request')
      .option('--reject', 'reject the request')
      .option('--expected <date>', 'expected resolution date (with --accept)')
      .option('--reason <text>', 'why (with --reject)')
      .option('--at <datetime>', 'when the response was given (default: now)')
      .action((code: string, opts: RespondOptions) => requestRespondRun(ctx, code, opts)),
    'icm request respond REQ-0007 --accept --expected 2026-03-20',
    'icm request respond REQ-0008 --reject --reason "不在本部门职责范围, 请联系财务部"',
  )

  const simple: ['start' | 'resume', string, string][] = [
    ['start', 'Start work on an accepted request', 'icm request start REQ-0007'],
    ['resume', 'Resume after waiting on the customer; the resolution due time moves by the paused business time', 'icm request resume REQ-0007'],
  ]
  for (const [action, description, ex] of simple) {
    example(
      request
        .command(action)
        .description(description)
        .argument('<code>', 'request code')
        .option('--at <datetime>', 'when it happened (default: now)')
        .action((code: string, opts: { at?: string }) => requestStepRun(ctx, code, action, opts)),
      ex,
    )
  }
  example(
    request
      .command('wait')
      .description('Wait on the customer: the resolution clock pauses')
      .argument('<code>', 'request code')
      .option('--reason <text>', 'what the customer must provide')
      .option('--at <datetime>', 'when the wait began (default: now)')
      .action((code: string, opts: { reason?: string; at?: string }) => requestStepRun(ctx, code, 'wait', opts)),
    'icm request wait REQ-0007 --reason "等待销售部提供字段清单"',
  )
  example(
    request
      .command('resolve')
      .description('Mark the request resolved (the customer then confirms with close)')
      .argument('<code>', 'request code')
      .option('--note <text>', 'what was done')
      .option('--at <datetime>', 'when it was resolved (default: now)')
      .action((code: string, opts: { note?: string; at?: string }) => requestStepRun(ctx, code, 'resolve', opts)),
    'icm request resolve REQ-0007 --note "报表已上线"',
  )
  example(
    request
      .command('close')
      .description('The customer confirms the resolution, optionally rating it')
      .argument('<code>', 'request code')
      .option('--satisfaction <n>', "the customer's satisfaction, 1–5")
      .option('--at <datetime>', 'when it was closed (default: now)')
      .action((code: string, opts: { satisfaction?: string; at?: string }) => requestStepRun(ctx, code, 'close', opts)),
    'icm request close REQ-0007 --satisfaction 5',
  )
  example(
    request
      .command('cancel')
      .description('Cancel an open request')
      .argument('<code>', 'request code')
      .option('--reason <text>', 'why')
      .option('--at <datetime>', 'when it was cancelled (default: now)')
      .action((code: string, opts: { reason?: string; at?: string }) => requestStepRun(ctx, code, 'cancel', opts)),
    'icm request cancel REQ-0009 --reason "需求方已撤回"',
  )

  example(
    request
      .command('change')
      .description('Change a request, recording why and its impact; a change of title, description or provider sends it back to new for re-evaluation')
      .argument('<code>', 'request code')
      .option('--title <text>', 'new title (scope)')
      .option('--description <text>', 'new description (scope)')
      .option('--to <unit>', 'new provider unit (scope)')
      .option('--needed-by <date>', 'new needed-by date ("" clears it)')
      .option('--also <units>', 'new co-responsible units, comma-separated ("" clears them)')
      .option('--reason <text>', 'why it changes (required)')
      .option('--impact <text>', 'its impact on time, cost or other units')
      .option('--at <datetime>', 'when it changed (default: now)')
      .action((code: string, opts: ChangeOptions) => requestChangeRun(ctx, code, opts)),
    'icm request change REQ-0007 --title "CRM 导出报表(含回款字段)" --reason "销售部追加回款字段" --impact "预计延后2天"',
  )

  registerRequestViews(request, ctx)
}

export async function requireRequest(db: Kysely<DB>, code: string): Promise<RequestRow> {
  const r = await findRequestByCode(db, code)
  if (!r) throw new NotFoundError(`unknown request '${code}'`, 'see icm request list')
  return r
}

async function printRequest(ctx: AppContext, db: Kysely<DB>, r: RequestRow): Promise<void> {
  if (!ctx.json) return
  const codes = await unitCodesById(db)
  const co = (await coUnitsOf(db, [r.id])).get(r.id) ?? []
  const service = r.service_id === null ? undefined : await findServiceById(db, r.service_id)
  printEntity(ctx, requestJson(r, codes, co, service?.code ?? null), [])
}

interface LogOptions {
  from?: string
  to?: string
  title?: string
  service?: string
  channel: string
  also?: string
  description?: string
  neededBy?: string
  at?: string
}

export async function requestLogRun(ctx: AppContext, opts: LogOptions): Promise<void> {
  const channel = parseChannel(opts.channel)
  const fromRef = await need(ctx, opts.from, { flag: '--from', message: 'Customer unit (who asks)' })
  const toRef = opts.service ? opts.to : await need(ctx, opts.to, { flag: '--to', message: 'Provider unit (who serves)' })
  const title = checkName(await need(ctx, opts.title, { flag: '--title', message: 'Title of the request' }), '--title')
  const neededBy = opts.neededBy ? parseDate(opts.neededBy, '--needed-by') : null
  const at = parseAt(ctx, opts.at)
  const store = await ctx.store()
  const row = await store.write(async (trx) => {
    const customer = await requireUnit(trx, fromRef, 'customer unit')
    const service = opts.service ? await requireService(trx, opts.service) : undefined
    const provider = toRef ? await requireUnit(trx, toRef, 'provider unit') : (await unitById(trx, service!.provider_id))
    if (service && service.provider_id !== provider.id) {
      const codes = await unitCodesById(trx)
      throw new UserError(`service ${service.code} is provided by ${codes.get(service.provider_id)}, not ${provider.code}`, `leave out --to, or use --to ${codes.get(service.provider_id)}`)
    }
    if (customer.id === provider.id) throw new UserError(`--from and --to are the same unit (${customer.code})`, 'a request goes from a customer unit to another unit that serves it')
    if (neededBy && neededBy < localDate(at)) throw new UserError(`--needed-by ${neededBy} is before the request was logged (${localDate(at)})`)
    const also = await resolveAlso(trx, opts.also, provider.id, customer.id)
    const policy = await loadPolicy(trx)
    const schedule = await loadSchedule(trx, policy)
    const hours = service?.response_hours ?? policy.responseHours
    const due = responseDue(schedule, at, hours)
    const code = await nextCode(trx, 'REQ')
    const created = await insertRequest(trx, {
      code,
      customer_id: customer.id,
      provider_id: provider.id,
      service_id: service?.id ?? null,
      channel,
      title,
      description: opts.description?.trim() || null,
      status: 'new',
      needed_by: neededBy,
      important_override: null,
      urgent_override: null,
      created_at: at.toISOString(),
      response_due: due.toISOString(),
      paused_minutes: 0,
      last_step_at: at.toISOString(),
      updated_at: ctx.now().toISOString(),
    })
    await setCoUnits(trx, created.id, also.map((u) => u.id))
    await appendEvent(
      trx,
      ctx.event('request.log', code, {
        at: at.toISOString(),
        from: customer.code,
        to: provider.code,
        service: service?.code ?? null,
        channel,
        title,
        also: also.map((u) => u.code),
        neededBy,
        responseDue: due.toISOString(),
        responseHours: hours,
      }),
    )
    return created
  })
  await printRequest(ctx, store.db, row)
  if (!ctx.json) ctx.io.out(`${row.code}\n`)
  confirm(ctx, `${row.code} logged; response due ${formatInstant(new Date(row.response_due))}`)
}

async function unitById(db: Kysely<DB>, id: number) {
  const codes = await unitCodesById(db)
  return requireUnit(db, codes.get(id) ?? String(id))
}

async function resolveAlso(db: Kysely<DB>, text: string | undefined, providerId: number, customerId: number) {
  const refs = splitList(text)
  const units: UnitRow[] = []
  for (const ref of refs) {
    const u = await requireUnit(db, ref, 'co-responsible unit')
    if (u.id === providerId) throw new UserError(`--also ${u.code} is the provider itself`)
    if (u.id === customerId) throw new UserError(`--also ${u.code} is the customer itself`)
    if (!units.some((x) => x.id === u.id)) units.push(u)
  }
  return units
}

interface EvaluateOptions {
  reasonableness?: string
  feasibility?: string
  impact?: string
  costBenefit?: string
  evaluator?: string
  important?: string
  urgent?: string
  note?: string
  at?: string
}

export async function requestEvaluateRun(ctx: AppContext, code: string, opts: EvaluateOptions): Promise<void> {
  const scores = {
    reasonableness: parseCriterion(await need(ctx, opts.reasonableness, { flag: '--reasonableness', message: 'Reasonableness (1–5)' }), 'reasonableness'),
    feasibility: parseCriterion(await need(ctx, opts.feasibility, { flag: '--feasibility', message: 'Feasibility (1–5)' }), 'feasibility'),
    impact: parseCriterion(await need(ctx, opts.impact, { flag: '--impact', message: 'Impact (1–5)' }), 'impact'),
    cost_benefit: parseCriterion(await need(ctx, opts.costBenefit, { flag: '--cost-benefit', message: 'Cost-benefit (1–5)' }), 'cost-benefit'),
  }
  const important = opts.important === undefined ? null : parseYesNo(opts.important, '--important')
  const urgent = opts.urgent === undefined ? null : parseYesNo(opts.urgent, '--urgent')
  const evaluator = (opts.evaluator ?? ctx.actor).trim()
  if (evaluator === '') throw new UserError('--evaluator cannot be empty')
  const at = parseAt(ctx, opts.at)
  const store = await ctx.store()
  const row = await store.write(async (trx) => {
    const r = await requireRequest(trx, code)
    const status = nextRequestStatus(r.status as RequestStatus, 'evaluate', r.code)
    checkAfterLastStep(r, at)
    const { replaced } = await upsertEvaluation(trx, {
      request_id: r.id,
      evaluator,
      ...scores,
      important: important === null ? null : important ? 1 : 0,
      urgent: urgent === null ? null : urgent ? 1 : 0,
      note: opts.note?.trim() || null,
      at: at.toISOString(),
    })
    const updated = await updateRequest(trx, r.id, { status, last_step_at: at.toISOString(), updated_at: ctx.now().toISOString() })
    await appendEvent(trx, ctx.event('request.evaluate', r.code, { at: at.toISOString(), evaluator, ...scores, important, urgent, replaced }))
    return updated
  })
  await printRequest(ctx, store.db, row)
  confirm(ctx, `${row.code} evaluated by ${evaluator} (see icm request show ${row.code})`)
}

interface RespondOptions {
  accept?: boolean
  reject?: boolean
  expected?: string
  reason?: string
  at?: string
}

export async function requestRespondRun(ctx: AppContext, code: string, opts: RespondOptions): Promise<void> {
  if (opts.accept === opts.reject) throw new UserError('give exactly one of --accept and --reject')
  if (opts.accept && !opts.expected) throw new UserError('--accept needs --expected DATE', 'e.g. --accept --expected 2026-03-20')
  if (opts.reject && !opts.reason?.trim()) throw new UserError('--reject needs --reason TEXT', 'tell the customer why')
  if (opts.accept && opts.reason) throw new UserError('--reason goes with --reject; with --accept give --expected')
  if (opts.reject && opts.expected) throw new UserError('--expected goes with --accept')
  const expected = opts.expected ? parseDate(opts.expected, '--expected') : null
  const at = parseAt(ctx, opts.at)
  const store = await ctx.store()
  const row = await store.write(async (trx) => {
    const r = await requireRequest(trx, code)
    if (r.responded_at) {
      throw new UserError(`${r.code} was already ${r.decision} on ${formatInstant(new Date(r.responded_at))}`, `to change scope or dates use icm request change ${r.code}`)
    }
    const action: RequestAction = opts.accept ? 'accept' : 'reject'
    const status = nextRequestStatus(r.status as RequestStatus, action, r.code)
    checkAfterLastStep(r, at)
    if (expected && expected < localDate(new Date(r.created_at))) {
      throw new UserError(`--expected ${expected} is before ${r.code} was logged (${localDate(new Date(r.created_at))})`)
    }
    const onTime = at.getTime() <= Date.parse(r.response_due)
    const patch: Updateable<RequestTable> = {
      status,
      responded_at: at.toISOString(),
      response_on_time: onTime ? 1 : 0,
      decision: opts.accept ? 'accepted' : 'rejected',
      last_step_at: at.toISOString(),
      updated_at: ctx.now().toISOString(),
    }
    if (opts.accept) {
      const policy = await loadPolicy(trx)
      const days = await resolutionDaysOf(trx, r, policy)
      patch.expected_date = expected
      patch.resolution_due = resolutionDue(await loadSchedule(trx, policy), at, days).toISOString()
    } else {
      patch.reject_reason = opts.reason!.trim()
    }
    const updated = await updateRequest(trx, r.id, patch)
    await appendEvent(
      trx,
      ctx.event(`request.${action}`, r.code, {
        at: at.toISOString(),
        onTime,
        responseDue: r.response_due,
        expected,
        resolutionDue: patch.resolution_due ?? null,
        reason: patch.reject_reason ?? null,
      }),
    )
    return updated
  })
  await printRequest(ctx, store.db, row)
  const onTime = row.response_on_time === 1 ? 'on time' : `late (due ${formatInstant(new Date(row.response_due))})`
  confirm(ctx, `${row.code} ${row.decision}, ${onTime}${row.resolution_due ? `; resolution due ${formatInstant(new Date(row.resolution_due))}` : ''}`)
}

async function resolutionDaysOf(db: Kysely<DB>, r: RequestRow, policy: Policy): Promise<number> {
  const service = r.service_id === null ? undefined : await findServiceById(db, r.service_id)
  return service?.resolution_days ?? policy.resolutionDays
}

/** start, wait, resume, resolve, close, cancel: one transition each, with its own fields. */
export async function requestStepRun(
  ctx: AppContext,
  code: string,
  action: Extract<RequestAction, 'start' | 'wait' | 'resume' | 'resolve' | 'close' | 'cancel'>,
  opts: { at?: string; reason?: string; note?: string; satisfaction?: string },
): Promise<void> {
  const at = parseAt(ctx, opts.at)
  const reason = action === 'wait' || action === 'cancel' ? checkName(await need(ctx, opts.reason, { flag: '--reason', message: 'Reason' }), '--reason') : undefined
  const satisfaction = action === 'close' ? (parseWhole(opts.satisfaction, '--satisfaction', 1, 5) ?? null) : undefined
  const store = await ctx.store()
  const row = await store.write(async (trx) => {
    const r = await requireRequest(trx, code)
    const status = nextRequestStatus(r.status as RequestStatus, action, r.code)
    checkAfterLastStep(r, at)
    const patch: Updateable<RequestTable> = { status, last_step_at: at.toISOString(), updated_at: ctx.now().toISOString() }
    const details: Record<string, unknown> = { at: at.toISOString() }
    switch (action) {
      case 'start':
        patch.started_at = at.toISOString()
        break
      case 'wait':
        patch.waiting_since = at.toISOString()
        patch.waiting_reason = reason
        details.reason = reason
        break
      case 'resume': {
        const schedule: WorkSchedule = await loadSchedule(trx)
        const moved = resumeAfterWaiting(schedule, new Date(r.resolution_due!), new Date(r.waiting_since!), at)
        patch.waiting_since = null
        patch.paused_minutes = r.paused_minutes + moved.pausedMinutes
        patch.resolution_due = moved.due.toISOString()
        Object.assign(details, { pausedMinutes: moved.pausedMinutes, resolutionDue: patch.resolution_due, previousResolutionDue: r.resolution_due })
        break
      }
      case 'resolve':
        patch.resolved_at = at.toISOString()
        patch.resolution_note = opts.note?.trim() || null
        Object.assign(details, { note: patch.resolution_note, onTime: r.resolution_due ? at.getTime() <= Date.parse(r.resolution_due) : null })
        break
      case 'close':
        patch.closed_at = at.toISOString()
        patch.satisfaction = satisfaction
        details.satisfaction = satisfaction
        break
      case 'cancel':
        patch.cancelled_at = at.toISOString()
        patch.cancel_reason = reason
        details.reason = reason
        if (r.waiting_since) patch.waiting_since = null
        break
    }
    const updated = await updateRequest(trx, r.id, patch)
    await appendEvent(trx, ctx.event(`request.${action}`, r.code, details))
    return updated
  })
  await printRequest(ctx, store.db, row)
  const extra = action === 'resume' && row.resolution_due ? `; resolution now due ${formatInstant(new Date(row.resolution_due))}` : ''
  confirm(ctx, `${row.code} ${row.status.replace('_', ' ')}${extra}`)
}

/** A step cannot be back-dated before the request's latest recorded step. */
function checkAfterLastStep(r: RequestRow, at: Date): void {
  if (at.getTime() < Date.parse(r.last_step_at)) {
    throw new UserError(`--at ${formatInstant(at)} is before the last recorded step of ${r.code} (${formatInstant(new Date(r.last_step_at))})`, 'steps are recorded in the order they happened')
  }
}

interface ChangeOptions {
  title?: string
  description?: string
  to?: string
  neededBy?: string
  also?: string
  reason?: string
  impact?: string
  at?: string
}

export async function requestChangeRun(ctx: AppContext, code: string, opts: ChangeOptions): Promise<void> {
  if ([opts.title, opts.description, opts.to, opts.neededBy, opts.also].every((v) => v === undefined)) {
    throw new UsageError('nothing to change', 'give at least one of --title, --description, --to, --needed-by, --also')
  }
  if (!opts.reason?.trim()) throw new UserError('a change needs --reason', 'say why the request changes, e.g. --reason "销售部追加字段"')
  const reason = opts.reason.trim()
  const title = opts.title === undefined ? undefined : checkName(opts.title, '--title')
  const neededBy = opts.neededBy === undefined ? undefined : opts.neededBy.trim() === '' ? null : parseDate(opts.neededBy, '--needed-by')
  const at = parseAt(ctx, opts.at)
  const store = await ctx.store()
  const row = await store.write(async (trx) => {
    const r = await requireRequest(trx, code)
    checkAfterLastStep(r, at)
    const codes = await unitCodesById(trx)
    const changes: FieldChanges = {}
    const patch: Updateable<RequestTable> = { last_step_at: at.toISOString(), updated_at: ctx.now().toISOString() }
    if (title !== undefined && title !== r.title) {
      changes.title = { from: r.title, to: title }
      patch.title = title
    }
    if (opts.description !== undefined && (opts.description.trim() || null) !== r.description) {
      changes.description = { from: r.description, to: opts.description.trim() || null }
      patch.description = opts.description.trim() || null
    }
    let providerId = r.provider_id
    if (opts.to !== undefined) {
      const provider = await requireUnit(trx, opts.to, 'provider unit')
      if (provider.id === r.customer_id) throw new UserError(`--to ${provider.code} is the customer itself`)
      if (provider.id !== r.provider_id) {
        changes.provider = { from: codes.get(r.provider_id), to: provider.code }
        patch.provider_id = provider.id
        providerId = provider.id
      }
    }
    if (neededBy !== undefined && neededBy !== r.needed_by) {
      changes.neededBy = { from: r.needed_by, to: neededBy }
      patch.needed_by = neededBy
    }
    let newAlso: number[] | undefined
    if (opts.also !== undefined) {
      const before = (await coUnitsOf(trx, [r.id])).get(r.id) ?? []
      const after = (await resolveAlso(trx, opts.also, providerId, r.customer_id)).map((u) => u.id).sort((a, b) => a - b)
      if (before.join(',') !== after.join(',')) {
        changes.also = { from: before.map((id) => codes.get(id)), to: after.map((id) => codes.get(id)) }
        newAlso = after
      }
    }
    if (Object.keys(changes).length === 0) throw new UserError(`nothing changes: ${r.code} already has those values`)
    const scope = isScopeChange(changes)
    const before = r.status as RequestStatus
    let after = before
    if (scope) {
      after = nextRequestStatus(before, 'change', r.code)
      const policy = await loadPolicy(trx)
      const service = r.service_id === null ? undefined : await findServiceById(trx, r.service_id)
      const hours = service && service.provider_id === providerId ? (service.response_hours ?? policy.responseHours) : policy.responseHours
      Object.assign(patch, {
        status: after,
        response_due: responseDue(await loadSchedule(trx, policy), at, hours).toISOString(),
        responded_at: null,
        response_on_time: null,
        decision: null,
        expected_date: null,
        reject_reason: null,
        resolution_due: null,
        started_at: null,
        waiting_since: null,
        waiting_reason: null,
      })
      if (r.service_id !== null && service && service.provider_id !== providerId) patch.service_id = null
      await supersedeEvaluations(trx, r.id, at.toISOString())
    } else if (before === 'closed' || before === 'cancelled') {
      throw new UserError(`${r.code} is ${before}: it can no longer change`)
    }
    const updated = await updateRequest(trx, r.id, patch)
    if (newAlso) await setCoUnits(trx, r.id, newAlso)
    await insertChange(trx, {
      request_id: r.id,
      at: at.toISOString(),
      actor: ctx.actor,
      changes: JSON.stringify(changes),
      reason,
      impact: opts.impact?.trim() || null,
      scope_change: scope ? 1 : 0,
      status_before: before,
      status_after: after,
    })
    const details: Record<string, unknown> = { at: at.toISOString(), changes, reason, impact: opts.impact?.trim() || null, scopeChange: scope }
    if (scope) Object.assign(details, { statusBefore: before, statusAfter: after, previousResponse: r.responded_at ? { decision: r.decision, at: r.responded_at, onTime: r.response_on_time === 1 } : null, responseDue: patch.response_due })
    await appendEvent(trx, ctx.event('request.change', r.code, details))
    return updated
  })
  await printRequest(ctx, store.db, row)
  confirm(ctx, `${row.code} changed${row.status === 'new' ? `; back to new for re-evaluation, response due ${formatInstant(new Date(row.response_due))}` : ''}`)
}
