import type { Kysely } from 'kysely'
import type { Dependency, Link } from '../domain/org/customer-map.js'
import type { DB, DependencyRow, LinkRow } from './schema.js'

/** Position dependencies (position-function analysis) and manual supplier→customer links, as domain values. */
export interface Recorded {
  id: number
  createdAt: Date
}

export async function insertDependency(db: Kysely<DB>, d: Dependency, at: Date): Promise<Dependency & Recorded> {
  const values = { customer_id: d.customerId, supplier_id: d.supplierId, support: d.support, created_at: at.toISOString() }
  return dependencyOf(await db.insertInto('dependencies').values(values).returningAll().executeTakeFirstOrThrow())
}

/** Every dependency, in the order recorded. */
export async function listDependencies(db: Kysely<DB>): Promise<(Dependency & Recorded)[]> {
  return (await db.selectFrom('dependencies').selectAll().orderBy('id').execute()).map(dependencyOf)
}

export async function insertLink(db: Kysely<DB>, l: Link, at: Date): Promise<Link & Recorded> {
  const values = { supplier_id: l.supplierId, customer_id: l.customerId, provides: l.provides, created_at: at.toISOString() }
  return linkOf(await db.insertInto('links').values(values).returningAll().executeTakeFirstOrThrow())
}

/** Every link, in the order recorded. */
export async function listLinks(db: Kysely<DB>): Promise<(Link & Recorded)[]> {
  return (await db.selectFrom('links').selectAll().orderBy('id').execute()).map(linkOf)
}

function dependencyOf(r: DependencyRow): Dependency & Recorded {
  return { id: r.id, customerId: r.customer_id, supplierId: r.supplier_id, support: r.support, createdAt: new Date(r.created_at) }
}

function linkOf(r: LinkRow): Link & Recorded {
  return { id: r.id, supplierId: r.supplier_id, customerId: r.customer_id, provides: r.provides, createdAt: new Date(r.created_at) }
}
