import type { Command } from 'commander'
import type { Kysely } from 'kysely'
import type { AppContext } from '../../cli/context.js'
import { example } from '../../cli/help.js'
import { requireUnit } from '../../cli/lookups.js'
import { optionalText, yesOption } from '../../cli/options.js'
import { confirm, printEntity } from '../../cli/output.js'
import { confirmDestructive } from '../../cli/prompt.js'
import { UsageError, UserError } from '../../domain/errors.js'
import { checkName, checkParentKind, makesCycle, unitChanges } from '../../domain/org/unit.js'
import { appendEvent } from '../../storage/events-repo.js'
import type { DB } from '../../storage/schema.js'
import { listChildren, listUnits, unitCodesById, updateUnit } from '../../storage/units-repo.js'
import { unitJson } from './views.js'

/** Changing a unit, and deactivating it (kept for history). */
export function registerUpdate(unit: Command, ctx: AppContext): void {
  example(
    unit
      .command('update')
      .description("Change a unit's name, head, duties or parent")
      .argument('<unit>', 'unit code or exact name')
      .option('--name <name>', 'new name')
      .option('--head <name>', 'new head ("" clears it)')
      .option('--duties <text>', 'new duties ("" clears them)')
      .option('--parent <unit>', 'new parent department')
      .action((ref: string, opts: UnitUpdateOptions) => unitUpdateRun(ctx, ref, opts)),
    'icm unit update IT --head 李娜 --duties "IT service desk, networks, ERP"',
  )
}

export function registerDeactivate(unit: Command, ctx: AppContext): void {
  example(
    yesOption(unit.command('deactivate').description('Deactivate a unit: kept for history, hidden from lists unless --all').argument('<unit>', 'unit code or exact name'), 'do not ask to confirm').action(
      (ref: string, opts: UnitDeactivateOptions) => unitDeactivateRun(ctx, ref, opts),
    ),
    'icm unit deactivate WH-KEEPER --yes',
  )
}

export interface UnitUpdateOptions {
  name?: string
  head?: string
  duties?: string
  parent?: string
}

export async function unitUpdateRun(ctx: AppContext, ref: string, opts: UnitUpdateOptions): Promise<void> {
  if (opts.name === undefined && opts.head === undefined && opts.duties === undefined && opts.parent === undefined) {
    throw new UsageError('nothing to update', 'give at least one of --name, --head, --duties, --parent')
  }
  const name = opts.name === undefined ? undefined : checkName(opts.name, '--name')
  const store = await ctx.store()
  const row = await store.write(async (trx) => {
    const u = await requireUnit(trx, ref)
    const parent = opts.parent === undefined ? undefined : await requireUnit(trx, opts.parent, 'parent unit')
    if (parent) {
      checkParentKind(u.code, u.kind, parent)
      if (await wouldLoop(trx, u.id, parent.id)) throw new UserError(`${parent.code} cannot be the parent of ${u.code}: ${parent.code} is under ${u.code}`)
    }
    const { parentId, ...changes } = unitChanges(
      { name: u.name, head: u.head, duties: u.duties, parentId: u.parent_id },
      { name, head: opts.head === undefined ? undefined : optionalText(opts.head), duties: opts.duties === undefined ? undefined : optionalText(opts.duties), parentId: parent?.id },
    )
    if (Object.keys(changes).length === 0 && parentId === undefined) return u
    const updated = await updateUnit(trx, u.id, { ...changes, parentId }, ctx.now())
    await appendEvent(trx, ctx.event('unit.update', u.code, parentId === undefined ? changes : { ...changes, parent: parent!.code }))
    return updated
  })
  const codes = await unitCodesById(store.db)
  if (ctx.json) printEntity(ctx, unitJson(row, codes), [])
  confirm(ctx, `unit ${row.code} updated`)
}

async function wouldLoop(db: Kysely<DB>, id: number, parentId: number): Promise<boolean> {
  const all = await listUnits(db, { includeInactive: true })
  return makesCycle(id, parentId, new Map(all.map((u) => [u.id, u.parent_id])))
}

export interface UnitDeactivateOptions {
  yes?: boolean
}

export async function unitDeactivateRun(ctx: AppContext, ref: string, opts: UnitDeactivateOptions): Promise<void> {
  const store = await ctx.store()
  const u = await requireUnit(store.db, ref)
  if (u.active === 0) throw new UserError(`unit ${u.code} is already inactive`)
  const active = (await listChildren(store.db, u.id)).filter((c) => c.active === 1)
  if (active.length > 0) {
    throw new UserError(`unit ${u.code} still has active units under it: ${active.map((c) => c.code).join(', ')}`, 'deactivate or move them first')
  }
  if (!(await confirmDestructive(ctx, `Deactivate ${u.code} ${u.name}? It will be hidden from lists and the customer map.`, opts.yes))) {
    ctx.io.err('cancelled; nothing changed\n')
    return
  }
  const row = await store.write(async (trx) => {
    const updated = await updateUnit(trx, u.id, { active: false }, ctx.now())
    await appendEvent(trx, ctx.event('unit.deactivate', u.code, {}))
    return updated
  })
  if (ctx.json) printEntity(ctx, unitJson(row, await unitCodesById(store.db)), [])
  confirm(ctx, `unit ${u.code} deactivated`)
}
