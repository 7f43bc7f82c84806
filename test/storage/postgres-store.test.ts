import { sql } from 'kysely'
import { afterEach, describe, expect, it } from 'vitest'
import type { Store } from '../../src/storage/database.js'
import { appendEvent, listEvents } from '../../src/storage/events-repo.js'
import { openStore } from '../../src/storage/open.js'
import { parsePgUrl } from '../../src/storage/postgres-store.js'
import { nextCode } from '../../src/storage/sequences-repo.js'
import { tempDir, testDatabase } from '../helpers/harness.js'

const pg = process.env.ICM_TEST_PG_URL
const stores: Store[] = []
afterEach(async () => {
  while (stores.length) await stores.pop()!.close()
})
async function open(url = testDatabase(tempDir(), 'icm.db', 'postgres')): Promise<Store> {
  const s = await openStore(url)
  stores.push(s)
  return s
}
const event = (action: string) => ({ at: new Date('2026-03-02T01:00:00Z'), actor: 'a', host: 'h', action, entity: 'X', details: {} })

describe('PostgreSQL URLs', () => {
  it('names the server without its password', () => {
    const t = parsePgUrl('postgres://icm:s%40cret@db.example.com:6543/company?schema=icm_prod')
    expect(t).toMatchObject({ host: 'db.example.com', port: '6543', database: 'company', user: 'icm', schema: 'icm_prod' })
    expect(t.display).toBe('postgres://icm@db.example.com:6543/company?schema=icm_prod')
    expect(t.display).not.toContain('cret')
  })

  it.each(['postgres://u@h/db?schema=Bad-Name', 'mysql://u@h/db'])('refuses %s', (url) => {
    expect(() => parsePgUrl(url)).toThrow()
  })
})

describe.skipIf(!pg)('the PostgreSQL store', () => {
  it('keeps the event table append-only (a trigger raises on UPDATE and DELETE)', async () => {
    const store = await open()
    await store.write((trx) => appendEvent(trx, event('unit.add')))
    await expect(sql`update events set actor = 'mallory'`.execute(store.db)).rejects.toThrow(/append-only/)
    await expect(sql`delete from events`.execute(store.db)).rejects.toThrow(/append-only/)
    expect(await listEvents(store.db, { limit: 10 })).toHaveLength(1)
  })

  it('never hands out the same code twice to transactions running at once', async () => {
    const url = testDatabase(tempDir(), 'icm.db', 'postgres')
    const store = await open(url)
    const other = await open(url)
    const codes = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? store : other).write((trx) => nextCode(trx, 'REQ'))))
    expect(new Set(codes).size).toBe(20)
    expect([...codes].sort().at(-1)).toBe('REQ-0020')
  })

  it('rolls back every write of a failed transaction', async () => {
    const store = await open()
    await expect(
      store.write(async (trx) => {
        await appendEvent(trx, event('x'))
        throw new Error('boom')
      }),
    ).rejects.toThrow('boom')
    expect(await listEvents(store.db, { limit: 10 })).toEqual([])
  })

  it("shows kysely's Migrator the tables of its own schema only (another schema may be dropped meanwhile)", async () => {
    const mine = await open()
    const other = await open()
    const schemaOf = async (s: Store) => (await sql<{ s: string }>`select current_schema() as s`.execute(s.db)).rows[0]!.s
    const tables = await mine.db.introspection.getTables()
    expect(new Set(tables.map((t) => t.schema))).toEqual(new Set([await schemaOf(mine)]))
    expect(tables.map((t) => t.name)).toEqual(expect.arrayContaining(['icm_migration', 'icm_migration_lock', 'units', 'events']))
    expect((await mine.db.introspection.getSchemas()).map((s) => s.name)).toEqual(expect.arrayContaining([await schemaOf(mine), await schemaOf(other)]))
  })
})
