import { sql } from 'kysely'
import { afterEach, describe, expect, it } from 'vitest'
import { ChainVerifier, GENESIS_HASH, eventHash } from '../../src/domain/event-chain.js'
import { tableRowsHash } from '../../src/domain/assessment/table-hash.js'
import { verifyEventChain } from '../../src/storage/check-repo.js'
import type { Store } from '../../src/storage/database.js'
import { appendEvent, eventsAfter } from '../../src/storage/events-repo.js'
import { MIGRATIONS } from '../../src/storage/migrations/index.js'
import { openStore } from '../../src/storage/open.js'
import { nextCode } from '../../src/storage/sequences-repo.js'
import { BACKEND, tempDir, testDatabase } from '../helpers/harness.js'

const stores: Store[] = []
afterEach(async () => {
  while (stores.length) await stores.pop()!.close()
})
async function open(location: string, migrations = MIGRATIONS): Promise<Store> {
  const s = await openStore(location, { migrations })
  stores.push(s)
  return s
}
const BEFORE_CHAIN = Object.fromEntries(Object.entries(MIGRATIONS).filter(([name]) => name < '2026_11_28_001_event_chain'))

describe(`the event chain migration (${BACKEND})`, () => {
  it('chains the events already there in id order, hashes the tables already final, and keeps the log append-only', async () => {
    const location = testDatabase(tempDir())
    const old = await open(location, BEFORE_CHAIN)
    await old.write(async (trx) => {
      const db = trx as any
      for (const [i, action] of ['unit.add', 'report.reveal', 'assess.finalize'].entries()) {
        await db.insertInto('events').values({ at: `2026-06-0${i + 1}T02:00:00.000Z`, actor: 'admin', host: 'pc', action, entity: i === 1 ? 'RPT-0001' : null, details: `{"n":${i}}` }).execute()
      }
      const unit = await db.insertInto('units').values({ code: 'IT', name: '信息技术部', kind: 'department', created_at: 'x', updated_at: 'x' }).returning('id').executeTakeFirstOrThrow()
      for (const [period, state] of [['2026-H1', 'final'], ['2026-H2', 'draft']]) {
        await db.insertInto('assessments').values({ period, level: 'department', state, policy: '{}', inputs_hash: 'h', computed_at: 'x', finalized_at: null, finalized_by: null }).execute()
        await db
          .insertInto('assessment_rows')
          .values({ period, unit_id: unit.id, position: 1, code: 'IT', name: '信息技术部', s: 75.5, t: 100, c: null, h: 90, self: 80, superior: 90, total: 83.4, rank: 1, grade: 'B', bonus: 1.1, details: '{"a":1}' })
          .execute()
      }
    })
    await old.close()
    stores.pop()

    const store = await open(location)
    const rows = await eventsAfter(store.db, 0, 10)
    expect(rows.map((r) => r.seq)).toEqual([1, 2, 3])
    expect(rows[0]!.prev_hash).toBe(GENESIS_HASH)
    expect(rows[0]!.hash).toBe(eventHash({ seq: 1, at: '2026-06-01T02:00:00.000Z', actor: 'admin', host: 'pc', action: 'unit.add', entity: null, details: '{"n":0}' }, GENESIS_HASH))
    expect(rows[1]!.prev_hash).toBe(rows[0]!.hash)
    expect(rows[2]!.prev_hash).toBe(rows[1]!.hash)
    expect(await verifyEventChain(store)).toMatchObject({ events: 3, breaks: 0, head: { seq: 3, hash: rows[2]!.hash } })

    const tables = await store.db.selectFrom('assessments').select(['period', 'rows_hash']).orderBy('period').execute()
    const final = await store.db.selectFrom('assessment_rows').selectAll().where('period', '=', '2026-H1').execute()
    expect(tables).toEqual([
      { period: '2026-H1', rows_hash: tableRowsHash('2026-H1', final) },
      { period: '2026-H2', rows_hash: null },
    ])

    await expect(sql`update events set actor = 'mallory'`.execute(store.db)).rejects.toThrow(/append-only/)
    await expect(sql`delete from events`.execute(store.db)).rejects.toThrow(/append-only/)
    await store.write((trx) => appendEvent(trx, { at: new Date('2026-07-01T02:00:00Z'), actor: 'a', host: 'h', action: 'db.init', entity: null, details: {} }))
    expect(await verifyEventChain(store)).toMatchObject({ events: 4, breaks: 0, head: { seq: 4 } })
  })
})

describe.skipIf(BACKEND !== 'postgres')('the event chain under concurrent writers (PostgreSQL)', () => {
  // Writers of different series (and writers that take no code at all) hold no common row lock:
  // only the chain lock keeps them from reading the same previous hash (without it this test fails).
  it('400 transactions at once on 4 connection pools, of 4 code series: distinct codes, one unbroken chain', { timeout: 120_000 }, async () => {
    const location = testDatabase(tempDir())
    const pool = [await open(location), await open(location), await open(location), await open(location)]
    const series = ['REQ', 'CMP', 'ACT', null]
    const codes = await Promise.all(
      Array.from({ length: 400 }, (_, i) =>
        pool[i % 4]!.write(async (trx) => {
          const prefix = series[i % 4]
          const code = prefix ? await nextCode(trx, prefix) : null
          await appendEvent(trx, { at: new Date('2026-07-01T02:00:00Z'), actor: `w${i % 4}`, host: 'h', action: prefix ? 'x.log' : 'unit.add', entity: code, details: { i } })
          return code
        }),
      ),
    )
    expect(new Set(codes.filter((c) => c !== null)).size).toBe(300)
    const report = await verifyEventChain(pool[0]!)
    expect(report).toMatchObject({ events: 400, breaks: 0, firstBreak: null, head: { seq: 400 } })
    // and the verifier does notice a break in such a log: the same rows with one seq dropped
    const v = new ChainVerifier()
    for (const r of (await eventsAfter(pool[0]!.db, 0, 1000)).filter((e) => e.seq !== 200)) v.push(r)
    expect(v.finish().firstBreak).toMatchObject({ kind: 'deleted' })
  })
})
