import type { Command } from 'commander'
import type { Kysely } from 'kysely'
import type { AppContext } from '../../cli/context.js'
import { readCsvFile } from '../../cli/files.js'
import { confirm, printEntity, printRows, shownInstant } from '../../cli/output.js'
import { confirmDestructive, need } from '../../cli/prompt.js'
import { ConflictError, ExitCode, UsageError, UserError, errorWithCode } from '../../domain/errors.js'
import { excerpt } from '../../domain/excerpt.js'
import { describeBadLines } from '../../domain/bad-lines.js'
import { UNIT_IMPORT_HEADERS, planUnitImport, type ImportProblem, type UnitImportRow } from '../../domain/org/unit-import.js'
import { UNIT_KINDS, checkName, checkParentKind, checkUnitCode, makesCycle, parseUnitKind, type UnitKind } from '../../domain/org/unit.js'
import { appendEvent } from '../../storage/events-repo.js'
import type { DB, UnitRow } from '../../storage/schema.js'
import { findUnitByCode, insertUnit, listChildren, listUnits, unitCodesById, updateUnit } from '../../storage/units-repo.js'
import { example } from '../../cli/help.js'
import { requireUnit } from '../../cli/lookups.js'

/** The JSON of a unit: codes, not ids. */
export function unitJson(u: UnitRow, codes: ReadonlyMap<number, string>) {
  return {
    code: u.code,
    name: u.name,
    kind: u.kind,
    parent: u.parent_id === null ? null : (codes.get(u.parent_id) ?? null),
    head: u.head,
    duties: u.duties,
    active: u.active === 1,
    createdAt: shownInstant(u.created_at),
    updatedAt: shownInstant(u.updated_at),
  }
}

export function registerUnit(program: Command, ctx: AppContext): void {
  const unit = program.command('unit').description('Units: departments and positions, the internal customers and suppliers')

  example(
    unit
      .command('add')
      .description('Add a department or a position')
      .argument('<code>', 'unit code, e.g. IT or IT-HD')
      .option('--name <name>', 'name, any language')
      .option('--kind <kind>', 'department or position')
      .option('--parent <unit>', "parent department (required for a position)")
      .option('--head <name>', 'who heads it')
      .option('--duties <text>', 'its duties')
      .action((code: string, opts: UnitAddOptions) => unitAddRun(ctx, code, opts)),
    'icm unit add IT --name 信息技术部 --kind department --head 张伟',
    'icm unit add IT-HD --name IT服务台 --kind position --parent IT',
  )

  example(
    unit
      .command('list')
      .description('List units (active ones unless --all)')
      .option('--kind <kind>', 'only departments or only positions')
      .option('--all', 'include deactivated units')
      .action((opts: { kind?: string; all?: boolean; csv?: boolean }) => unitListRun(ctx, opts)),
    'icm unit list --kind department',
  )

  example(
    unit
      .command('show')
      .description('Show one unit and the units under it')
      .argument('<unit>', 'unit code or exact name')
      .action((ref: string) => unitShowRun(ctx, ref)),
    'icm unit show IT',
  )

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

  example(
    unit
      .command('deactivate')
      .description('Deactivate a unit: kept for history, hidden from lists unless --all')
      .argument('<unit>', 'unit code or exact name')
      .option('--yes', 'do not ask to confirm')
      .action((ref: string, opts: { yes?: boolean }) => unitDeactivateRun(ctx, ref, opts)),
    'icm unit deactivate WH-KEEPER --yes',
  )

  example(
    unit
      .command('import')
      .description('Import units from CSV (code,name,kind,parent,head,duties), all or nothing')
      .argument('<file>', 'CSV file with a header line (- reads stdin)')
      .action((file: string) => unitImportRun(ctx, file)),
    'icm unit import org.csv',
  )
}

interface UnitAddOptions {
  name?: string
  kind?: string
  parent?: string
  head?: string
  duties?: string
}

export async function unitAddRun(ctx: AppContext, code: string, opts: UnitAddOptions): Promise<void> {
  const unitCode = checkUnitCode(code)
  const name = checkName(await need(ctx, opts.name, { flag: '--name', message: 'Name of the unit' }), '--name')
  const kind = parseUnitKind(await need(ctx, opts.kind, { flag: '--kind', message: 'Kind', choices: UNIT_KINDS }))
  const store = await ctx.store()
  const row = await store.write(async (trx) => {
    const existing = await findUnitByCode(trx, unitCode)
    if (existing) throw new ConflictError(`unit ${existing.code} already exists`, `choose another code, or change it with icm unit update ${existing.code}`)
    const parent = opts.parent ? await requireUnit(trx, opts.parent, 'parent unit') : null
    checkParentKind(unitCode, kind, parent)
    const now = ctx.now().toISOString()
    const created = await insertUnit(trx, {
      code: unitCode,
      name,
      kind,
      parent_id: parent?.id ?? null,
      head: blankToNull(opts.head),
      duties: blankToNull(opts.duties),
      active: 1,
      created_at: now,
      updated_at: now,
    })
    await appendEvent(trx, ctx.event('unit.add', created.code, { name, kind, parent: parent?.code ?? null, head: created.head, duties: created.duties }))
    return created
  })
  const codes = await unitCodesById(store.db)
  if (ctx.json) printEntity(ctx, unitJson(row, codes), [])
  confirm(ctx, `${row.kind} ${row.code} ${row.name} added`)
}

export async function unitListRun(ctx: AppContext, opts: { kind?: string; all?: boolean; csv?: boolean }): Promise<void> {
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

interface UnitUpdateOptions {
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
    const changes: Record<string, unknown> = {}
    if (name !== undefined && name !== u.name) changes.name = name
    if (opts.head !== undefined && blankToNull(opts.head) !== u.head) changes.head = blankToNull(opts.head)
    if (opts.duties !== undefined && blankToNull(opts.duties) !== u.duties) changes.duties = blankToNull(opts.duties)
    let parentCode: string | undefined
    if (opts.parent !== undefined) {
      const parent = await requireUnit(trx, opts.parent, 'parent unit')
      checkParentKind(u.code, u.kind, parent)
      if (await wouldLoop(trx, u.id, parent.id)) throw new UserError(`${parent.code} cannot be the parent of ${u.code}: ${parent.code} is under ${u.code}`)
      if (parent.id !== u.parent_id) {
        changes.parent_id = parent.id
        parentCode = parent.code
      }
    }
    if (Object.keys(changes).length === 0) return u
    const updated = await updateUnit(trx, u.id, { ...changes, updated_at: ctx.now().toISOString() })
    const details: Record<string, unknown> = { ...changes }
    if (parentCode) {
      delete details.parent_id
      details.parent = parentCode
    }
    await appendEvent(trx, ctx.event('unit.update', u.code, details))
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

export async function unitDeactivateRun(ctx: AppContext, ref: string, opts: { yes?: boolean }): Promise<void> {
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
    const updated = await updateUnit(trx, u.id, { active: 0, updated_at: ctx.now().toISOString() })
    await appendEvent(trx, ctx.event('unit.deactivate', u.code, {}))
    return updated
  })
  if (ctx.json) printEntity(ctx, unitJson(row, await unitCodesById(store.db)), [])
  confirm(ctx, `unit ${u.code} deactivated`)
}

export async function unitImportRun(ctx: AppContext, file: string): Promise<void> {
  const { shown, header, rows } = readCsvFile(ctx, file)
  const fields = header.map((h) => UNIT_IMPORT_HEADERS[h.replace(/^\uFEFF/, '').trim().toLowerCase()])
  for (const need of ['code', 'name', 'kind'] as const) {
    if (!fields.includes(need)) {
      throw new UserError(`${shown}: no '${need}' column (its header: ${excerpt(header.join(','))})`, 'the header must name code,name,kind and may add parent,head,duties')
    }
  }
  const ignored = header.filter((_, i) => fields[i] === undefined)
  // A row cut short or malformed is a bad line whatever its cells say (DESIGN.md §8).
  const shapeProblems: ImportProblem[] = rows.flatMap((r) => (r.problem === undefined ? [] : [{ line: r.line, reason: r.problem, exitCode: ExitCode.invalid }]))
  const input: UnitImportRow[] = rows
    .filter((r) => r.problem === undefined)
    .map(({ line, cells }) => {
      const r: UnitImportRow = { line, code: '', name: '', kind: '', parent: '', head: '', duties: '' }
      fields.forEach((f, i) => {
        if (f) r[f] = cells[i] ?? ''
      })
      return r
    })
  if (rows.length === 0) throw new UserError(`${shown} has a header but no units`)
  const store = await ctx.store()
  const result = await store.write(async (trx) => {
    const existing = await listUnits(trx, { includeInactive: true })
    const plan = planUnitImport(input, new Map(existing.map((u) => [u.code.toUpperCase(), { code: u.code, kind: u.kind as UnitKind }])))
    const problems = [...shapeProblems, ...plan.problems].sort((a, b) => a.line - b.line)
    const first = problems[0]
    if (first) {
      throw errorWithCode(
        first.exitCode,
        `${shown} ${describeBadLines(first, problems.length)}; nothing imported`,
        'fix the file and import it again',
      )
    }
    const now = ctx.now().toISOString()
    const ids = new Map(existing.map((u) => [u.code.toUpperCase(), u.id]))
    for (const u of plan.units) {
      const row = await insertUnit(trx, { code: u.code, name: u.name, kind: u.kind, parent_id: null, head: u.head, duties: u.duties, active: 1, created_at: now, updated_at: now })
      ids.set(u.code.toUpperCase(), row.id)
    }
    for (const u of plan.units) {
      if (u.parent) await updateUnit(trx, ids.get(u.code.toUpperCase())!, { parent_id: ids.get(u.parent.toUpperCase())! })
    }
    await appendEvent(trx, ctx.event('unit.import', null, { file: shown, units: plan.units.map((u) => u.code) }))
    return plan.units
  })
  const summary = { file: shown, imported: result.length, units: result.map((u) => u.code), ignoredColumns: ignored }
  if (ctx.json) printEntity(ctx, summary, [])
  if (ignored.length > 0) ctx.io.err(`icm: ignored columns: ${excerpt(ignored.join(', '))}\n`)
  confirm(ctx, `${result.length} units imported from ${shown}`)
}

function blankToNull(v: string | undefined): string | null {
  if (v === undefined) return null
  const t = v.trim()
  return t === '' ? null : t
}
