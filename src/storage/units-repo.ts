import type { Kysely } from 'kysely'
import type { DB, NewUnit, UnitRow, UnitUpdate } from './schema.js'

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

export async function insertUnit(db: Kysely<DB>, unit: NewUnit): Promise<UnitRow> {
  return db.insertInto('units').values(unit).returningAll().executeTakeFirstOrThrow()
}

export async function updateUnit(db: Kysely<DB>, id: number, changes: UnitUpdate): Promise<UnitRow> {
  return db.updateTable('units').set(changes).where('id', '=', id).returningAll().executeTakeFirstOrThrow()
}

/** Active units whose parent is `id`. */
export async function listChildren(db: Kysely<DB>, id: number): Promise<UnitRow[]> {
  return db.selectFrom('units').selectAll().where('parent_id', '=', id).orderBy('code').execute()
}

/** Code of every unit by id, for turning foreign keys back into codes in output. */
export async function unitCodesById(db: Kysely<DB>): Promise<Map<number, string>> {
  const rows = await db.selectFrom('units').select(['id', 'code']).execute()
  return new Map(rows.map((r) => [r.id, r.code]))
}
