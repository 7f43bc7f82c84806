import type { Kysely } from 'kysely'
import { normaliseInput } from '../domain/calendar/written-forms.js'
import { NotFoundError, UserError } from '../domain/errors.js'
import { quote } from '../domain/excerpt.js'
import { t } from '../domain/i18n/catalog.js'
import { createUnitResolver, foldUnitName, regionalVariants } from '../domain/org/unit-names.js'
import { suggestUnits } from '../domain/org/unit-suggestions.js'
import type { DB, ServiceRow, UnitRow } from '../storage/schema.js'
import { findServiceByCode } from '../storage/services-repo.js'
import { findUnitByCode, findUnitsByName, listUnits } from '../storage/units-repo.js'

/**
 * What a command names by code or name, found or refused in one way everywhere: NotFoundError
 * (exit 4) with a hint to the list that shows what exists. Repositories return undefined.
 */

/**
 * A unit by code (any case, full-width letters too), exact name, or its name in traditional
 * Chinese or with a regional word (財務部, 資訊部); NotFoundError (exit 4) with up to three
 * "did you mean" suggestions otherwise. A name that fits two units is refused (exit 3), naming both.
 */
export async function requireUnit(db: Kysely<DB>, ref: string, what = t('lookup.unit')): Promise<UnitRow> {
  const text = normaliseInput(ref)
  const byCode = await findUnitByCode(db, text)
  if (byCode) return byCode
  const byName = await findUnitsByName(db, text)
  if (byName.length === 1) return byName[0]!
  if (byName.length > 1) throw ambiguous(what, ref, byName)
  // the slower path, only for a reference that is neither a code nor an exact name
  const units = await listUnits(db, { includeInactive: true })
  const found = createUnitResolver(units)(text)
  if (found.ok) return units.find((u) => u.id === found.id)!
  if (found.reason === 'ambiguous') {
    const folded = foldUnitName(text)
    const variants = new Set([folded, ...regionalVariants(text)])
    throw ambiguous(what, ref, units.filter((u) => variants.has(foldUnitName(u.name)) || regionalVariants(u.name).some((v) => variants.has(v))))
  }
  const suggestions = suggestUnits(units.filter((u) => u.active === 1), text)
  throw new NotFoundError(
    t('lookup.unknownUnit', { what, ref: quote(ref) }),
    suggestions.length > 0 ? t('lookup.didYouMean', { units: suggestions.map((u) => `${u.code} ${u.name}`).join(t('lookup.or')) }) : t('lookup.unknownUnit.hint'),
  )
}

function ambiguous(what: string, ref: string, units: readonly UnitRow[]): UserError {
  return new UserError(t('lookup.ambiguousUnit', { what, ref: quote(ref), units: units.map((u) => `${u.code} ${u.name}`).join(', ') }), t('lookup.ambiguousUnit.hint'))
}

/** A catalogue service by code (any case). */
export async function requireService(db: Kysely<DB>, code: string): Promise<ServiceRow> {
  const s = await findServiceByCode(db, normaliseInput(code))
  if (!s) throw new NotFoundError(t('lookup.unknownService', { code: quote(code) }), t('lookup.unknownService.hint'))
  return s
}
