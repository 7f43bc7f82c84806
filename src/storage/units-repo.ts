import type { Kysely } from 'kysely'
import type { NewUnit, UnitChanges } from '../domain/org/unit.js'
import type { DB, UnitRow, UnitUpdate } from './schema.js'

export async function findUnitByCode(db: Kysely<DB>, code: string): Promise<UnitRow | undefined> {
  return db
    .selectFrom('units')
    .selectAll()
    .where((eb) => eb(eb.fn('upper', ['code']), '=', code.toUpperCase()))
    .executeTakeFirst()
}

export async function findUnitsByName(db: Kysely<DB>, name: string): Promise<UnitRow[]> {
  return db.selectFrom('units').selectAll().where('name', '=', name).orderBy('code').execute()
}

export async function findUnitById(db: Kysely<DB>, id: number): Promise<UnitRow | undefined> {
  return db.selectFrom('units').selectAll().where('id', '=', id).executeTakeFirst()
}

export interface UnitFilter {
  kind?: 'department' | 'position'
  includeInactive?: boolean
}

export async function listUnits(db: Kysely<DB>, f: UnitFilter = {}): Promise<UnitRow[]> {
  let q = db.selectFrom('units').selectAll()
  if (f.kind) q = q.where('kind', '=', f.kind)
  if (!f.includeInactive) q = q.where('active', '=', 1)
  return q.orderBy('code').execute()
}

/** Adds an active unit, created and updated at `at`. */
export async function insertUnit(db: Kysely<DB>, u: NewUnit, at: Date): Promise<UnitRow> {
  const now = at.toISOString()
  return db
    .insertInto('units')
    .values({ code: u.code, name: u.name, kind: u.kind, parent_id: u.parentId, head: u.head, duties: u.duties, active: 1, created_at: now, updated_at: now })
    .returningAll()
    .executeTakeFirstOrThrow()
}

/** Changes a unit; `at` (when given) becomes its updated time. */
export async function updateUnit(db: Kysely<DB>, id: number, c: UnitChanges, at?: Date): Promise<UnitRow> {
  const set: UnitUpdate = {}
  if (c.name !== undefined) set.name = c.name
  if (c.head !== undefined) set.head = c.head
  if (c.duties !== undefined) set.duties = c.duties
  if (c.parentId !== undefined) set.parent_id = c.parentId
  if (c.active !== undefined) set.active = c.active ? 1 : 0
  if (at) set.updated_at = at.toISOString()
  return db.updateTable('units').set(set).where('id', '=', id).returningAll().executeTakeFirstOrThrow()
}

/** The units (active or not) whose parent is `id`. */
export async function listChildren(db: Kysely<DB>, id: number): Promise<UnitRow[]> {
  return db.selectFrom('units').selectAll().where('parent_id', '=', id).orderBy('code').execute()
}

/** Code of every unit by id, for turning foreign keys back into codes in output. */
export async function unitCodesById(db: Kysely<DB>): Promise<Map<number, string>> {
  const rows = await db.selectFrom('units').select(['id', 'code']).execute()
  return new Map(rows.map((r) => [r.id, r.code]))
}
