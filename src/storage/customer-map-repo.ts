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
    steps,
    dependencies,
    links,
  })
}
