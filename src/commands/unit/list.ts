import type { Command } from 'commander'
import type { AppContext } from '../../cli/context.js'
import { example } from '../../cli/help.js'
import { requireUnit } from '../../cli/lookups.js'
import { printEntity, printRows } from '../../cli/output.js'
import { parseUnitKind } from '../../domain/org/unit.js'
import type { UnitRow } from '../../storage/schema.js'
import { listChildren, listUnits, unitCodesById } from '../../storage/units-repo.js'
import { unitJson } from './views.js'
import { label, t } from '../../domain/i18n/catalog.js'

/** Reading units: the list, and one unit with the units under it. */
export function registerList(unit: Command, ctx: AppContext): void {
  example(
    unit
      .command('list')
      .description(t('unit.list.description'))
      .option('--kind <kind>', t('unit.list.kind'))
      .option('--all', t('unit.list.all'))
      .action((opts: UnitListOptions) => unitListRun(ctx, opts)),
    'icm unit list --kind department',
  )
}

export function registerShow(unit: Command, ctx: AppContext): void {
  example(
    unit
      .command('show')
      .description(t('unit.show.description'))
      .argument('<unit>', t('unit.ref'))
      .action((ref: string) => unitShowRun(ctx, ref)),
    'icm unit show IT',
  )
}

export interface UnitListOptions {
  kind?: string
  all?: boolean
}

export async function unitListRun(ctx: AppContext, opts: UnitListOptions): Promise<void> {
  const kind = opts.kind ? parseUnitKind(opts.kind) : undefined
  const store = await ctx.store()
  const rows = await listUnits(store.db, { kind, includeInactive: opts.all })
  const codes = await unitCodesById(store.db)
  const columns = [
    { header: 'code', title: t('unit.col.code'), value: (u: UnitRow) => u.code },
    { header: 'name', title: t('unit.col.name'), value: (u: UnitRow) => u.name },
    { header: 'kind', title: t('unit.col.kind'), enum: 'unitKind' as const, value: (u: UnitRow) => u.kind },
    { header: 'parent', title: t('unit.col.parent'), value: (u: UnitRow) => (u.parent_id === null ? '' : codes.get(u.parent_id)) },
    { header: 'head', title: t('unit.col.head'), value: (u: UnitRow) => u.head },
    ...(opts.all ? [{ header: 'active', title: t('unit.col.active'), value: (u: UnitRow) => u.active === 1 }] : []),
  ]
  await printRows(ctx, rows, columns, { csv: ctx.csv, json: (u) => unitJson(u, codes), empty: t('unit.list.empty') })
}

export async function unitShowRun(ctx: AppContext, ref: string): Promise<void> {
  const store = await ctx.store()
  const u = await requireUnit(store.db, ref)
  const codes = await unitCodesById(store.db)
  const children = await listChildren(store.db, u.id)
  const json = { ...unitJson(u, codes), children: children.map((c) => ({ code: c.code, name: c.name, kind: c.kind, active: c.active === 1 })) }
  printEntity(ctx, json, [
    ['code', u.code, t('unit.col.code')],
    ['name', u.name, t('unit.col.name')],
    ['kind', ctx.io.stdoutIsTTY ? label('unitKind', u.kind) : u.kind, t('unit.col.kind')],
    ['parent', json.parent, t('unit.col.parent')],
    ['head', u.head, t('unit.col.head')],
    ['duties', u.duties, t('unit.col.duties')],
    ['active', u.active === 1, t('unit.col.active')],
    ['units under it', children.map((c) => `${c.code} ${c.name}${c.active === 1 ? '' : t('unit.inactive')}`), t('unit.col.under')],
    ['created', json.createdAt, t('unit.col.created')],
    ['updated', json.updatedAt, t('unit.col.updated')],
  ])
}
