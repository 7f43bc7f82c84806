import type { Command } from 'commander'
import type { AppContext } from '../../cli/context.js'
import { example } from '../../cli/help.js'
import { requireUnit } from '../../cli/lookups.js'
import { periodOption, unitOption } from '../../cli/options.js'
import { printRows } from '../../cli/output.js'
import { localDate } from '../../domain/calendar/dates.js'
import { boundsOf, parsePeriod } from '../../domain/calendar/period.js'
import { parseProjectStatus, projectTiming, timingText } from '../../domain/collaboration/project.js'
import { listMembers, listProjects } from '../../storage/projects-repo.js'
import { unitCodesById } from '../../storage/units-repo.js'
import { projectJson } from './project-json.js'

export interface ProjectListOptions {
  status?: string
  unit?: string
  period?: string
  late?: boolean
}

export function registerProjectList(project: Command, ctx: AppContext): void {
  const cmd = project.command('list').description('List projects, by due date').option('--status <status>', 'open, completed or cancelled')
  unitOption(cmd, 'only projects this unit owns or is a member of')
  periodOption(cmd, 'only projects due in')
    .option('--late', 'only late ones: completed after due, or open past due')
    .action((opts: ProjectListOptions) => projectListRun(ctx, opts))
  example(cmd, 'icm project list --period 2026-H1 --unit IT', 'icm project list --late')
}

export async function projectListRun(ctx: AppContext, opts: ProjectListOptions): Promise<void> {
  const status = opts.status === undefined ? undefined : parseProjectStatus(opts.status)
  const period = opts.period === undefined ? undefined : boundsOf(parsePeriod(opts.period))
  const today = localDate(ctx.now())
  const store = await ctx.store()
  const unit = opts.unit === undefined ? undefined : await requireUnit(store.db, opts.unit)
  const rows = await listProjects(store.db, { status, unitId: unit?.id, period, lateAsOf: opts.late ? today : undefined })
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
