import { describe, expect, it } from 'vitest'
import { copySqliteToPostgres } from '../../src/storage/db-copy.js'
import { verifyEventChain } from '../../src/storage/check-repo.js'
import { appendEvent } from '../../src/storage/events-repo.js'
import { setMeta } from '../../src/storage/meta-repo.js'
import { findUnitByCode, insertUnit, listUnits } from '../../src/storage/units-repo.js'
import { tempDir, testDatabase } from '../helpers/harness.js'
import { AT, BACKEND, addUnits, freshStore } from '../helpers/stores.js'

/** An SQLite source with a unit hierarchy (units refer to themselves), events and a meta row. */
async function source() {
  const store = await freshStore(testDatabase(tempDir(), 'source.db', 'sqlite'))
  await addUnits(store, [['IT'], ['IT-HD', 'position', 'IT'], ['HR']])
  await store.write(async (trx) => {
    await appendEvent(trx, { at: AT, actor: 'admin', host: 'pc-1', action: 'unit.import', entity: null, details: { units: 3 } })
    await appendEvent(trx, { at: AT, actor: 'admin', host: 'pc-1', action: 'db.init', entity: null, details: {} })
    await setMeta(trx, 'demo', '1')
  })
  return store
}

describe.skipIf(BACKEND !== 'postgres')('copySqliteToPostgres (PostgreSQL)', () => {
  it('copies every table in one transaction, parents first, with matching row counts', async () => {
    const from = await source()
    const to = await freshStore()
    const progress: string[] = []
    const report = await copySqliteToPostgres(from.sqlite!, to.db, (t, n) => progress.push(`${t}:${n}`))
    const counts = new Map(report.tables.map((t) => [t.table, t.rows]))
    expect(counts.get('units')).toBe(3)
    expect(counts.get('events')).toBe(2)
    expect(counts.get('meta')).toBe(1)
    expect(counts.has('icm_migration')).toBe(false)
    expect(progress).toContain('units:3')
    const order = report.tables.map((t) => t.table)
    expect(order.indexOf('units')).toBeLessThan(order.indexOf('requests'))
    // the self-references come back in a second pass
    const hd = await findUnitByCode(to.db, 'IT-HD')
    expect(hd?.parent_id).toBe((await findUnitByCode(to.db, 'IT'))!.id)
    expect(await listUnits(to.db)).toEqual(await listUnits(from.db))
    // the event chain holds on the target
    expect(await verifyEventChain(to)).toMatchObject({ events: 2, breaks: 0 })
  })

  it('lets the target hand out ids after the copied ones', async () => {
    const from = await source()
    const to = await freshStore()
    await copySqliteToPostgres(from.sqlite!, to.db)
    const fin = await to.write((trx) => insertUnit(trx, { code: 'FIN', name: '财务部', kind: 'department', parentId: null, head: null, duties: null }, AT))
    expect(fin.id).toBe(4)
  })

  it('refuses a target that holds rows (exit 5) and copies nothing', async () => {
    const from = await source()
    const to = await freshStore()
    await addUnits(to, [['OPS']])
    await expect(copySqliteToPostgres(from.sqlite!, to.db)).rejects.toMatchObject({ exitCode: 5, message: expect.stringContaining('the target database is not empty (units hold rows); nothing copied') })
    expect((await listUnits(to.db)).map((u) => u.code)).toEqual(['OPS'])
  })
})
