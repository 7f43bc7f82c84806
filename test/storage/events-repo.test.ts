import { describe, expect, it } from 'vitest'
import { GENESIS_HASH, eventHash } from '../../src/domain/event-chain.js'
import { appendEvent, chainHead, eventsAfter, listEvents, type NewEvent } from '../../src/storage/events-repo.js'
import { BACKEND, freshStore } from '../helpers/stores.js'

const event = (action: string, entity: string | null, day = 1): NewEvent => ({ at: new Date(Date.UTC(2026, 0, day)), actor: 'admin', host: 'pc-1', action, entity, details: { day } })

describe(`events-repo (${BACKEND})`, () => {
  it('chains each event to the one before: seq 1, 2 …, the previous hash, its own hash of the stored text', async () => {
    const store = await freshStore()
    expect(await chainHead(store.db)).toBeUndefined()
    await store.write((trx) => appendEvent(trx, event('unit.add', 'IT')))
    await store.write((trx) => appendEvent(trx, event('unit.add', 'HR', 2)))
    const [a, b] = await eventsAfter(store.db, 0, 10)
    expect(a).toMatchObject({ seq: 1, at: '2026-01-01T00:00:00.000Z', actor: 'admin', host: 'pc-1', action: 'unit.add', entity: 'IT', details: '{"day":1}', prev_hash: GENESIS_HASH })
    expect(a!.hash).toBe(eventHash({ ...a!, seq: 1 }, GENESIS_HASH))
    expect(b).toMatchObject({ seq: 2, prev_hash: a!.hash })
    expect(b!.hash).toBe(eventHash({ ...b!, seq: 2 }, a!.hash!))
    expect(await chainHead(store.db)).toEqual({ seq: 2, hash: b!.hash })
  })

  it('chains past a row written outside icm (it has no hash) to the last chained event', async () => {
    const store = await freshStore()
    await store.write((trx) => appendEvent(trx, event('unit.add', 'IT')))
    await store.db.insertInto('events').values({ at: '2026-01-02T00:00:00.000Z', actor: 'mallory', host: 'x', action: 'unit.add', entity: 'EVIL', details: '{}', seq: null, prev_hash: null, hash: null }).execute()
    const [first] = await eventsAfter(store.db, 0, 1)
    expect(await chainHead(store.db)).toEqual({ seq: 1, hash: first!.hash })
    await store.write((trx) => appendEvent(trx, event('unit.add', 'HR', 3)))
    expect((await eventsAfter(store.db, 0, 10)).map((e) => [e.entity, e.seq])).toEqual([
      ['IT', 1],
      ['EVIL', null],
      ['HR', 2],
    ])
  })

  it('reads the log a page at a time after an id', async () => {
    const store = await freshStore()
    await store.write(async (trx) => {
      for (let i = 1; i <= 5; i++) await appendEvent(trx, event(`a${i}`, null, i))
    })
    const page1 = await eventsAfter(store.db, 0, 2)
    const page2 = await eventsAfter(store.db, page1[1]!.id, 2)
    const page3 = await eventsAfter(store.db, page2[1]!.id, 2)
    expect([page1, page2, page3].map((p) => p.map((e) => e.action))).toEqual([['a1', 'a2'], ['a3', 'a4'], ['a5']])
  })

  it('lists the newest events that match, oldest first: by entity in any case, since a time', async () => {
    const store = await freshStore()
    await store.write(async (trx) => {
      for (const [i, entity] of ['HR', 'IT', 'hr', 'HR'].entries()) await appendEvent(trx, event(`a${i}`, entity, 1 + i))
    })
    expect((await listEvents(store.db, { entity: 'Hr', limit: 2 })).map((e) => e.action)).toEqual(['a2', 'a3'])
    expect((await listEvents(store.db, { since: new Date(Date.UTC(2026, 0, 2)), limit: 10 })).map((e) => e.action)).toEqual(['a1', 'a2', 'a3'])
    expect((await listEvents(store.db, { limit: 1 })).map((e) => e.action)).toEqual(['a3'])
  })
})
