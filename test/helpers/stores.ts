import { afterEach } from 'vitest'
import type { OpenOptions, Store } from '../../src/storage/database.js'
import { openStore } from '../../src/storage/open.js'
import { insertUnit } from '../../src/storage/units-repo.js'
import type { UnitKind } from '../../src/domain/org/unit.js'
import { BACKEND, tempDir, testDatabase } from './harness.js'

/**
 * Repository tests: a fresh database of the current backend (an SQLite file, or a PostgreSQL
 * schema of its own in vitest's postgres project), closed after the test.
 */
const open: Store[] = []
afterEach(async () => {
  while (open.length) await open.pop()!.close()
})

/** Opens (creating and migrating) a new database, or the one at `location`. */
export async function freshStore(location = testDatabase(tempDir()), opts: OpenOptions = {}): Promise<Store> {
  const s = await openStore(location, opts)
  open.push(s)
  return s
}

/** The fixed instant repository tests record things at. */
export const AT = new Date('2026-03-02T01:00:00.000Z')

/** Adds units (code, kind, parent code) and returns their ids by code. */
export async function addUnits(store: Store, units: readonly (readonly [code: string, kind?: UnitKind, parent?: string])[]): Promise<Map<string, number>> {
  const ids = new Map<string, number>()
  await store.write(async (trx) => {
    for (const [code, kind = 'department', parent] of units) {
      const u = await insertUnit(trx, { code, name: `${code} name`, kind, parentId: parent ? ids.get(parent)! : null, head: null, duties: null }, AT)
      ids.set(code, u.id)
    }
  })
  return ids
}

export { BACKEND }
