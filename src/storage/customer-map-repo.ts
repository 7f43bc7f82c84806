import type { Kysely } from 'kysely'
import { deriveCustomerMap, type MapPair } from '../domain/org/customer-map.js'
import { listAllSteps } from './processes-repo.js'
import { listDependencies, listLinks } from './relations-repo.js'
import type { DB } from './schema.js'
import { listUnits } from './units-repo.js'

/** The internal customer map, derived from processes, dependencies and links each time it is asked for (DESIGN.md §2). */
export async function loadCustomerMap(db: Kysely<DB>): Promise<MapPair[]> {
  const [units, steps, dependencies, links] = await Promise.all([listUnits(db, { includeInactive: true }), listAllSteps(db), listDependencies(db), listLinks(db)])
  return deriveCustomerMap({
    units: units.map((u) => ({ id: u.id, code: u.code, name: u.name, active: u.active === 1 })),
    steps: steps.map((s) => ({
      processCode: s.process_code,
      seq: s.seq,
      unitId: s.unit_id,
      output: s.output,
      afterSeqs: s.after_seqs === '' ? [] : s.after_seqs.split(',').map(Number),
    })),
    dependencies: dependencies.map((d) => ({ customerId: d.customer_id, supplierId: d.supplier_id, support: d.support })),
    links: links.map((l) => ({ supplierId: l.supplier_id, customerId: l.customer_id, provides: l.provides })),
  })
}
