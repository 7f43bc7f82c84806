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
import { english, isChinese, t } from '../../domain/i18n/catalog.js'

export interface ProjectListOptions {
  status?: string
  unit?: string
  period?: string
  late?: boolean
}

export function registerProjectList(project: Command, ctx: AppContext): void {
  const cmd = project.command('list').description(t('project.list.description')).option('--status <status>', t('project.list.status'))
  unitOption(cmd, t('project.list.unit'))
  periodOption(cmd, t('project.list.period'))
    .option('--late', t('project.list.late'))
    .action((opts: ProjectListOptions) => projectListRun(ctx, opts))
  example(cmd, 'icm project list --period 2026-H1 --unit IT', 'icm project list --late')
}

export async function projectListRun(ctx: AppContext, opts: ProjectListOptions): Promise<void> {
  const status = opts.status === undefined ? undefined : parseProjectStatus(opts.status)
  const period = opts.period === undefined ? undefined : boundsOf(parsePeriod(opts.period))
  const today = localDate(ctx.now())
  const store = await ctx.store()
  const unit = opts.unit === undefined ? undefined : await requireUnit(store.db, opts.unit, t('project.unitWhat'))
  const rows = await listProjects(store.db, { status, unitId: unit?.id, period, lateAsOf: opts.late ? today : undefined })
  const members = await listMembers(store.db, rows.map((p) => p.id))
  const codes = await unitCodesById(store.db)
  const json = rows.map((p) => projectJson(p, members.filter((m) => m.project_id === p.id), codes, today))
  // a terminal in Chinese reads the timing in words; piped lines and CSV keep the English words
  const say = ctx.io.stdoutIsTTY && !ctx.csv && isChinese() ? t : english
  await printRows(
    ctx,
    json,
    [
      { header: 'code', title: t('project.col.code'), value: (p) => p.code },
      { header: 'kind', title: t('project.col.kind'), value: (p) => p.kind, enum: 'projectKind' },
      { header: 'name', title: t('project.col.name'), value: (p) => p.name },
      { header: 'owner', title: t('project.col.owner'), value: (p) => p.owner },
      { header: 'members', title: t('project.col.members'), value: (p) => p.members.map((m) => m.unit) },
      { header: 'due', title: t('project.col.due'), value: (p) => p.due },
      { header: 'status', title: t('project.col.status'), value: (p) => p.status, enum: 'projectStatus' },
      { header: 'progress', title: t('project.col.progress'), value: (p) => `${p.progress}%`, align: 'right' },
      { header: 'timing', title: t('project.col.timing'), value: (p) => timingText(projectTiming({ status: p.status, due: p.due, completed_on: p.completedOn }, today), say) },
      { header: 'quality', title: t('project.col.quality'), value: (p) => p.quality, align: 'right' },
    ],
    { csv: ctx.csv, empty: t('project.list.empty') },
  )
}
