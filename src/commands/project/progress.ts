import type { Command } from 'commander'
import type { AppContext } from '../../cli/context.js'
import { example } from '../../cli/help.js'
import { atOption, optionalText, parseAt } from '../../cli/options.js'
import { confirm, printEntity, warn } from '../../cli/output.js'
import { need } from '../../cli/prompt.js'
import { parsePercent, progressAfter } from '../../domain/collaboration/project.js'
import { appendEvent } from '../../storage/events-repo.js'
import { insertProgress, listProgress, updateProject } from '../../storage/projects-repo.js'
import { loadProjectJson, requireProject } from './project-json.js'
import { t } from '../../domain/i18n/catalog.js'

export interface ProjectProgressOptions {
  percent?: string
  note?: string
  at?: string
}

export function registerProjectProgress(project: Command, ctx: AppContext): void {
  const cmd = project
    .command('progress')
    .description(t('project.progress.description'))
    .argument('<code>', t('project.code'))
    .option('--percent <n>', t('project.progress.percent'))
    .option('--note <text>', t('project.progress.note'))
  atOption(cmd, t('project.progress.at')).action((code: string, opts: ProjectProgressOptions) => projectProgressRun(ctx, code, opts))
  example(cmd, 'icm project progress PRJ-0001 --percent 60 --note "财务模块测试完成"')
}

export async function projectProgressRun(ctx: AppContext, code: string, opts: ProjectProgressOptions): Promise<void> {
  const percent = parsePercent(await need(ctx, opts.percent, { flag: '--percent', message: t('project.progress.askPercent'), check: (v) => parsePercent(v) }))
  const note = optionalText(opts.note)
  const at = parseAt(ctx, opts.at)
  const store = await ctx.store()
  const { project, previous } = await store.write(async (trx) => {
    const p = await requireProject(trx, code)
    const progress = progressAfter(p, await listProgress(trx, p.id), { at, percent })
    await insertProgress(trx, { projectId: p.id, at, percent, note, actor: ctx.actor })
    const updated = await updateProject(trx, p.id, { progress }, ctx.now())
    await appendEvent(trx, ctx.event('project.progress', p.code, { percent, note, at: at.toISOString() }))
    return { project: updated, previous: p.progress }
  })
  if (ctx.json) printEntity(ctx, await loadProjectJson(ctx.now(), store.db, project), [])
  confirm(ctx, t(percent === 100 ? 'project.progress.doneFull' : 'project.progress.done', { code: project.code, percent }))
  if (percent < previous && project.progress === percent) warn(ctx, t('project.progress.back', { code: project.code, previous, percent }))
}
