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
import { label, t } from '../../domain/i18n/catalog.js'

export function registerAdd(unit: Command, ctx: AppContext): void {
  example(
    unit
      .command('add')
      .description(t('unit.add.description'))
      .argument('<code>', t('unit.add.code'))
      .option('--name <name>', t('unit.add.name'))
      .option('--kind <kind>', t('unit.add.kind'))
      .option('--parent <unit>', t('unit.add.parent'))
      .option('--head <name>', t('unit.add.head'))
      .option('--duties <text>', t('unit.add.duties'))
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
  const name = checkName(await need(ctx, opts.name, { flag: '--name', message: t('unit.add.askName'), check: (v) => checkName(v, '--name') }), '--name')
  const kind = parseUnitKind(await need(ctx, opts.kind, { flag: '--kind', message: t('unit.add.askKind'), choices: UNIT_KINDS.map((k) => label('unitKind', k)) }))
  const store = await ctx.store()
  const row = await store.write(async (trx) => {
    const existing = await findUnitByCode(trx, unitCode)
    if (existing) throw new ConflictError(t('unit.exists', { code: existing.code }), t('unit.exists.hint', { code: existing.code }))
    const parent = opts.parent ? await requireUnit(trx, opts.parent, t('unit.parentWhat')) : null
    checkParentKind(unitCode, kind, parent)
    const created = await insertUnit(trx, { code: unitCode, name, kind, parentId: parent?.id ?? null, head: optionalText(opts.head), duties: optionalText(opts.duties) }, ctx.now())
    await appendEvent(trx, ctx.event('unit.add', created.code, { name, kind, parent: parent?.code ?? null, head: created.head, duties: created.duties }))
    return created
  })
  const codes = await unitCodesById(store.db)
  if (ctx.json) printEntity(ctx, unitJson(row, codes), [])
  confirm(ctx, t('unit.added', { kind: label('unitKind', row.kind), code: row.code, name: row.name }))
}
