import { shownInstant } from '../../cli/output.js'
import type { UnitRow } from '../../storage/schema.js'

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
