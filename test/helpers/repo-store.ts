import { afterEach } from 'vitest'
import type { Store } from '../../src/storage/database.js'
import { openStore } from '../../src/storage/open.js'
import { insertUnit } from '../../src/storage/units-repo.js'
import { tempDir, testDatabase } from './harness.js'

/**
 * A fresh database of the current backend (SQLite, or a PostgreSQL schema in vitest's postgres
 * project) with a few units, for the repository tests; closed after each test.
 */
const stores: Store[] = []
afterEach(async () => {
  while (stores.length) await stores.pop()!.close()
})

export async function storeWithUnits(codes: readonly string[] = ['SALES', 'IT', 'HR', 'FIN']): Promise<{ store: Store; unit: (code: string) => number }> {
  const store = await openStore(testDatabase(tempDir()))
  stores.push(store)
  const ids = new Map<string, number>()
  await store.write(async (trx) => {
    for (const code of codes) {
      const u = await insertUnit(trx, { code, name: code, kind: 'department', parentId: null, head: null, duties: null }, new Date('2026-01-01T00:00:00.000Z'))
      ids.set(code, u.id)
    }
  })
  return { store, unit: (code) => ids.get(code)! }
}
