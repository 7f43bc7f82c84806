import type { Command } from 'commander'
import type { AppContext } from '../../cli/context.js'
import { example } from '../../cli/help.js'
import { requireUnit } from '../../cli/lookups.js'
import { printEntity, printRows } from '../../cli/output.js'
import { parseUnitKind } from '../../domain/org/unit.js'
import type { UnitRow } from '../../storage/schema.js'
import { listChildren, listUnits, unitCodesById } from '../../storage/units-repo.js'
import { unitJson } from './views.js'

/** Reading units: the list, and one unit with the units under it. */
export function registerList(unit: Command, ctx: AppContext): void {
  example(
    unit
      .command('list')
      .description('List units (active ones unless --all)')
      .option('--kind <kind>', 'only departments or only positions')
      .option('--all', 'include deactivated units')
      .action((opts: UnitListOptions) => unitListRun(ctx, opts)),
    'icm unit list --kind department',
  )
}

export function registerShow(unit: Command, ctx: AppContext): void {
  example(
    unit
      .command('show')
      .description('Show one unit and the units under it')
      .argument('<unit>', 'unit code or exact name')
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
    { header: 'code', value: (u: UnitRow) => u.code },
    { header: 'name', value: (u: UnitRow) => u.name },
    { header: 'kind', value: (u: UnitRow) => u.kind },
    { header: 'parent', value: (u: UnitRow) => (u.parent_id === null ? '' : codes.get(u.parent_id)) },
    { header: 'head', value: (u: UnitRow) => u.head },
    ...(opts.all ? [{ header: 'active', value: (u: UnitRow) => u.active === 1 }] : []),
  ]
  await printRows(ctx, rows, columns, { csv: ctx.csv, json: (u) => unitJson(u, codes), empty: 'no units yet (add one with icm unit add, or icm unit import FILE.csv)' })
}

export async function unitShowRun(ctx: AppContext, ref: string): Promise<void> {
  const store = await ctx.store()
  const u = await requireUnit(store.db, ref)
  const codes = await unitCodesById(store.db)
  const children = await listChildren(store.db, u.id)
  const json = { ...unitJson(u, codes), children: children.map((c) => ({ code: c.code, name: c.name, kind: c.kind, active: c.active === 1 })) }
  printEntity(ctx, json, [
    ['code', u.code],
    ['name', u.name],
    ['kind', u.kind],
    ['parent', json.parent],
    ['head', u.head],
    ['duties', u.duties],
    ['active', u.active === 1],
    ['units under it', children.map((c) => `${c.code} ${c.name}${c.active === 1 ? '' : ' (inactive)'}`)],
    ['created', json.createdAt],
    ['updated', json.updatedAt],
  ])
}
