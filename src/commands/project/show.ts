import type { Command } from 'commander'
import type { AppContext } from '../../cli/context.js'
import { example } from '../../cli/help.js'
import { printEntity, printRows, printText } from '../../cli/output.js'
import { localDate } from '../../domain/calendar/dates.js'
import { projectTiming, timingText } from '../../domain/collaboration/project.js'
import { listMembers, listProgress } from '../../storage/projects-repo.js'
import { unitCodesById } from '../../storage/units-repo.js'
import { progressJson, projectJson, requireProject } from './project-json.js'
import { english, isChinese, label, t } from '../../domain/i18n/catalog.js'

export function registerProjectShow(project: Command, ctx: AppContext): void {
  example(
    project
      .command('show')
      .description(t('project.show.description'))
      .argument('<code>', t('project.code'))
      .action((code: string) => projectShowRun(ctx, code)),
    'icm project show PRJ-0001',
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
  // a Chinese terminal reads the fixed values and the timing in words; piped lines keep the English ones
  const term = ctx.io.stdoutIsTTY && isChinese()
  printEntity(ctx, json, [
    ['code', p.code, t('project.col.code')],
    ['name', p.name, t('project.col.name')],
    ['kind', term ? label('projectKind', p.kind) : p.kind, t('project.col.kind')],
    ['owner', json.owner, t('project.col.owner')],
    ['start', p.start_date, t('project.field.start')],
    ['due', p.due, t('project.col.due')],
    ['status', term ? label('projectStatus', p.status) : p.status, t('project.col.status')],
    ['progress', `${p.progress}%`, t('project.col.progress')],
    ['timing', timingText(projectTiming(p, today), term ? t : english), t('project.col.timing')],
    ['completed on', p.completed_on, t('project.field.completedOn')],
    ['quality', p.quality, t('project.col.quality')],
    ['completion note', p.completion_note, t('project.field.completionNote')],
    ['score (C)', json.score, t('project.field.score')],
    ...(p.status === 'cancelled' ? ([['cancelled', `${json.cancelledAt ?? ''} ${p.cancel_reason ?? ''}`.trim(), t('project.field.cancelled')]] as [string, unknown, string][]) : []),
  ])
  printText(ctx, t('project.show.members'))
  await printRows(ctx, json.members, [
    { header: 'unit', title: t('project.col.unit'), value: (m) => m.unit },
    { header: 'duty', title: t('project.col.duty'), value: (m) => m.duty },
  ], { empty: t('project.show.noMembers', { code: p.code }) })
  printText(ctx, t('project.show.progress'))
  await printRows(ctx, history, [
    { header: 'at', title: t('project.col.at'), value: (h) => h.at },
    { header: 'percent', title: t('project.col.percent'), value: (h) => `${h.percent}%`, align: 'right' },
    { header: 'note', title: t('project.col.note'), value: (h) => h.note },
    { header: 'by', title: t('project.col.by'), value: (h) => h.actor },
  ], { empty: t('project.show.noProgress', { code: p.code }) })
}
