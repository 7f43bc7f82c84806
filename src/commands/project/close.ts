import type { Command } from 'commander'
import type { AppContext } from '../../cli/context.js'
import { example } from '../../cli/help.js'
import { atOption, optionalText, parseAt, requiredText } from '../../cli/options.js'
import { confirm, printEntity } from '../../cli/output.js'
import { localDate, parseDate } from '../../domain/calendar/dates.js'
import { cancellation, completion, parseQuality, projectTiming, timingText } from '../../domain/collaboration/project.js'
import { appendEvent } from '../../storage/events-repo.js'
import { updateProject } from '../../storage/projects-repo.js'
import { loadProjectJson, requireProject } from './project-json.js'
import { t } from '../../domain/i18n/catalog.js'

/** `project complete` and `project cancel`: the two ways a project ends. */

export interface ProjectCompleteOptions {
  quality?: string
  date?: string
  note?: string
}

export interface ProjectCancelOptions {
  reason?: string
  at?: string
}

export function registerProjectClose(project: Command, ctx: AppContext): void {
  example(
    project
      .command('complete')
      .description(t('project.complete.description'))
      .argument('<code>', t('project.code'))
      .option('--quality <n>', t('project.complete.quality'))
      .option('--date <date>', t('project.complete.date'))
      .option('--note <text>', t('project.complete.note'))
      .action((code: string, opts: ProjectCompleteOptions) => projectCompleteRun(ctx, code, opts)),
    'icm project complete PRJ-0001 --quality 4 --date 2026-06-28',
    'icm project complete PRJ-0002 --date 2026-05-08',
  )
  const cancel = project
    .command('cancel')
    .description(t('project.cancel.description'))
    .argument('<code>', t('project.code'))
    .option('--reason <text>', t('project.cancel.reason'))
  atOption(cancel, t('project.cancel.at')).action((code: string, opts: ProjectCancelOptions) => projectCancelRun(ctx, code, opts))
  example(cancel, 'icm project cancel PRJ-0004 --reason "需求合并到 PRJ-0001"')
}

export async function projectCompleteRun(ctx: AppContext, code: string, opts: ProjectCompleteOptions): Promise<void> {
  const quality = opts.quality === undefined ? null : parseQuality(opts.quality)
  const today = localDate(ctx.now())
  const date = opts.date === undefined ? today : parseDate(opts.date, '--date')
  const note = optionalText(opts.note)
  const store = await ctx.store()
  const project = await store.write(async (trx) => {
    const p = await requireProject(trx, code)
    const updated = await updateProject(trx, p.id, completion(p, { date, quality, note }, today), ctx.now())
    const timing = projectTiming(updated, today)
    await appendEvent(trx, ctx.event('project.complete', p.code, { date, quality, note, timing: timing.state, daysLate: timing.days }))
    return updated
  })
  const json = await loadProjectJson(ctx.now(), store.db, project)
  if (ctx.json) printEntity(ctx, json, [])
  confirm(ctx, t('project.completed', { code: project.code, date, timing: timingText(projectTiming(project, today)), quality: quality === null ? t('project.completed.noQuality') : t('project.completed.quality', { n: quality }) }))
}

export async function projectCancelRun(ctx: AppContext, code: string, opts: ProjectCancelOptions): Promise<void> {
  const reason = await requiredText(ctx, opts.reason, { flag: '--reason', message: t('project.cancel.askReason') })
  const at = parseAt(ctx, opts.at)
  const store = await ctx.store()
  const project = await store.write(async (trx) => {
    const p = await requireProject(trx, code)
    const updated = await updateProject(trx, p.id, cancellation(p, reason, at), ctx.now())
    await appendEvent(trx, ctx.event('project.cancel', p.code, { reason, at: at.toISOString() }))
    return updated
  })
  if (ctx.json) printEntity(ctx, await loadProjectJson(ctx.now(), store.db, project), [])
  confirm(ctx, t('project.cancelled', { code: project.code }))
}
