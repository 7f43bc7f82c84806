import { afterEach } from 'vitest'
import type { Kysely } from 'kysely'
import { boundsOf, parsePeriod, type PeriodBounds } from '../../src/domain/calendar/period.js'
import type { Store } from '../../src/storage/database.js'
import { openStore } from '../../src/storage/open.js'
import type { DB } from '../../src/storage/schema.js'
import { tempDir, testDatabase } from './harness.js'

/**
 * Repository tests: a new migrated database of the test backend (an SQLite file, or a PostgreSQL
 * schema in vitest's postgres project), closed after the test, and the few rows most tests need.
 */

const stores: Store[] = []
afterEach(async () => {
  while (stores.length) await stores.pop()!.close()
})

/** A new, migrated, empty database of the test backend; closed after the test. */
export async function repoStore(): Promise<Store> {
  const store = await openStore(testDatabase(tempDir('icm-repo-')))
  stores.push(store)
  return store
}

/** Units by code (named '<code>部'), each under its parent when `parents` names one; their ids by code. */
export async function addUnits(db: Kysely<DB>, codes: readonly string[], parents: Record<string, string> = {}): Promise<Record<string, number>> {
  const ids: Record<string, number> = {}
  for (const code of codes) {
    const parent = parents[code]
    const row = await db
      .insertInto('units')
      .values({
        code,
        name: `${code}部`,
        kind: 'department',
        parent_id: parent === undefined ? null : ids[parent]!,
        head: null,
        duties: null,
        active: 1,
        created_at: '2026-01-01T00:00:00.000Z',
        updated_at: '2026-01-01T00:00:00.000Z',
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    ids[code] = row.id
  }
  return ids
}

/** The bounds of a period, as a command makes them from --period. */
export function bounds(period: string): PeriodBounds {
  return boundsOf(parsePeriod(period))
}
