import type { Command } from 'commander'
import type { AppContext } from '../../cli/context.js'
import { example } from '../../cli/help.js'
import { requireUnit } from '../../cli/lookups.js'
import { atOption, parseAt, requiredText } from '../../cli/options.js'
import { confirm, printEntity } from '../../cli/output.js'
import { need } from '../../cli/prompt.js'
import { localDate, parseDate } from '../../domain/calendar/dates.js'
import { checkProjectDates, parseProjectKind } from '../../domain/collaboration/project.js'
import { appendEvent } from '../../storage/events-repo.js'
import { insertProject } from '../../storage/projects-repo.js'
import { unitCodesById } from '../../storage/units-repo.js'
import { projectJson } from './project-json.js'
import { t } from '../../domain/i18n/catalog.js'

export interface ProjectAddOptions {
  name?: string
  owner?: string
  due?: string
  start?: string
  kind?: string
  at?: string
}

export function registerProjectAdd(project: Command, ctx: AppContext): void {
  const cmd = project
    .command('add')
    .description(t('project.add.description'))
    .option('--name <text>', t('project.add.name'))
    .option('--owner <unit>', t('project.add.owner'))
    .option('--due <date>', t('project.add.due'))
    .option('--start <date>', t('project.add.start'))
    .option('--kind <kind>', t('project.add.kind'))
  atOption(cmd, t('project.add.at')).action(async (opts: ProjectAddOptions) => void (await projectAddRun(ctx, opts)))
  example(
    cmd,
    'icm project add --name "ERP 上线" --owner IT --due 2026-06-30 --start 2026-02-01',
    'icm project add --name "来料不良协同分析" --owner QA --due 2026-04-15 --kind problem',
  )
}

/** Adds a project; returns its code. */
export async function projectAddRun(ctx: AppContext, opts: ProjectAddOptions): Promise<string> {
  const name = await requiredText(ctx, opts.name, { flag: '--name', message: t('project.add.askName') })
  const ownerRef = await need(ctx, opts.owner, { flag: '--owner', message: t('project.add.askOwner'), unit: true })
  const due = parseDate(await need(ctx, opts.due, { flag: '--due', message: t('project.add.askDue'), check: (v) => parseDate(v, '--due') }), '--due')
  const at = parseAt(ctx, opts.at)
  const start = opts.start === undefined ? localDate(at) : parseDate(opts.start, '--start')
  const kind = parseProjectKind(opts.kind ?? 'project')
  checkProjectDates(start, due)
  const store = await ctx.store()
  const row = await store.write(async (trx) => {
    const owner = await requireUnit(trx, ownerRef, t('project.ownerUnit'))
    const created = await insertProject(trx, { name, kind, ownerId: owner.id, startDate: start, due, createdAt: at })
    await appendEvent(trx, ctx.event('project.add', created.code, { name, kind, owner: owner.code, start, due }))
    return created
  })
  const json = projectJson(row, [], await unitCodesById(store.db), localDate(ctx.now()))
  if (ctx.json) printEntity(ctx, json, [])
  else ctx.io.out(`${row.code}\n`)
  confirm(ctx, t('project.added', { code: row.code, name, owner: String(json.owner), start, due }))
  return row.code
}
