import type { Command } from 'commander'
import type { Kysely } from 'kysely'
import type { AppContext } from '../../cli/context.js'
import { confirm, printEntity, printRows, printText, warn, shownInstant } from '../../cli/output.js'
import { need } from '../../cli/prompt.js'
import { localDate, parseDate } from '../../domain/calendar/dates.js'
import { NotFoundError, UserError } from '../../domain/errors.js'
import { projectScore } from '../../domain/assessment/kpi.js'
import { parsePeriod } from '../../domain/calendar/period.js'
import {
  checkCompletionDate,
  checkOpen,
  checkProjectDates,
  parsePercent,
  parseProjectKind,
  parseProjectStatus,
  parseQuality,
  projectTiming,
  timingText,
} from '../../domain/collaboration/project.js'
import { appendEvent } from '../../storage/events-repo.js'
import {
  findMember,
  findProjectByCode,
  insertProgress,
  insertProject,
  listMembers,
  listProgress,
  listProjects,
  updateProject,
  upsertMember,
} from '../../storage/projects-repo.js'
import type { ProjectMemberRow, ProjectProgressRow, ProjectRow } from '../../storage/schema-collaboration.js'
import type { DB } from '../../storage/schema.js'
import { unitCodesById } from '../../storage/units-repo.js'
import { example } from '../../cli/help.js'
import { parseAt } from '../../cli/options.js'
import { requireUnit } from '../../cli/lookups.js'
import { optionalText, requiredText } from '../../cli/options.js'

export async function requireProject(db: Kysely<DB>, code: string): Promise<ProjectRow> {
  const p = await findProjectByCode(db, code)
  if (!p) throw new NotFoundError(`unknown project '${code}'`, 'see icm project list')
  return p
}

/** The JSON of a project with its members, its timing and its score as of today. */
export function projectJson(p: ProjectRow, members: readonly ProjectMemberRow[], codes: ReadonlyMap<number, string>, today: string) {
  const timing = projectTiming(p, today)
  return {
    code: p.code,
    name: p.name,
    kind: p.kind,
    owner: codes.get(p.owner_id) ?? null,
    members: members.map((m) => ({ unit: codes.get(m.unit_id) ?? null, duty: m.duty })),
    start: p.start_date,
    due: p.due,
    status: p.status,
    progress: p.progress,
    timing: timing.state,
    daysLate: timing.state === 'late' ? timing.days : null,
    daysOverdue: timing.state === 'overdue' ? timing.days : null,
    completedOn: p.completed_on,
    quality: p.quality,
    completionNote: p.completion_note,
    /** the project's score in the collaboration KPI C as of today (DESIGN.md §3), null when it does not count (yet) */
    score: projectScore({ due: p.due, completedOn: p.completed_on, quality: p.quality, cancelled: p.status === 'cancelled' }, today),
    cancelledAt: shownInstant(p.cancelled_at),
    cancelReason: p.cancel_reason,
    createdAt: shownInstant(p.created_at),
    updatedAt: shownInstant(p.updated_at),
  }
}

type ProjectJson = ReturnType<typeof projectJson>

function progressJson(r: ProjectProgressRow) {
  return { at: shownInstant(r.at), percent: r.percent, note: r.note, actor: r.actor }
}

export function registerProject(program: Command, ctx: AppContext): void {
  const project = program.command('project').description('Collaboration projects and joint problem solving across units (项目协作, 问题协同解决)')

  example(
    project
      .command('add')
      .description('Start a collaboration project owned by a unit; prints its code')
      .option('--name <text>', 'what the project is')
      .option('--owner <unit>', 'the unit that owns it')
      .option('--due <date>', 'due date (YYYY-MM-DD); the project counts in the period of this date')
      .option('--start <date>', 'start date (default: the day of --at, i.e. today)')
      .option('--kind <kind>', 'project (项目协作, default) or problem (问题协同解决)')
      .option('--at <datetime>', 'when it was recorded (default now)')
      .action(async (opts: ProjectAddOptions) => void (await projectAddRun(ctx, opts))),
    'icm project add --name "ERP 上线" --owner IT --due 2026-06-30 --start 2026-02-01',
    'icm project add --name "来料不良协同分析" --owner QA --due 2026-04-15 --kind problem',
  )
  example(
    project
      .command('member')
      .description("Add a member unit with its duty (again for the same unit: change its duty)")
      .argument('<code>', 'project code, e.g. PRJ-0001')
      .option('--unit <unit>', 'the member unit')
      .option('--duty <text>', "the unit's responsibility in the project")
      .option('--at <datetime>', 'when it joined (default now)')
      .action((code: string, opts: ProjectMemberOptions) => projectMemberRun(ctx, code, opts)),
    'icm project member PRJ-0001 --unit FIN --duty "科目映射与期初数据"',
  )
  example(
    project
      .command('progress')
      .description('Record a progress update (percent done)')
      .argument('<code>', 'project code')
      .option('--percent <n>', 'percent done, 0–100')
      .option('--note <text>', 'what was done')
      .option('--at <datetime>', 'when (default now)')
      .action((code: string, opts: ProjectProgressOptions) => projectProgressRun(ctx, code, opts)),
    'icm project progress PRJ-0001 --percent 60 --note "财务模块测试完成"',
  )
  example(
    project
      .command('complete')
      .description('Record the completion and its quality (1–5)')
      .argument('<code>', 'project code')
      .option('--quality <n>', 'quality of the result, 1 (poor) to 5 (excellent)')
      .option('--date <date>', 'completion date (default today)')
      .option('--note <text>', 'remarks on the result')
      .action((code: string, opts: ProjectCompleteOptions) => projectCompleteRun(ctx, code, opts)),
    'icm project complete PRJ-0001 --quality 4 --date 2026-06-28',
  )
  example(
    project
      .command('cancel')
      .description('Cancel an open project (it is then left out of the collaboration score)')
      .argument('<code>', 'project code')
      .option('--reason <text>', 'why it was cancelled')
      .option('--at <datetime>', 'when (default now)')
      .action((code: string, opts: { reason?: string; at?: string }) => projectCancelRun(ctx, code, opts)),
    'icm project cancel PRJ-0004 --reason "需求合并到 PRJ-0001"',
  )
  example(
    project
      .command('list')
      .description('List projects, by due date')
      .option('--status <status>', 'open, completed or cancelled')
      .option('--unit <unit>', 'only projects this unit owns or is a member of')
      .option('--period <period>', 'only projects due in this period, e.g. 2026-H1')
      .option('--late', 'only late ones: completed after due, or open past due')
      .action((opts: ProjectListOptions) => projectListRun(ctx, opts)),
    'icm project list --period 2026-H1 --unit IT',
    'icm project list --late',
  )
  example(
    project
      .command('show')
      .description('Show a project: members and duties, progress history, on time or how late')
      .argument('<code>', 'project code')
      .action((code: string) => projectShowRun(ctx, code)),
    'icm project show PRJ-0001',
  )
}

interface ProjectAddOptions {
  name?: string
  owner?: string
  due?: string
  start?: string
  kind?: string
  at?: string
}

/** Adds a project; returns its code. */
export async function projectAddRun(ctx: AppContext, opts: ProjectAddOptions): Promise<string> {
  const name = await requiredText(ctx, opts.name, { flag: '--name', message: 'Name of the project' })
  const ownerRef = await requiredText(ctx, opts.owner, { flag: '--owner', message: 'Unit that owns it' })
  const due = parseDate(await need(ctx, opts.due, { flag: '--due', message: 'Due date (YYYY-MM-DD)' }), '--due')
  const at = parseAt(ctx, opts.at)
  const start = opts.start === undefined ? localDate(at) : parseDate(opts.start, '--start')
  const kind = parseProjectKind(opts.kind ?? 'project')
  checkProjectDates(start, due)
  const store = await ctx.store()
  const row = await store.write(async (trx) => {
    const owner = await requireUnit(trx, ownerRef, 'owner unit')
    const created = await insertProject(trx, {
      name,
      kind,
      owner_id: owner.id,
      start_date: start,
      due,
      status: 'open',
      progress: 0,
      completed_on: null,
      quality: null,
      completion_note: null,
      cancelled_at: null,
      cancel_reason: null,
      created_at: at.toISOString(),
      updated_at: at.toISOString(),
    })
    await appendEvent(trx, ctx.event('project.add', created.code, { name, kind, owner: owner.code, start, due }))
    return created
  })
  const json = projectJson(row, [], await unitCodesById(store.db), localDate(ctx.now()))
  if (ctx.json) printEntity(ctx, json, [])
  else ctx.io.out(`${row.code}\n`)
  confirm(ctx, `${row.code} ${name} added: owner ${json.owner}, ${start} → due ${due}`)
  return row.code
}

interface ProjectMemberOptions {
  unit?: string
  duty?: string
  at?: string
}

export async function projectMemberRun(ctx: AppContext, code: string, opts: ProjectMemberOptions): Promise<void> {
  const unitRef = await requiredText(ctx, opts.unit, { flag: '--unit', message: 'Member unit' })
  const duty = await requiredText(ctx, opts.duty, { flag: '--duty', message: "The unit's responsibility in the project" })
  const at = parseAt(ctx, opts.at)
  const store = await ctx.store()
  const { project, unitCode, previous } = await store.write(async (trx) => {
    const p = await requireProject(trx, code)
    const unit = await requireUnit(trx, unitRef, 'member unit')
    checkOpen(p, 'change the members of')
    if (unit.id === p.owner_id) throw new UserError(`${unit.code} owns ${p.code}; members are the other units that take part`, 'give another --unit')
    const before = await findMember(trx, p.id, unit.id)
    if (before?.duty === duty) return { project: p, unitCode: unit.code, previous: before.duty }
    await upsertMember(trx, { project_id: p.id, unit_id: unit.id, duty, added_at: before?.added_at ?? at.toISOString() })
    const updated = await updateProject(trx, p.id, { updated_at: ctx.now().toISOString() })
    await appendEvent(trx, ctx.event('project.member', p.code, { unit: unit.code, duty, ...(before ? { previousDuty: before.duty } : {}) }))
    return { project: updated, unitCode: unit.code, previous: before?.duty }
  })
  if (ctx.json) printEntity(ctx, await loadJson(ctx, store.db, project), [])
  if (previous === duty) confirm(ctx, `${unitCode} already has that duty in ${project.code}; nothing changed`)
  else if (previous !== undefined) confirm(ctx, `${project.code}: duty of ${unitCode} changed to ${duty}`)
  else confirm(ctx, `${unitCode} joined ${project.code}: ${duty}`)
}

interface ProjectProgressOptions {
  percent?: string
  note?: string
  at?: string
}

export async function projectProgressRun(ctx: AppContext, code: string, opts: ProjectProgressOptions): Promise<void> {
  const percent = parsePercent(await need(ctx, opts.percent, { flag: '--percent', message: 'Percent done (0–100)' }))
  const note = optionalText(opts.note)
  const at = parseAt(ctx, opts.at)
  const store = await ctx.store()
  const { project, previous } = await store.write(async (trx) => {
    const p = await requireProject(trx, code)
    checkOpen(p, 'record progress on')
    if (localDate(at) < p.start_date) throw new UserError(`progress at ${localDate(at)} is before ${p.code} started (${p.start_date})`, 'check --at')
    const history = await listProgress(trx, p.id)
    await insertProgress(trx, { project_id: p.id, at: at.toISOString(), percent, note, actor: ctx.actor })
    // the project's progress is that of its latest update in time (a back-filled update may be older)
    const latest = [...history, { at: at.toISOString(), percent }].reduce((a, b) => (b.at >= a.at ? b : a))
    const updated = await updateProject(trx, p.id, { progress: latest.percent, updated_at: ctx.now().toISOString() })
    await appendEvent(trx, ctx.event('project.progress', p.code, { percent, note, at: at.toISOString() }))
    return { project: updated, previous: p.progress }
  })
  if (ctx.json) printEntity(ctx, await loadJson(ctx, store.db, project), [])
  confirm(ctx, `${project.code} at ${percent}%${percent === 100 ? ` (record the completion with icm project complete ${project.code} --quality N)` : ''}`)
  if (percent < previous && project.progress === percent) warn(ctx, `${project.code} went back from ${previous}% to ${percent}%`)
}

interface ProjectCompleteOptions {
  quality?: string
  date?: string
  note?: string
}

export async function projectCompleteRun(ctx: AppContext, code: string, opts: ProjectCompleteOptions): Promise<void> {
  const quality = parseQuality(await need(ctx, opts.quality, { flag: '--quality', message: 'Quality of the result (1–5)' }))
  const today = localDate(ctx.now())
  const date = opts.date === undefined ? today : parseDate(opts.date, '--date')
  const note = optionalText(opts.note)
  const store = await ctx.store()
  const project = await store.write(async (trx) => {
    const p = await requireProject(trx, code)
    checkOpen(p, 'complete')
    checkCompletionDate(date, p.start_date, today)
    const updated = await updateProject(trx, p.id, {
      status: 'completed',
      progress: 100,
      completed_on: date,
      quality,
      completion_note: note,
      updated_at: ctx.now().toISOString(),
    })
    const timing = projectTiming(updated, today)
    await appendEvent(trx, ctx.event('project.complete', p.code, { date, quality, note, timing: timing.state, daysLate: timing.days }))
    return updated
  })
  const json = await loadJson(ctx, store.db, project)
  if (ctx.json) printEntity(ctx, json, [])
  confirm(ctx, `${project.code} completed on ${date}, ${timingText(projectTiming(project, today))}, quality ${quality}`)
}

export async function projectCancelRun(ctx: AppContext, code: string, opts: { reason?: string; at?: string }): Promise<void> {
  const reason = await requiredText(ctx, opts.reason, { flag: '--reason', message: 'Why is it cancelled' })
  const at = parseAt(ctx, opts.at)
  const store = await ctx.store()
  const project = await store.write(async (trx) => {
    const p = await requireProject(trx, code)
    checkOpen(p, 'cancel')
    const updated = await updateProject(trx, p.id, { status: 'cancelled', cancelled_at: at.toISOString(), cancel_reason: reason, updated_at: ctx.now().toISOString() })
    await appendEvent(trx, ctx.event('project.cancel', p.code, { reason, at: at.toISOString() }))
    return updated
  })
  if (ctx.json) printEntity(ctx, await loadJson(ctx, store.db, project), [])
  confirm(ctx, `${project.code} cancelled`)
}

interface ProjectListOptions {
  status?: string
  unit?: string
  period?: string
  late?: boolean
  csv?: boolean
}

export async function projectListRun(ctx: AppContext, opts: ProjectListOptions): Promise<void> {
  const status = opts.status === undefined ? undefined : parseProjectStatus(opts.status)
  const period = opts.period === undefined ? undefined : parsePeriod(opts.period)
  const today = localDate(ctx.now())
  const store = await ctx.store()
  const unit = opts.unit === undefined ? undefined : await requireUnit(store.db, opts.unit)
  const rows = await listProjects(store.db, { status, unitId: unit?.id, dueFrom: period?.startDate, dueTo: period?.endDate, lateAsOf: opts.late ? today : undefined })
  const members = await listMembers(store.db, rows.map((p) => p.id))
  const codes = await unitCodesById(store.db)
  const json = rows.map((p) => projectJson(p, members.filter((m) => m.project_id === p.id), codes, today))
  await printRows(
    ctx,
    json,
    [
      { header: 'code', value: (p) => p.code },
      { header: 'kind', value: (p) => p.kind },
      { header: 'name', value: (p) => p.name },
      { header: 'owner', value: (p) => p.owner },
      { header: 'members', value: (p) => p.members.map((m) => m.unit) },
      { header: 'due', value: (p) => p.due },
      { header: 'status', value: (p) => p.status },
      { header: 'progress', value: (p) => `${p.progress}%`, align: 'right' },
      { header: 'timing', value: (p) => timingText(projectTiming({ status: p.status, due: p.due, completed_on: p.completedOn }, today)) },
      { header: 'quality', value: (p) => p.quality, align: 'right' },
    ],
    { csv: ctx.csv, empty: 'no projects match' },
  )
}

export async function projectShowRun(ctx: AppContext, code: string): Promise<void> {
  const store = await ctx.store()
  const p = await requireProject(store.db, code)
  const today = localDate(ctx.now())
  const codes = await unitCodesById(store.db)
  const json = projectJson(p, await listMembers(store.db, [p.id]), codes, today)
  const history = (await listProgress(store.db, p.id)).map(progressJson)
  if (ctx.json) {
    printEntity(ctx, { ...json, progressHistory: history }, [])
    return
  }
  printEntity(ctx, json, [
    ['code', p.code],
    ['name', p.name],
    ['kind', p.kind],
    ['owner', json.owner],
    ['start', p.start_date],
    ['due', p.due],
    ['status', p.status],
    ['progress', `${p.progress}%`],
    ['timing', timingText(projectTiming(p, today))],
    ['completed on', p.completed_on],
    ['quality', p.quality],
    ['completion note', p.completion_note],
    ['score (C)', json.score],
    ...(p.status === 'cancelled' ? ([['cancelled', `${json.cancelledAt ?? ''} ${p.cancel_reason ?? ''}`.trim()]] as [string, unknown][]) : []),
  ])
  printText(ctx, '\nmembers and duties:')
  await printRows(ctx, json.members, [
    { header: 'unit', value: (m) => m.unit },
    { header: 'duty', value: (m) => m.duty },
  ], { empty: `${p.code} has no member units yet (add one with icm project member ${p.code} --unit UNIT --duty TEXT)` })
  printText(ctx, '\nprogress:')
  await printRows(ctx, history, [
    { header: 'at', value: (h) => h.at },
    { header: 'percent', value: (h) => `${h.percent}%`, align: 'right' },
    { header: 'note', value: (h) => h.note },
    { header: 'by', value: (h) => h.actor },
  ], { empty: `no progress recorded on ${p.code} yet` })
}

async function loadJson(ctx: AppContext, db: Kysely<DB>, p: ProjectRow): Promise<ProjectJson> {
  return projectJson(p, await listMembers(db, [p.id]), await unitCodesById(db), localDate(ctx.now()))
}
