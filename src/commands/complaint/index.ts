import { createHash } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import type { Command } from 'commander'
import type { Kysely } from 'kysely'
import type { AppContext } from '../../cli/context.js'
import { requireFile } from '../../cli/files.js'
import { cellText, confirm, printEntity, printRows, printText, type Column, shownInstant } from '../../cli/output.js'
import { need } from '../../cli/prompt.js'
import {
  checkChannel,
  checkPlanDeadline,
  checkStepTime,
  complainantChoice,
  complaintStats,
  defaultPlanDeadline,
  EVIDENCE_KINDS,
  feedbackChoice,
  isOverdueComplaint,
  parseEvidenceKind,
  parseResolved,
  parseRootCauseCategory,
  parseSatisfaction,
  ROOT_CAUSE_CATEGORIES,
  type ComplaintFacts,
  type UnitComplaintStats,
} from '../../domain/complaints/complaint-rules.js'
import { nextComplaintStatus, parseComplaintStatus, type ComplaintAction, type ComplaintStatus, type ComplaintTransitionOptions } from '../../domain/complaints/complaint-state.js'
import { checkActionDue } from '../../domain/supervision/action.js'
import { daysBetween, localDate, parseDate } from '../../domain/calendar/dates.js'
import { NotFoundError, UserError } from '../../domain/errors.js'
import { parsePeriod, periodEnd, periodStart } from '../../domain/calendar/period.js'
import { checkName } from '../../domain/org/unit.js'
import { insertAction, listActions } from '../../storage/actions-repo.js'
import {
  addInvestigationUnits,
  addTeamMembers,
  appendComplaintStep,
  findComplaintByCode,
  insertComplaint,
  insertEvidence,
  listComplaints,
  listComplaintSteps,
  listEvidence,
  listInvestigationUnitIds,
  listTeamMembers,
  requestCodesByIds,
  updateComplaint,
} from '../../storage/complaints-repo.js'
import { appendEvent } from '../../storage/events-repo.js'
import { findRequestByCode } from '../../storage/requests-repo.js'
import type { ComplaintEvidenceRow, ComplaintRow, ComplaintUpdate } from '../../storage/schema-complaints.js'
import type { DB } from '../../storage/schema.js'
import { listUnits, unitCodesById } from '../../storage/units-repo.js'
import { actionJson } from '../../cli/json-views.js'
import { example } from '../../cli/help.js'
import { loadPolicy } from '../../storage/config-repo.js'
import { loadSchedule } from '../../storage/calendar-repo.js'
import { parseAt, splitList } from '../../cli/options.js'
import { requireUnit } from '../../cli/lookups.js'
import { optionalText, requiredText } from '../../cli/options.js'

/** The storage-free facts the rules read from a complaint row. */
export function complaintFacts(c: ComplaintRow): ComplaintFacts {
  return {
    status: c.status,
    planDeadline: c.plan_deadline,
    verifiedAt: c.verified_at === null ? null : new Date(c.verified_at),
    satisfaction: c.satisfaction,
  }
}

/** The JSON of a complaint: unit references as codes, instants with the local offset. */
export function complaintJson(c: ComplaintRow, codes: ReadonlyMap<number, string>, requests: ReadonlyMap<number, string>, today: string) {
  const unit = (id: number | null) => (id === null ? null : (codes.get(id) ?? null))
  const overdue = isOverdueComplaint(complaintFacts(c), today)
  return {
    code: c.code,
    status: c.status,
    against: unit(c.against_id),
    anonymous: c.complainant_id === null,
    from: unit(c.complainant_id),
    channel: c.channel,
    summary: c.summary,
    request: c.request_id === null ? null : (requests.get(c.request_id) ?? null),
    handler: c.handler,
    receivedAt: shownInstant(c.received_at),
    investigatedAt: shownInstant(c.investigated_at),
    plan:
      c.planned_at === null
        ? null
        : { responsible: unit(c.plan_responsible_id), measures: c.plan_measures, deadline: c.plan_deadline, plannedAt: shownInstant(c.planned_at) },
    feedback: c.feedback === null ? null : { accepted: c.feedback === 'accepted', note: c.feedback_note, at: shownInstant(c.feedback_at) },
    verification:
      c.verified_at === null
        ? null
        : { resolved: c.resolved === 1, satisfaction: c.satisfaction, note: c.verification_note, at: shownInstant(c.verified_at) },
    rootCause: c.root_cause_category === null ? null : { category: c.root_cause_category, analysis: c.root_cause_analysis, at: shownInstant(c.root_cause_at) },
    overdue,
    daysOverdue: overdue ? daysBetween(c.plan_deadline!, today) : null,
    closedAt: c.status === 'verified' ? shownInstant(c.verified_at) : null,
    updatedAt: shownInstant(c.updated_at),
  }
}

type ComplaintJson = ReturnType<typeof complaintJson>

function evidenceJson(code: string, e: ComplaintEvidenceRow) {
  return {
    complaint: code,
    seq: e.seq,
    kind: e.kind,
    note: e.note,
    file: e.file_name === null ? null : { name: e.file_name, size: e.file_size, sha256: e.file_sha256 },
    at: shownInstant(e.at),
    actor: e.actor,
  }
}

export async function requireComplaint(db: Kysely<DB>, code: string): Promise<ComplaintRow> {
  const c = await findComplaintByCode(db, code)
  if (!c) throw new NotFoundError(`unknown complaint '${code}'`, 'see icm complaint list')
  return c
}

export function registerComplaint(program: Command, ctx: AppContext): void {
  const complaint = program
    .command('complaint')
    .description('Complaints (policy chapter 7): intake, investigation, evidence, plan, confirmation, verification, root cause, prevention')

  example(
    complaint
      .command('channels')
      .description('Print the published complaint channels and the designated handler')
      .action(() => complaintChannelsRun(ctx)),
    'icm complaint channels',
  )
  example(
    complaint
      .command('open')
      .description('Receive a complaint against a unit; it goes to the designated handler unless --handler is given')
      .option('--against <unit>', 'the unit complained about')
      .option('--from <unit>', 'the complaining unit')
      .option('--anonymous', 'the complainant stays anonymous (nothing about them is stored)')
      .option('--channel <channel>', 'how it came in: one of config complaint.channels')
      .option('--summary <text>', 'what the complaint is about')
      .option('--request <code>', 'a related request, e.g. REQ-0007')
      .option('--handler <name>', 'who handles it (default: config complaint.handler)')
      .option('--at <datetime>', 'when it was received (default now)')
      .action(async (opts: OpenOptions) => {
        await complaintOpenRun(ctx, opts)
      }),
    'icm complaint open --against IT --from HR --channel email --summary "考勤系统月底宕机" --at 2026-03-02T09:30',
    'icm complaint open --against IT-HD --anonymous --channel online --summary "服务台态度生硬"',
  )
  example(
    complaint
      .command('investigate')
      .description('Start the investigation with its team (people) and the units taking part')
      .argument('<code>', 'complaint code, e.g. CMP-0001')
      .option('--team <names>', 'investigation team, comma-separated names')
      .option('--units <units>', 'units taking part, comma-separated')
      .option('--at <datetime>', 'when the investigation started (default now)')
      .action((code: string, opts: InvestigateOptions) => complaintInvestigateRun(ctx, code, opts)),
    'icm complaint investigate CMP-0001 --team 王敏,张伟 --units IT,HR',
  )
  example(
    complaint
      .command('evidence')
      .description("Record evidence; a file's name, size and sha256 are kept so later tampering shows")
      .argument('<code>', 'complaint code')
      .option('--kind <kind>', 'document, interview or site_visit')
      .option('--note <text>', 'what it shows')
      .option('--file <path>', 'a file to fingerprint (the file itself is not copied)')
      .option('--at <datetime>', 'when it was collected (default now)')
      .action((code: string, opts: EvidenceOptions) => complaintEvidenceRun(ctx, code, opts)),
    'icm complaint evidence CMP-0001 --kind document --note "宕机时段的服务器日志" --file logs/attendance-0302.log',
  )
  example(
    complaint
      .command('plan')
      .description('Set the resolution plan: responsible unit, measures and deadline (default complaint.plan_days business days)')
      .argument('<code>', 'complaint code')
      .option('--responsible <unit>', 'the unit that carries out the plan')
      .option('--measures <text>', 'what will be done')
      .option('--deadline <date>', 'by when (YYYY-MM-DD); default complaint.plan_days business days after the plan')
      .option('--at <datetime>', 'when the plan was made (default now)')
      .action((code: string, opts: PlanOptions) => complaintPlanRun(ctx, code, opts)),
    'icm complaint plan CMP-0001 --responsible IT --measures "扩容考勤服务器并加监控"',
  )
  example(
    complaint
      .command('feedback')
      .description('The complainant accepts the plan, or disputes it (back to investigation)')
      .argument('<code>', 'complaint code')
      .option('--accepted', 'the complainant accepts the plan')
      .option('--disputed', 'the complainant disputes the plan')
      .option('--note <text>', 'what the complainant said')
      .option('--at <datetime>', 'when the complainant answered (default now)')
      .action((code: string, opts: FeedbackOptions) => complaintFeedbackRun(ctx, code, opts)),
    'icm complaint feedback CMP-0001 --accepted',
    'icm complaint feedback CMP-0002 --disputed --note "只重启不解决根本问题"',
  )
  example(
    complaint
      .command('verify')
      .description('Follow-up verification: resolved closes the complaint (a root cause is needed), not resolved reopens the investigation')
      .argument('<code>', 'complaint code')
      .option('--resolved <yes|no>', 'is the problem resolved?')
      .option('--satisfaction <n>', "the complainant's satisfaction, 1–5")
      .option('--note <text>', 'what the verification found')
      .option('--at <datetime>', 'when it was verified (default now)')
      .action((code: string, opts: VerifyOptions) => complaintVerifyRun(ctx, code, opts)),
    'icm complaint verify CMP-0001 --resolved yes --satisfaction 4',
  )
  example(
    complaint
      .command('root-cause')
      .description('Record the root cause: category and analysis')
      .argument('<code>', 'complaint code')
      .option('--category <category>', ROOT_CAUSE_CATEGORIES.join(', '))
      .option('--analysis <text>', 'why it happened')
      .option('--at <datetime>', 'when the analysis was made (default now)')
      .action((code: string, opts: RootCauseOptions) => complaintRootCauseRun(ctx, code, opts)),
    'icm complaint root-cause CMP-0001 --category system --analysis "月底并发高峰超出服务器容量"',
  )
  example(
    complaint
      .command('prevent')
      .description('Open an improvement action that prevents the complaint from happening again')
      .argument('<code>', 'complaint code')
      .option('--action <text>', 'what will be done')
      .option('--owner <unit>', 'the unit that must act')
      .option('--due <date>', 'by when (YYYY-MM-DD)')
      .option('--at <datetime>', 'when it was decided (default now)')
      .action(async (code: string, opts: PreventOptions) => {
        await complaintPreventRun(ctx, code, opts)
      }),
    'icm complaint prevent CMP-0001 --action "每月巡检考勤系统容量" --owner IT --due 2026-04-30',
  )
  example(
    complaint
      .command('list')
      .description('List complaints (oldest received first)')
      .option('--status <status>', 'received, investigating, planned, confirmed or verified (closed)')
      .option('--against <unit>', 'only complaints against this unit')
      .option('--period <period>', 'only complaints received in this period, e.g. 2026-H1')
      .option('--overdue', 'only complaints whose plan deadline passed without a resolved verification')
      .action((opts: ListOptions) => complaintListRun(ctx, opts)),
    'icm complaint list --overdue',
    'icm complaint list --against IT --period 2026-H1',
  )
  example(
    complaint
      .command('show')
      .description('Show one complaint with its whole timeline, team, evidence and prevention actions')
      .argument('<code>', 'complaint code')
      .action((code: string) => complaintShowRun(ctx, code)),
    'icm complaint show CMP-0001',
  )
  example(
    complaint
      .command('stats')
      .description('Complaint summary of a period: per unit complained about, and per root-cause category')
      .option('--period <period>', 'e.g. 2026-H1')
      .action((opts: { period?: string; csv?: boolean }) => complaintStatsRun(ctx, opts)),
    'icm complaint stats --period 2026-H1',
  )
}

// ── channels ──────────────────────────────────────────────────────────────────────────────

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

// ── open ──────────────────────────────────────────────────────────────────────────────────

interface OpenOptions {
  against?: string
  from?: string
  anonymous?: boolean
  channel?: string
  summary?: string
  request?: string
  handler?: string
  at?: string
}

/** Receives a complaint; returns its code. */
export async function complaintOpenRun(ctx: AppContext, opts: OpenOptions): Promise<string> {
  const who = complainantChoice(opts.from, opts.anonymous)
  if (who.anonymous && opts.request !== undefined) {
    throw new UserError('an anonymous complaint cannot name a related request: the request names its customer', 'leave out --request, or give --from UNIT')
  }
  const store = await ctx.store()
  const policy = await loadPolicy(store.db)
  const againstRef = await need(ctx, opts.against, { flag: '--against', message: 'Unit complained about' })
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
    const now = ctx.now().toISOString()
    const created = await insertComplaint(trx, {
      complainant_id: from?.id ?? null,
      against_id: against.id,
      request_id: request?.id ?? null,
      channel,
      summary,
      handler,
      status: 'received',
      received_at: at.toISOString(),
      status_changed_at: at.toISOString(),
      created_at: now,
      updated_at: now,
    })
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

async function jsonOf(ctx: AppContext, c: ComplaintRow): Promise<ComplaintJson> {
  const store = await ctx.store()
  const requests = await requestCodesByIds(store.db, c.request_id === null ? [] : [c.request_id])
  return complaintJson(c, await unitCodesById(store.db), requests, localDate(ctx.now()))
}

// ── the steps after intake ────────────────────────────────────────────────────────────────

/** The actions that move the status; their time may not be before the last status change. */
const STATUS_STEPS: readonly ComplaintAction[] = ['investigate', 'plan', 'feedback', 'verify']

interface StepSpec<T> {
  action: ComplaintAction
  /** the step's name in the timeline and the event ('complaint.<event>') */
  step: string
  event: string
  at: Date
  options?: (c: ComplaintRow) => ComplaintTransitionOptions
  /** validates against the database and writes the step's own rows; returns the row changes */
  apply: (trx: Kysely<DB>, c: ComplaintRow, next: ComplaintStatus) => Promise<{ changes: ComplaintUpdate; details: Record<string, unknown>; result: T }>
}

/**
 * One step of a complaint in one write transaction: the state machine decides, the step's time
 * is checked against the timeline, then the row, the timeline and the event log are written.
 */
async function complaintStep<T>(ctx: AppContext, code: string, spec: StepSpec<T>): Promise<{ row: ComplaintRow; result: T; from: ComplaintStatus }> {
  const store = await ctx.store()
  return store.write(async (trx) => {
    const c = await requireComplaint(trx, code)
    const next = nextComplaintStatus(c.status, spec.action, spec.options?.(c) ?? {}, c.code)
    const moves = STATUS_STEPS.includes(spec.action)
    if (moves) checkStepTime(spec.at, new Date(c.status_changed_at), c.code, c.status === 'received' ? 'was received' : `became ${c.status}`)
    else checkStepTime(spec.at, new Date(c.received_at), c.code, 'was received')
    const { changes, details, result } = await spec.apply(trx, c, next)
    const row = await updateComplaint(trx, c.id, {
      ...changes,
      status: next,
      ...(moves ? { status_changed_at: spec.at.toISOString() } : {}),
      updated_at: ctx.now().toISOString(),
    })
    await appendComplaintStep(trx, { complaintId: c.id, at: spec.at, actor: ctx.actor, step: spec.step, statusBefore: c.status, statusAfter: next, details })
    await appendEvent(trx, ctx.event(`complaint.${spec.event}`, c.code, { ...details, statusBefore: c.status, statusAfter: next, at: spec.at.toISOString() }))
    return { row, result, from: c.status }
  })
}

async function printChanged(ctx: AppContext, row: ComplaintRow, message: string): Promise<void> {
  if (ctx.json) printEntity(ctx, await jsonOf(ctx, row), [])
  confirm(ctx, message)
}

interface InvestigateOptions {
  team?: string
  units?: string
  at?: string
}

export async function complaintInvestigateRun(ctx: AppContext, code: string, opts: InvestigateOptions): Promise<void> {
  const team = splitList(await requiredText(ctx, opts.team, { flag: '--team', message: 'Investigation team (comma-separated names)' }))
  if (team.length === 0) throw new UserError('--team names nobody', 'give one or more names, e.g. --team 王敏,张伟')
  const unitRefs = splitList(opts.units)
  const at = parseAt(ctx, opts.at)
  const { row } = await complaintStep(ctx, code, {
    action: 'investigate',
    step: 'investigate',
    event: 'investigate',
    at,
    apply: async (trx, c) => {
      const units = []
      for (const ref of unitRefs) units.push(await requireUnit(trx, ref))
      await addTeamMembers(trx, c.id, team)
      await addInvestigationUnits(trx, c.id, units.map((u) => u.id))
      return { changes: { investigated_at: at.toISOString() }, details: { team, units: units.map((u) => u.code) }, result: undefined }
    },
  })
  await printChanged(ctx, row, `${row.code} under investigation by ${team.join(', ')}`)
}

interface EvidenceOptions {
  kind?: string
  note?: string
  file?: string
  at?: string
}

/** Name, size and sha256 of a file, read as a stream (memory stays flat whatever its size). */
async function fingerprint(full: string): Promise<{ name: string; size: number; sha256: string }> {
  const hash = createHash('sha256')
  let size = 0
  for await (const chunk of fs.createReadStream(full)) {
    size += (chunk as Buffer).length
    hash.update(chunk as Buffer)
  }
  return { name: path.basename(full), size, sha256: hash.digest('hex') }
}

export async function complaintEvidenceRun(ctx: AppContext, code: string, opts: EvidenceOptions): Promise<void> {
  const kind = parseEvidenceKind(await need(ctx, opts.kind, { flag: '--kind', message: 'Kind of evidence', choices: EVIDENCE_KINDS }))
  const note = await requiredText(ctx, opts.note, { flag: '--note', message: 'What it shows' })
  const file = opts.file === undefined ? null : await fingerprint(requireFile(ctx, opts.file))
  const at = parseAt(ctx, opts.at)
  const { row, result } = await complaintStep(ctx, code, {
    action: 'evidence',
    step: 'evidence',
    event: 'evidence',
    at,
    apply: async (trx, c) => {
      const e = await insertEvidence(trx, { complaintId: c.id, kind, note, file, at, actor: ctx.actor })
      return { changes: {}, details: { seq: e.seq, kind, note, ...(file ? { file } : {}) }, result: e }
    },
  })
  const json = evidenceJson(row.code, result)
  if (ctx.json) printEntity(ctx, json, [])
  confirm(ctx, `evidence #${result.seq} (${kind}) added to ${row.code}${file ? `: ${file.name}, ${file.size} bytes, sha256 ${file.sha256}` : ''}`)
}

interface PlanOptions {
  responsible?: string
  measures?: string
  deadline?: string
  at?: string
}

export async function complaintPlanRun(ctx: AppContext, code: string, opts: PlanOptions): Promise<void> {
  const responsibleRef = await need(ctx, opts.responsible, { flag: '--responsible', message: 'Unit responsible for the plan' })
  const measures = await requiredText(ctx, opts.measures, { flag: '--measures', message: 'Measures' })
  const at = parseAt(ctx, opts.at)
  const given = opts.deadline === undefined ? undefined : checkPlanDeadline(parseDate(opts.deadline, '--deadline'), at)
  const { row } = await complaintStep(ctx, code, {
    action: 'plan',
    step: 'plan',
    event: 'plan',
    at,
    apply: async (trx) => {
      const responsible = await requireUnit(trx, responsibleRef, 'responsible unit')
      const policy = await loadPolicy(trx)
      const deadline = given ?? defaultPlanDeadline(await loadSchedule(trx, policy), at, policy.complaintPlanDays)
      return {
        // A new plan waits for its own feedback and verification; the timeline keeps the earlier ones.
        changes: {
          plan_responsible_id: responsible.id,
          plan_measures: measures,
          plan_deadline: deadline,
          planned_at: at.toISOString(),
          feedback: null,
          feedback_note: null,
          feedback_at: null,
          resolved: null,
          satisfaction: null,
          verification_note: null,
          verified_at: null,
        },
        details: { responsible: responsible.code, measures, deadline, ...(given ? {} : { planDays: policy.complaintPlanDays }) },
        result: undefined,
      }
    },
  })
  await printChanged(ctx, row, `${row.code} planned: ${cellText(row.plan_measures)} (deadline ${row.plan_deadline}); next: icm complaint feedback ${row.code} --accepted|--disputed`)
}

interface FeedbackOptions {
  accepted?: boolean
  disputed?: boolean
  note?: string
  at?: string
}

export async function complaintFeedbackRun(ctx: AppContext, code: string, opts: FeedbackOptions): Promise<void> {
  const accepted = feedbackChoice(opts.accepted, opts.disputed)
  const note = optionalText(opts.note)
  const at = parseAt(ctx, opts.at)
  const { row } = await complaintStep(ctx, code, {
    action: 'feedback',
    step: 'feedback',
    event: 'feedback',
    at,
    options: () => ({ accepted }),
    apply: async () => ({
      changes: { feedback: accepted ? 'accepted' : 'disputed', feedback_note: note, feedback_at: at.toISOString() },
      details: { accepted, ...(note ? { note } : {}) },
      result: undefined,
    }),
  })
  await printChanged(ctx, row, accepted ? `${row.code} plan accepted by the complainant` : `${row.code} plan disputed: back to investigation`)
}

interface VerifyOptions {
  resolved?: string
  satisfaction?: string
  note?: string
  at?: string
}

export async function complaintVerifyRun(ctx: AppContext, code: string, opts: VerifyOptions): Promise<void> {
  const resolved = parseResolved(await need(ctx, opts.resolved, { flag: '--resolved', message: 'Resolved?', choices: ['yes', 'no'] }))
  const satisfaction = parseSatisfaction(await need(ctx, opts.satisfaction, { flag: '--satisfaction', message: 'Satisfaction 1–5' }))
  const note = optionalText(opts.note)
  const at = parseAt(ctx, opts.at)
  const { row } = await complaintStep(ctx, code, {
    action: 'verify',
    step: 'verify',
    event: 'verify',
    at,
    options: (c) => ({ resolved, hasRootCause: c.root_cause_category !== null }),
    apply: async () => ({
      changes: { resolved: resolved ? 1 : 0, satisfaction, verification_note: note, verified_at: at.toISOString() },
      details: { resolved, satisfaction, ...(note ? { note } : {}) },
      result: undefined,
    }),
  })
  const onTime = resolved && row.plan_deadline !== null && localDate(at) <= row.plan_deadline
  await printChanged(
    ctx,
    row,
    resolved
      ? `${row.code} verified resolved and closed (${onTime ? 'by' : 'after'} the deadline ${row.plan_deadline}), satisfaction ${satisfaction}`
      : `${row.code} not resolved: back to investigation (next: icm complaint plan ${row.code})`,
  )
}

interface RootCauseOptions {
  category?: string
  analysis?: string
  at?: string
}

export async function complaintRootCauseRun(ctx: AppContext, code: string, opts: RootCauseOptions): Promise<void> {
  const category = parseRootCauseCategory(await need(ctx, opts.category, { flag: '--category', message: 'Root-cause category', choices: ROOT_CAUSE_CATEGORIES }))
  const analysis = await requiredText(ctx, opts.analysis, { flag: '--analysis', message: 'Why did it happen' })
  const at = parseAt(ctx, opts.at)
  const { row } = await complaintStep(ctx, code, {
    action: 'root_cause',
    step: 'root_cause',
    event: 'root-cause',
    at,
    apply: async () => ({
      changes: { root_cause_category: category, root_cause_analysis: analysis, root_cause_at: at.toISOString() },
      details: { category, analysis },
      result: undefined,
    }),
  })
  await printChanged(ctx, row, `${row.code} root cause recorded: ${category}`)
}

interface PreventOptions {
  action?: string
  owner?: string
  due?: string
  at?: string
}

/** Opens a prevention action linked to the complaint; returns the action's code. */
export async function complaintPreventRun(ctx: AppContext, code: string, opts: PreventOptions): Promise<string> {
  const description = await requiredText(ctx, opts.action, { flag: '--action', message: 'What will be done to prevent it' })
  const ownerRef = await need(ctx, opts.owner, { flag: '--owner', message: 'Unit that must act' })
  const due = parseDate(await need(ctx, opts.due, { flag: '--due', message: 'Due date (YYYY-MM-DD)' }), '--due')
  const at = parseAt(ctx, opts.at)
  checkActionDue(due, at)
  const { row, result } = await complaintStep(ctx, code, {
    action: 'prevention',
    step: 'prevent',
    event: 'prevent',
    at,
    apply: async (trx, c) => {
      const owner = await requireUnit(trx, ownerRef, 'owner unit')
      const action = await insertAction(trx, { source: 'complaint', sourceRef: c.code, ownerId: owner.id, description, due, createdAt: at })
      return { changes: {}, details: { action: action.code, owner: owner.code, description, due }, result: action }
    },
  })
  const store = await ctx.store()
  const json = actionJson(result, await unitCodesById(store.db), localDate(ctx.now()))
  if (ctx.json) printEntity(ctx, json, [])
  else ctx.io.out(`${result.code}\n`)
  confirm(ctx, `${result.code} opened for ${json.owner}, due ${due}, to prevent ${row.code} from happening again`)
  return result.code
}

// ── monitor and learn ─────────────────────────────────────────────────────────────────────

interface ListOptions {
  status?: string
  against?: string
  period?: string
  overdue?: boolean
  csv?: boolean
}

export async function complaintListRun(ctx: AppContext, opts: ListOptions): Promise<void> {
  const status = opts.status === undefined ? undefined : parseComplaintStatus(opts.status)
  const period = opts.period === undefined ? undefined : parsePeriod(opts.period)
  const store = await ctx.store()
  const against = opts.against === undefined ? undefined : await requireUnit(store.db, opts.against)
  const today = localDate(ctx.now())
  const rows = await listComplaints(store.db, {
    status,
    againstIds: against ? [against.id] : undefined,
    receivedFrom: period ? periodStart(period) : undefined,
    receivedBefore: period ? periodEnd(period) : undefined,
    overdueBefore: opts.overdue ? today : undefined,
  })
  const codes = await unitCodesById(store.db)
  const requests = await requestCodesByIds(store.db, rows.flatMap((r) => (r.request_id === null ? [] : [r.request_id])))
  const json = rows.map((r) => complaintJson(r, codes, requests, today))
  await printRows(
    ctx,
    json,
    [
      { header: 'code', value: (c) => c.code },
      { header: 'received', value: (c) => c.receivedAt?.slice(0, 10) },
      { header: 'against', value: (c) => c.against },
      { header: 'from', value: (c) => (c.anonymous ? '(anonymous)' : c.from) },
      { header: 'channel', value: (c) => c.channel },
      { header: 'handler', value: (c) => c.handler },
      { header: 'status', value: (c) => c.status },
      { header: 'deadline', value: (c) => c.plan?.deadline ?? '' },
      { header: 'overdue', value: (c) => (c.overdue ? `${c.daysOverdue}d` : '') },
      { header: 'summary', value: (c) => c.summary },
    ],
    { csv: ctx.csv, empty: 'no complaints match' },
  )
}

/** A timeline step's details as one line of text. */
function detailsText(details: Record<string, unknown>): string {
  return Object.entries(details)
    .map(([k, v]) => {
      if (k === 'file' && v && typeof v === 'object') {
        const f = v as { name: string; size: number; sha256: string }
        return `file: ${f.name} (${f.size} bytes, sha256 ${f.sha256})`
      }
      return `${k}: ${cellText(v)}`
    })
    .join('; ')
}

export async function complaintShowRun(ctx: AppContext, code: string): Promise<void> {
  const store = await ctx.store()
  const c = await requireComplaint(store.db, code)
  const codes = await unitCodesById(store.db)
  const today = localDate(ctx.now())
  const base = complaintJson(c, codes, await requestCodesByIds(store.db, c.request_id === null ? [] : [c.request_id]), today)
  const team = await listTeamMembers(store.db, c.id)
  const units = (await listInvestigationUnitIds(store.db, c.id)).map((id) => codes.get(id) ?? null).sort()
  const evidence = (await listEvidence(store.db, c.id)).map((e) => evidenceJson(c.code, e))
  const timeline = (await listComplaintSteps(store.db, c.id)).map((s) => ({
    at: shownInstant(s.at),
    step: s.step,
    actor: s.actor,
    statusBefore: s.status_before,
    statusAfter: s.status_after,
    details: JSON.parse(s.details) as Record<string, unknown>,
  }))
  const actions = (await listActions(store.db, { source: 'complaint', sourceRef: c.code })).map((a) => actionJson(a, codes, today))
  const json = { ...base, team, units, evidence, timeline, actions }
  if (ctx.json) {
    printEntity(ctx, json, [])
    return
  }
  printEntity(ctx, json, [
    ['code', c.code],
    ['status', c.status],
    ['against', base.against],
    ['from', base.anonymous ? '(anonymous)' : base.from],
    ['channel', c.channel],
    ['handler', c.handler],
    ['request', base.request],
    ['summary', c.summary],
    ['received', base.receivedAt],
    ['team', team],
    ['units', units],
    ['plan', base.plan ? `${base.plan.responsible}: ${base.plan.measures}` : null],
    ['deadline', base.plan ? `${base.plan.deadline}${base.overdue ? ` (overdue ${base.daysOverdue}d)` : ''}` : null],
    ['feedback', base.feedback ? `${base.feedback.accepted ? 'accepted' : 'disputed'}${base.feedback.note ? `: ${base.feedback.note}` : ''}` : null],
    [
      'verification',
      base.verification
        ? `${base.verification.resolved ? 'resolved' : 'not resolved'}, satisfaction ${base.verification.satisfaction}${base.verification.note ? `: ${base.verification.note}` : ''}`
        : null,
    ],
    ['root cause', base.rootCause ? `${base.rootCause.category}: ${base.rootCause.analysis}` : null],
    ['closed', base.closedAt],
  ])
  printText(ctx, '\nTimeline:')
  await printRows(ctx, timeline, [
    { header: 'at', value: (s) => s.at },
    { header: 'step', value: (s) => s.step },
    { header: 'by', value: (s) => s.actor },
    { header: 'status', value: (s) => (s.statusBefore === null || s.statusBefore === s.statusAfter ? s.statusAfter : `${s.statusBefore} → ${s.statusAfter}`) },
    { header: 'details', value: (s) => detailsText(s.details) },
  ])
  if (evidence.length > 0) {
    printText(ctx, '\nEvidence:')
    await printRows(ctx, evidence, [
      { header: '#', value: (e) => e.seq, align: 'right' },
      { header: 'kind', value: (e) => e.kind },
      { header: 'at', value: (e) => e.at },
      { header: 'note', value: (e) => e.note },
      { header: 'file', value: (e) => e.file?.name ?? '' },
      { header: 'bytes', value: (e) => e.file?.size ?? '', align: 'right' },
      { header: 'sha256', value: (e) => e.file?.sha256 ?? '' },
    ])
  }
  if (actions.length > 0) {
    printText(ctx, '\nPrevention actions:')
    await printRows(ctx, actions, [
      { header: 'code', value: (a) => a.code },
      { header: 'owner', value: (a) => a.owner },
      { header: 'due', value: (a) => a.due },
      { header: 'status', value: (a) => (a.daysOverdue ? `overdue ${a.daysOverdue}d` : a.status) },
      { header: 'description', value: (a) => a.description },
    ])
  }
}

export async function complaintStatsRun(ctx: AppContext, opts: { period?: string; csv?: boolean }): Promise<void> {
  const period = parsePeriod(await need(ctx, opts.period, { flag: '--period', message: 'Period, e.g. 2026-H1' }))
  const store = await ctx.store()
  const rows = await listComplaints(store.db, { receivedFrom: periodStart(period), receivedBefore: periodEnd(period) })
  const codes = await unitCodesById(store.db)
  const names = new Map((await listUnits(store.db, { includeInactive: true })).map((u) => [u.code, u.name]))
  const stats = complaintStats(rows.map((r) => ({ ...complaintFacts(r), against: codes.get(r.against_id) ?? '?', rootCause: r.root_cause_category })))
  const units: UnitStatsRow[] = stats.units.map((u) => ({ ...u, name: names.get(u.unit) ?? null }))
  if (ctx.json) {
    printEntity(ctx, { period: period.code, units, rootCauses: stats.rootCauses }, [])
    return
  }
  if (ctx.csv) {
    await printRows(ctx, units, unitColumns, { csv: true })
    return
  }
  if (rows.length === 0) {
    ctx.io.err(`no complaints received in ${period.code}\n`)
    return
  }
  printText(ctx, `Complaints received in ${period.code}, per unit complained about:`)
  await printRows(ctx, units, unitColumns)
  printText(ctx, '\nRoot causes:')
  await printRows(ctx, stats.rootCauses, [
    { header: 'category', value: (r) => r.category },
    { header: 'complaints', value: (r) => r.count, align: 'right' },
  ])
  if (stats.withoutRootCause > 0) ctx.io.err(`${stats.withoutRootCause} of ${rows.length} complaints have no root cause yet\n`)
}

type UnitStatsRow = UnitComplaintStats & { name: string | null }

const unitColumns: Column<UnitStatsRow>[] = [
  { header: 'unit', value: (u) => u.unit },
  { header: 'name', value: (u) => u.name },
  { header: 'received', value: (u) => u.received, align: 'right' },
  { header: 'verified', value: (u) => u.verified, align: 'right' },
  { header: 'resolved by deadline', value: (u) => u.resolvedByDeadline, align: 'right' },
  { header: 'mean satisfaction', value: (u) => u.meanSatisfaction ?? '', align: 'right' },
]
