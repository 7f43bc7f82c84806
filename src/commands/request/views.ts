import type { Command } from 'commander'
import type { Kysely } from 'kysely'
import type { AppContext } from '../../cli/context.js'
import { printCaption, printEntity, printRows, printText, shownInstant } from '../../cli/output.js'
import { addBusinessDays, createBusinessClock, type WorkSchedule } from '../../domain/calendar/business-time.js'
import { formatInstant, localDate, parseInstant } from '../../domain/calendar/dates.js'
import { NotFoundError } from '../../domain/errors.js'
import { parsePeriod, periodEnd, periodStart } from '../../domain/calendar/period.js'
import { QUADRANT_LABELS, URGENT_BUSINESS_DAYS, compareRank, explainPriority, priorityOf, type PriorityInput } from '../../domain/requests/priority.js'
import { businessHoursLate, overdueAt } from '../../domain/requests/request.js'
import { OPEN_REQUEST_STATUSES, allowedRequestActions, parseRequestStatus, REQUEST_ACTION_COMMANDS, type RequestStatus } from '../../domain/requests/request-state.js'
import { listEvents } from '../../storage/events-repo.js'
import { coUnitsOf, evaluationSummaries, findRequestByCode, listChanges, listEvaluations, listOverdueCandidates, listRequests, type EvaluationSummary, type OverdueCandidate } from '../../storage/requests-repo.js'
import type { DB, RequestRow } from '../../storage/schema.js'
import { findServiceById, serviceCodesById } from '../../storage/services-repo.js'
import { unitCodesById } from '../../storage/units-repo.js'
import { example } from '../../cli/help.js'
import { loadSchedule } from '../../storage/calendar-repo.js'
import { requireUnit } from '../../cli/lookups.js'

/** The JSON of a request: codes for units, ISO 8601 local times. */
export function requestJson(r: RequestRow, codes: ReadonlyMap<number, string>, coUnitIds: readonly number[], serviceCode: string | null) {
  return {
    code: r.code,
    status: r.status,
    from: codes.get(r.customer_id) ?? null,
    to: codes.get(r.provider_id) ?? null,
    also: coUnitIds.map((id) => codes.get(id) ?? null),
    service: serviceCode,
    channel: r.channel,
    title: r.title,
    description: r.description,
    neededBy: r.needed_by,
    loggedAt: shownInstant(r.created_at),
    responseDue: shownInstant(r.response_due),
    respondedAt: shownInstant(r.responded_at),
    responseOnTime: r.response_on_time === null ? null : r.response_on_time === 1,
    decision: r.decision,
    expected: r.expected_date,
    rejectReason: r.reject_reason,
    resolutionDue: shownInstant(r.resolution_due),
    pausedBusinessHours: Math.round((r.paused_minutes / 60) * 10) / 10,
    waitingSince: shownInstant(r.waiting_since),
    waitingReason: r.waiting_reason,
    startedAt: shownInstant(r.started_at),
    resolvedAt: shownInstant(r.resolved_at),
    resolutionNote: r.resolution_note,
    closedAt: shownInstant(r.closed_at),
    satisfaction: r.satisfaction,
    cancelledAt: shownInstant(r.cancelled_at),
    cancelReason: r.cancel_reason,
  }
}

export function registerRequestViews(request: Command, ctx: AppContext): void {
  example(
    request
      .command('list')
      .description('List requests (oldest first)')
      .option('--status <status>', 'only this status (new, evaluated, accepted, rejected, in_progress, waiting, resolved, closed, cancelled)')
      .option('--from <unit>', 'only from this customer unit')
      .option('--to <unit>', 'only to this provider (or co-responsible) unit')
      .option('--period <period>', 'only those whose response was due in the period, e.g. 2026-H1')
      .option('--overdue', 'only those overdue now (response or resolution)')
      .action((opts: ListOptions) => requestListRun(ctx, opts)),
    'icm request list --to IT --status in_progress',
    'icm request list --period 2026-H1 --overdue --json',
  )
  example(
    request
      .command('rank')
      .description('The queue in priority order: quadrant (important+urgent, important, urgent, neither), then score, then age')
      .option('--to <unit>', 'only requests to this provider (or co-responsible) unit')
      .option('--status <status>', 'only this status (default: every open status)')
      .action((opts: RankOptions) => requestRankRun(ctx, opts)),
    'icm request rank --to IT',
  )
  example(
    request
      .command('overdue')
      .description('Requests whose response or resolution is overdue, with how many business hours late')
      .option('--as-of <datetime>', 'as of this time (default: now)')
      .action((opts: { asOf?: string; csv?: boolean }) => requestOverdueRun(ctx, opts)),
    'icm request overdue',
    'icm request overdue --as-of 2026-06-30T18:00',
  )
  example(
    request
      .command('show')
      .description('One request: deadlines, evaluations and how its rank is reached, changes and its timeline')
      .argument('<code>', 'request code')
      .action((code: string) => requestShowRun(ctx, code)),
    'icm request show REQ-0007',
  )
}

interface ListOptions {
  status?: string
  from?: string
  to?: string
  period?: string
  overdue?: boolean
  csv?: boolean
}

async function withCodes(db: Kysely<DB>, rows: RequestRow[]) {
  const codes = await unitCodesById(db)
  const co = await coUnitsOf(db, rows.map((r) => r.id))
  const services = await serviceCodesById(db)
  return { codes, co, services }
}

export async function requestListRun(ctx: AppContext, opts: ListOptions): Promise<void> {
  const status = opts.status === undefined ? undefined : parseRequestStatus(opts.status)
  const period = opts.period === undefined ? undefined : parsePeriod(opts.period)
  const store = await ctx.store()
  const customer = opts.from ? await requireUnit(store.db, opts.from, 'customer unit') : undefined
  const provider = opts.to ? await requireUnit(store.db, opts.to, 'provider unit') : undefined
  const now = ctx.now()
  let rows = await listRequests(store.db, {
    statuses: status ? [status] : undefined,
    customerId: customer?.id,
    unitId: provider?.id,
    dueFrom: period ? periodStart(period).toISOString() : undefined,
    dueTo: period ? periodEnd(period).toISOString() : undefined,
    overdueAsOf: opts.overdue ? now.toISOString() : undefined,
  })
  const overdue = new Map(rows.map((r) => [r.id, overdueAt(clockOf(r), now)]))
  if (opts.overdue) rows = rows.filter((r) => overdue.get(r.id))
  const { codes, co, services } = await withCodes(store.db, rows)
  const items = rows.map((r) => ({ ...requestJson(r, codes, co.get(r.id) ?? [], r.service_id === null ? null : (services.get(r.service_id) ?? null)), overdue: overdue.get(r.id)?.kind ?? null }))
  await printRows(
    ctx,
    items,
    [
      { header: 'code', value: (r) => r.code },
      { header: 'status', value: (r) => r.status },
      { header: 'from', value: (r) => r.from },
      { header: 'to', value: (r) => r.to },
      { header: 'title', value: (r) => r.title },
      { header: 'response due', value: (r) => r.responseDue },
      { header: 'overdue', value: (r) => r.overdue ?? '' },
    ],
    { csv: ctx.csv, empty: 'no requests match' },
  )
}

function clockOf(r: OverdueCandidate) {
  return {
    status: r.status,
    responseDue: r.response_due,
    respondedAt: r.responded_at,
    cancelledAt: r.cancelled_at,
    resolutionDue: r.resolution_due,
    resolvedAt: r.resolved_at,
    waitingSince: r.waiting_since,
  }
}

interface RankOptions {
  to?: string
  status?: string
  csv?: boolean
}

/** The last date that counts as urgent: 5 business days from now (DESIGN.md §3). */
async function urgentLimit(db: Kysely<DB>, now: Date, schedule?: WorkSchedule): Promise<string> {
  return localDate(addBusinessDays(schedule ?? (await loadSchedule(db)), now, URGENT_BUSINESS_DAYS))
}

function priorityInput(r: RequestRow, e: EvaluationSummary | undefined, limit: string): PriorityInput {
  return {
    means: e ? { reasonableness: e.reasonableness, feasibility: e.feasibility, impact: e.impact, costBenefit: e.costBenefit } : null,
    evaluations: e?.count ?? 0,
    importantOverride: e?.important ?? null,
    urgentOverride: e?.urgent ?? null,
    neededBy: r.needed_by,
    urgentLimitDate: limit,
  }
}

export async function requestRankRun(ctx: AppContext, opts: RankOptions): Promise<void> {
  const status = opts.status === undefined ? undefined : parseRequestStatus(opts.status)
  const store = await ctx.store()
  const provider = opts.to ? await requireUnit(store.db, opts.to, 'provider unit') : undefined
  const now = ctx.now()
  const rows = await listRequests(store.db, { statuses: status ? [status] : OPEN_REQUEST_STATUSES, unitId: provider?.id })
  const limit = await urgentLimit(store.db, now)
  const evals = await evaluationSummaries(store.db, rows.map((r) => r.id))
  const codes = await unitCodesById(store.db)
  const ranked = rows
    .map((r) => ({ r, p: priorityOf(priorityInput(r, evals.get(r.id), limit)) }))
    .sort((a, b) => compareRank({ ...a.p, createdAt: a.r.created_at, code: a.r.code }, { ...b.p, createdAt: b.r.created_at, code: b.r.code }))
    .map(({ r, p }, i) => ({
      rank: i + 1,
      code: r.code,
      quadrant: p.quadrant,
      quadrantLabel: QUADRANT_LABELS[p.quadrant],
      score: p.score,
      important: p.important,
      urgent: p.urgent,
      evaluations: evals.get(r.id)?.count ?? 0,
      status: r.status,
      from: codes.get(r.customer_id) ?? null,
      to: codes.get(r.provider_id) ?? null,
      title: r.title,
      neededBy: r.needed_by,
      loggedAt: shownInstant(r.created_at),
      ageDays: Math.floor((now.getTime() - Date.parse(r.created_at)) / 86_400_000),
    }))
  printCaption(ctx, `Priority queue${provider ? ` of ${provider.code} ${provider.name}` : ''} (urgent = needed by ${limit} or earlier; explain one with icm request show CODE)`)
  await printRows(
    ctx,
    ranked,
    [
      { header: '#', value: (x) => x.rank, align: 'right' },
      { header: 'code', value: (x) => x.code },
      { header: 'quadrant', value: (x) => `${x.quadrant} ${x.quadrantLabel}` },
      { header: 'score', value: (x) => (x.score === null ? 'not evaluated' : x.score.toFixed(1)), align: 'right' },
      { header: 'age (d)', value: (x) => x.ageDays, align: 'right' },
      { header: 'status', value: (x) => x.status },
      { header: 'from', value: (x) => x.from },
      { header: 'title', value: (x) => x.title },
      { header: 'needed by', value: (x) => x.neededBy },
    ],
    { csv: ctx.csv, empty: 'no open requests to rank' },
  )
}

export async function requestOverdueRun(ctx: AppContext, opts: { asOf?: string; csv?: boolean }): Promise<void> {
  const asOf = opts.asOf === undefined ? ctx.now() : parseInstant(opts.asOf, '--as-of')
  const store = await ctx.store()
  const clock = createBusinessClock(await loadSchedule(store.db))
  const rows = await listOverdueCandidates(store.db, asOf.toISOString())
  const codes = await unitCodesById(store.db)
  const items = rows
    .map((r) => ({ r, o: overdueAt(clockOf(r), asOf) }))
    .filter((x): x is { r: OverdueCandidate; o: NonNullable<ReturnType<typeof overdueAt>> } => x.o !== null)
    .map(({ r, o }) => ({
      code: r.code,
      overdue: o.kind,
      due: formatInstant(o.due),
      businessHoursLate: businessHoursLate(clock, o.due, asOf),
      status: r.status,
      from: codes.get(r.customer_id) ?? null,
      to: codes.get(r.provider_id) ?? null,
      title: r.title,
    }))
    .sort((a, b) => b.businessHoursLate - a.businessHoursLate || (a.code < b.code ? -1 : 1))
  printCaption(ctx, `Overdue as of ${formatInstant(asOf)} (business hours on the calendar)`)
  await printRows(
    ctx,
    items,
    [
      { header: 'code', value: (x) => x.code },
      { header: 'overdue', value: (x) => x.overdue },
      { header: 'due', value: (x) => x.due },
      { header: 'late (business h)', value: (x) => x.businessHoursLate.toFixed(1), align: 'right' },
      { header: 'status', value: (x) => x.status },
      { header: 'to', value: (x) => x.to },
      { header: 'from', value: (x) => x.from },
      { header: 'title', value: (x) => x.title },
    ],
    { csv: ctx.csv, empty: `nothing overdue as of ${formatInstant(asOf)}` },
  )
}

export async function requestShowRun(ctx: AppContext, code: string): Promise<void> {
  const store = await ctx.store()
  const r = await findRequestByCode(store.db, code)
  if (!r) throw new NotFoundError(`unknown request '${code}'`, 'see icm request list')
  const now = ctx.now()
  const schedule = await loadSchedule(store.db)
  const { codes, co } = await withCodes(store.db, [r])
  const service = r.service_id === null ? undefined : await findServiceById(store.db, r.service_id)
  const evaluations = await listEvaluations(store.db, r.id)
  const summary = (await evaluationSummaries(store.db, [r.id])).get(r.id)
  const input = priorityInput(r, summary, await urgentLimit(store.db, now, schedule))
  const priority = priorityOf(input)
  const changes = await listChanges(store.db, r.id)
  const events = await listEvents(store.db, { entity: r.code, limit: 1000 })
  const overdue = overdueAt(clockOf(r), now)
  const json = {
    ...requestJson(r, codes, co.get(r.id) ?? [], service?.code ?? null),
    overdue: overdue ? { kind: overdue.kind, due: formatInstant(overdue.due), businessHoursLate: businessHoursLate(createBusinessClock(schedule), overdue.due, now) } : null,
    nextSteps: allowedRequestActions(r.status as RequestStatus).map((a) => REQUEST_ACTION_COMMANDS[a]),
    priority: { ...priority, quadrantLabel: QUADRANT_LABELS[priority.quadrant], explanation: explainPriority(input) },
    evaluations: evaluations.map((e) => ({
      evaluator: e.evaluator,
      reasonableness: e.reasonableness,
      feasibility: e.feasibility,
      impact: e.impact,
      costBenefit: e.cost_benefit,
      important: e.important === null ? null : e.important === 1,
      urgent: e.urgent === null ? null : e.urgent === 1,
      note: e.note,
      at: shownInstant(e.at),
      current: e.superseded_at === null,
    })),
    changes: changes.map((c) => ({
      at: shownInstant(c.at),
      actor: c.actor,
      changes: JSON.parse(c.changes) as Record<string, unknown>,
      reason: c.reason,
      impact: c.impact,
      scopeChange: c.scope_change === 1,
      statusBefore: c.status_before,
      statusAfter: c.status_after,
    })),
    // in the order things happened (--at), not the order they were recorded
    timeline: events
      .map((e) => {
        const details = JSON.parse(e.details) as Record<string, unknown>
        const at = typeof details.at === 'string' ? details.at : e.at
        return { t: Date.parse(at), at: shownInstant(at), action: e.action, actor: e.actor, details }
      })
      .sort((a, b) => a.t - b.t)
      .map(({ t: _t, ...rest }) => rest),
  }
  if (ctx.json) {
    printEntity(ctx, json, [])
    return
  }
  const deadline = (due: string | null, done: string | null, onTime: boolean | null) =>
    due === null ? null : `${due}${done ? ` — done ${done}${onTime === null ? '' : onTime ? ' (on time)' : ' (late)'}` : ''}`
  printEntity(ctx, json, [
    ['request', `${r.code} ${r.title}`],
    ['status', `${r.status}${json.nextSteps.length ? `   next: ${json.nextSteps.join(' · ')}` : ''}`],
    ['from → to', `${json.from} → ${json.to}${json.also.length ? ` (also ${json.also.join(', ')})` : ''}`],
    ['service', service ? `${service.code} ${service.name}` : null],
    ['channel', r.channel],
    ['description', r.description],
    ['needed by', r.needed_by],
    ['logged', json.loggedAt],
    ['response due', deadline(json.responseDue, json.respondedAt, json.responseOnTime)],
    ['decision', r.decision ? `${r.decision}${r.expected_date ? `, expected ${r.expected_date}` : ''}${r.reject_reason ? `: ${r.reject_reason}` : ''}` : null],
    ['resolution due', deadline(json.resolutionDue, json.resolvedAt, r.resolved_at && r.resolution_due ? Date.parse(r.resolved_at) <= Date.parse(r.resolution_due) : null)],
    ['paused (waiting)', r.paused_minutes > 0 || r.waiting_since ? `${json.pausedBusinessHours} business hours${r.waiting_since ? `; waiting since ${json.waitingSince}: ${r.waiting_reason}` : ''}` : null],
    ['overdue', json.overdue ? `${json.overdue.kind}, ${json.overdue.businessHoursLate} business hours late` : null],
    ['closed', json.closedAt ? `${json.closedAt}${r.satisfaction ? `, satisfaction ${r.satisfaction}/5` : ''}` : null],
    ['cancelled', json.cancelledAt ? `${json.cancelledAt}: ${r.cancel_reason}` : null],
  ])
  printText(ctx, '\nPriority')
  for (const line of json.priority.explanation) printText(ctx, `  ${line}`)
  if (json.evaluations.length > 0) {
    printText(ctx, '\nEvaluations')
    for (const e of json.evaluations) {
      printText(ctx, `  ${e.at} ${e.evaluator}: R${e.reasonableness} F${e.feasibility} I${e.impact} C${e.costBenefit}${e.important !== null ? ` important=${e.important ? 'yes' : 'no'}` : ''}${e.urgent !== null ? ` urgent=${e.urgent ? 'yes' : 'no'}` : ''}${e.current ? '' : ' (before a change of scope, not counted)'}${e.note ? ` — ${e.note}` : ''}`)
    }
  }
  if (json.changes.length > 0) {
    printText(ctx, '\nChanges')
    for (const c of json.changes) {
      const what = Object.entries(c.changes)
        .map(([k, v]) => `${k}: ${JSON.stringify((v as { from: unknown }).from)} → ${JSON.stringify((v as { to: unknown }).to)}`)
        .join('; ')
      printText(ctx, `  ${c.at} ${c.actor}: ${what} — because ${c.reason}${c.impact ? `; impact: ${c.impact}` : ''}${c.scopeChange ? ` (scope: ${c.statusBefore} → ${c.statusAfter}, re-evaluate)` : ''}`)
    }
  }
  printText(ctx, '\nTimeline')
  for (const t of json.timeline) printText(ctx, `  ${t.at}  ${t.action.replace('request.', '').padEnd(9)} ${t.actor}`)
}
