import type { Kysely } from 'kysely'
import { NotFoundError, UserError } from '../domain/errors.js'
import { quote } from '../domain/excerpt.js'
import type { DB, ServiceRow, UnitRow } from '../storage/schema.js'
import { findServiceByCode } from '../storage/services-repo.js'
import { findUnitByCode, findUnitsByName } from '../storage/units-repo.js'

/**
 * What a command names by code or name, found or refused in one way everywhere: NotFoundError
 * (exit 4) with a hint to the list that shows what exists. Repositories return undefined.
 */

/** A unit by code (any case) or exact name; NotFoundError (exit 4) otherwise. */
export async function requireUnit(db: Kysely<DB>, ref: string, what = 'unit'): Promise<UnitRow> {
  const text = ref.trim()
  const byCode = await findUnitByCode(db, text)
  if (byCode) return byCode
  const byName = await findUnitsByName(db, text)
  if (byName.length === 1) return byName[0]!
  if (byName.length > 1) {
    throw new UserError(`${what} ${quote(ref)} is ambiguous: ${byName.map((u) => u.code).join(', ')} share that name`, 'use the unit code')
  }
  throw new NotFoundError(`unknown ${what} ${quote(ref)}`, 'see icm unit list')
}

/** A catalogue service by code (any case). */
export async function requireService(db: Kysely<DB>, code: string): Promise<ServiceRow> {
  const s = await findServiceByCode(db, code)
  if (!s) throw new NotFoundError(`unknown service '${code}'`, 'see icm service list')
  return s
}
