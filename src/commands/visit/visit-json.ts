import { shownInstant } from '../../cli/output.js'
import type { VisitRow } from '../../storage/schema-surveys.js'

/** The JSON of a visit: unit codes, not ids. */
export function visitJson(v: VisitRow, codes: ReadonlyMap<number, string>) {
  return {
    code: v.code,
    supplier: codes.get(v.supplier_id) ?? null,
    customer: codes.get(v.customer_id) ?? null,
    date: v.date,
    satisfaction: v.satisfaction,
    notes: v.notes,
    createdAt: shownInstant(v.created_at),
  }
}
