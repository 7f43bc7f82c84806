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
import { t } from '../../domain/i18n/catalog.js'

/** Changing a unit, and deactivating it (kept for history). */
export function registerUpdate(unit: Command, ctx: AppContext): void {
  example(
    unit
      .command('update')
      .description(t('unit.update.description'))
      .argument('<unit>', t('unit.ref'))
      .option('--name <name>', t('unit.update.name'))
      .option('--head <name>', t('unit.update.head'))
      .option('--duties <text>', t('unit.update.duties'))
      .option('--parent <unit>', t('unit.update.parent'))
      .action((ref: string, opts: UnitUpdateOptions) => unitUpdateRun(ctx, ref, opts)),
    'icm unit update IT --head 李娜 --duties "IT service desk, networks, ERP"',
  )
}

export function registerDeactivate(unit: Command, ctx: AppContext): void {
  example(
    yesOption(unit.command('deactivate').description(t('unit.deactivate.description')).argument('<unit>', t('unit.ref')), t('unit.deactivate.yes')).action(
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
    throw new UsageError(t('unit.update.nothing'), t('unit.update.nothing.hint'))
  }
  const name = opts.name === undefined ? undefined : checkName(opts.name, '--name')
  const store = await ctx.store()
  const row = await store.write(async (trx) => {
    const u = await requireUnit(trx, ref)
    const parent = opts.parent === undefined ? undefined : await requireUnit(trx, opts.parent, t('unit.parentWhat'))
    if (parent) {
      checkParentKind(u.code, u.kind, parent)
      if (await wouldLoop(trx, u.id, parent.id)) throw new UserError(t('unit.update.loop', { parent: parent.code, code: u.code }))
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
  confirm(ctx, t('unit.updated', { code: row.code }))
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
  if (u.active === 0) throw new UserError(t('unit.deactivate.already', { code: u.code }))
  const active = (await listChildren(store.db, u.id)).filter((c) => c.active === 1)
  if (active.length > 0) {
    throw new UserError(t('unit.deactivate.hasChildren', { code: u.code, codes: active.map((c) => c.code).join(', ') }), t('unit.deactivate.hasChildren.hint'))
  }
  if (!(await confirmDestructive(ctx, t('unit.deactivate.ask', { code: u.code, name: u.name }), opts.yes))) {
    ctx.io.err(`${t('unit.cancelled')}\n`)
    return
  }
  const row = await store.write(async (trx) => {
    const updated = await updateUnit(trx, u.id, { active: false }, ctx.now())
    await appendEvent(trx, ctx.event('unit.deactivate', u.code, {}))
    return updated
  })
  if (ctx.json) printEntity(ctx, unitJson(row, await unitCodesById(store.db)), [])
  confirm(ctx, t('unit.deactivated', { code: u.code }))
}
