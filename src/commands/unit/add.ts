import type { Command } from 'commander'
import type { AppContext } from '../../cli/context.js'
import { example } from '../../cli/help.js'
import { requireUnit } from '../../cli/lookups.js'
import { optionalText } from '../../cli/options.js'
import { confirm, printEntity } from '../../cli/output.js'
import { need } from '../../cli/prompt.js'
import { ConflictError } from '../../domain/errors.js'
import { UNIT_KINDS, checkName, checkParentKind, checkUnitCode, parseUnitKind } from '../../domain/org/unit.js'
import { appendEvent } from '../../storage/events-repo.js'
import { findUnitByCode, insertUnit, unitCodesById } from '../../storage/units-repo.js'
import { unitJson } from './views.js'

export function registerAdd(unit: Command, ctx: AppContext): void {
  example(
    unit
      .command('add')
      .description('Add a department or a position')
      .argument('<code>', 'unit code, e.g. IT or IT-HD')
      .option('--name <name>', 'name, any language')
      .option('--kind <kind>', 'department or position')
      .option('--parent <unit>', 'parent department (required for a position)')
      .option('--head <name>', 'who heads it')
      .option('--duties <text>', 'its duties')
      .action((code: string, opts: UnitAddOptions) => unitAddRun(ctx, code, opts)),
    'icm unit add IT --name 信息技术部 --kind department --head 张伟',
    'icm unit add IT-HD --name IT服务台 --kind position --parent IT',
  )
}

export interface UnitAddOptions {
  name?: string
  kind?: string
  parent?: string
  head?: string
  duties?: string
}

export async function unitAddRun(ctx: AppContext, code: string, opts: UnitAddOptions): Promise<void> {
  const unitCode = checkUnitCode(code)
  const name = checkName(await need(ctx, opts.name, { flag: '--name', message: 'Name of the unit', check: (v) => checkName(v, '--name') }), '--name')
  const kind = parseUnitKind(await need(ctx, opts.kind, { flag: '--kind', message: 'Kind', choices: UNIT_KINDS }))
  const store = await ctx.store()
  const row = await store.write(async (trx) => {
    const existing = await findUnitByCode(trx, unitCode)
    if (existing) throw new ConflictError(`unit ${existing.code} already exists`, `choose another code, or change it with icm unit update ${existing.code}`)
    const parent = opts.parent ? await requireUnit(trx, opts.parent, 'parent unit') : null
    checkParentKind(unitCode, kind, parent)
    const created = await insertUnit(trx, { code: unitCode, name, kind, parentId: parent?.id ?? null, head: optionalText(opts.head), duties: optionalText(opts.duties) }, ctx.now())
    await appendEvent(trx, ctx.event('unit.add', created.code, { name, kind, parent: parent?.code ?? null, head: created.head, duties: created.duties }))
    return created
  })
  const codes = await unitCodesById(store.db)
  if (ctx.json) printEntity(ctx, unitJson(row, codes), [])
  confirm(ctx, `${row.kind} ${row.code} ${row.name} added`)
}
