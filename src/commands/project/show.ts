import type { Command } from 'commander'
import type { AppContext } from '../../cli/context.js'
import { example } from '../../cli/help.js'
import { printEntity, printRows, printText } from '../../cli/output.js'
import { localDate } from '../../domain/calendar/dates.js'
import { projectTiming, timingText } from '../../domain/collaboration/project.js'
import { listMembers, listProgress } from '../../storage/projects-repo.js'
import { unitCodesById } from '../../storage/units-repo.js'
import { progressJson, projectJson, requireProject } from './project-json.js'

export function registerProjectShow(project: Command, ctx: AppContext): void {
  example(
    project
      .command('show')
      .description('Show a project: members and duties, progress history, on time or how late')
      .argument('<code>', 'project code')
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
