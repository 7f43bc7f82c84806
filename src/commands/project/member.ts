import type { Command } from 'commander'
import type { AppContext } from '../../cli/context.js'
import { example } from '../../cli/help.js'
import { need } from '../../cli/prompt.js'
import { requireUnit } from '../../cli/lookups.js'
import { atOption, parseAt, requiredText, unitOption } from '../../cli/options.js'
import { confirm, printEntity } from '../../cli/output.js'
import { checkMember } from '../../domain/collaboration/project.js'
import { appendEvent } from '../../storage/events-repo.js'
import { findMember, updateProject, upsertMember } from '../../storage/projects-repo.js'
import { loadProjectJson, requireProject } from './project-json.js'
import { t } from '../../domain/i18n/catalog.js'

export interface ProjectMemberOptions {
  unit?: string
  duty?: string
  at?: string
}

export function registerProjectMember(project: Command, ctx: AppContext): void {
  const cmd = project
    .command('member')
    .description(t('project.member.description'))
    .argument('<code>', t('project.codeEg'))
  unitOption(cmd, t('project.member.unit')).option('--duty <text>', t('project.member.duty'))
  atOption(cmd, t('project.member.at')).action((code: string, opts: ProjectMemberOptions) => projectMemberRun(ctx, code, opts))
  example(cmd, 'icm project member PRJ-0001 --unit FIN --duty "科目映射与期初数据"')
}

export async function projectMemberRun(ctx: AppContext, code: string, opts: ProjectMemberOptions): Promise<void> {
  const unitRef = await need(ctx, opts.unit, { flag: '--unit', message: t('project.member.askUnit'), unit: true })
  const duty = await requiredText(ctx, opts.duty, { flag: '--duty', message: t('project.member.askDuty') })
  const at = parseAt(ctx, opts.at)
  const store = await ctx.store()
  const { project, unitCode, previous } = await store.write(async (trx) => {
    const p = await requireProject(trx, code)
    const unit = await requireUnit(trx, unitRef, t('project.memberUnit'))
    checkMember(p, unit)
    const before = await findMember(trx, p.id, unit.id)
    if (before?.duty === duty) return { project: p, unitCode: unit.code, previous: before.duty }
    await upsertMember(trx, { projectId: p.id, unitId: unit.id, duty, addedAt: at })
    const updated = await updateProject(trx, p.id, {}, ctx.now())
    await appendEvent(trx, ctx.event('project.member', p.code, { unit: unit.code, duty, ...(before ? { previousDuty: before.duty } : {}) }))
    return { project: updated, unitCode: unit.code, previous: before?.duty }
  })
  if (ctx.json) printEntity(ctx, await loadProjectJson(ctx.now(), store.db, project), [])
  if (previous === duty) confirm(ctx, t('project.member.same', { unit: unitCode, code: project.code }))
  else if (previous !== undefined) confirm(ctx, t('project.member.changed', { code: project.code, unit: unitCode, duty }))
  else confirm(ctx, t('project.member.joined', { unit: unitCode, code: project.code, duty }))
}
