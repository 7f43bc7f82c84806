import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { ChainVerifier, GENESIS_HASH, canonicalEvent, eventHash, nextLink, type StoredEvent } from '../../src/domain/event-chain.js'

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex')

const FIRST = { seq: 1, at: '2026-07-01T02:00:00.000Z', actor: 'tester', host: 'test-host', action: 'unit.add', entity: 'IT', details: '{"name":"信息技术部"}' }

describe('the hash of an event', () => {
  it('is the sha256 of a JSON array of its content and the previous hash', () => {
    const literal = String.raw`[1,"2026-07-01T02:00:00.000Z","tester","test-host","unit.add","IT","{\"name\":\"信息技术部\"}","` + '0'.repeat(64) + '"]'
    expect(GENESIS_HASH).toBe('0'.repeat(64))
    expect(canonicalEvent(FIRST, GENESIS_HASH)).toBe(literal)
    expect(eventHash(FIRST, GENESIS_HASH)).toBe(sha256(literal))
    // the same digest as `printf '%s' LITERAL | sha256sum`
    expect(eventHash(FIRST, GENESIS_HASH)).toBe('ada1ce27a214521483c3961665001fe3fec5592241facded55a2d138cf8dd869')
  })

  it.each([
    ['the actor', { actor: 'mallory' }],
    ['the details', { details: '{"name":"IT"}' }],
    ['the time', { at: '2026-07-01T02:00:00.001Z' }],
    ['a null entity for an empty one', { entity: null }],
    ['the place in the chain', { seq: 2 }],
  ])('changes with %s', (_what, change) => {
    expect(eventHash({ ...FIRST, ...change }, GENESIS_HASH)).not.toBe(eventHash(FIRST, GENESIS_HASH))
  })

  it('chains: the next link takes seq + 1 and the head hash; an empty log starts at 1 from 64 zeros', () => {
    const { seq: _s, ...content } = FIRST
    const first = nextLink(undefined, content)
    expect(first).toEqual({ seq: 1, prev_hash: GENESIS_HASH, hash: eventHash(FIRST, GENESIS_HASH) })
    const second = nextLink({ seq: first.seq, hash: first.hash }, { ...content, action: 'unit.update' })
    expect(second.seq).toBe(2)
    expect(second.prev_hash).toBe(first.hash)
    expect(second.hash).toBe(sha256(canonicalEvent({ ...FIRST, seq: 2, action: 'unit.update' }, first.hash)))
  })
})

/** Four chained events with ids 1–4, as icm writes them. */
function chain(): StoredEvent[] {
  const rows: StoredEvent[] = []
  for (let id = 1; id <= 4; id++) {
    const content = { at: `2026-07-0${id}T02:00:00.000Z`, actor: 'tester', host: 'h', action: `a.${id}`, entity: null, details: `{"n":${id}}` }
    const head = rows.at(-1)
    rows.push({ id, ...content, ...nextLink(head && { seq: head.seq, hash: head.hash }, content) })
  }
  return rows
}

function verify(rows: StoredEvent[], opts: { contiguousIds?: boolean; lastIssuedId?: number } = {}) {
  const v = new ChainVerifier(opts.contiguousIds ?? true)
  for (const r of rows) v.push(r)
  return v.finish(opts.lastIssuedId)
}

describe('verifying the chain', () => {
  it('holds for events as icm wrote them, and for an empty log', () => {
    const rows = chain()
    expect(verify(rows, { lastIssuedId: 4 })).toEqual({ events: 4, head: { id: 4, seq: 4, hash: rows[3]!.hash }, breaks: 0, firstBreak: null })
    expect(verify([])).toEqual({ events: 0, head: null, breaks: 0, firstBreak: null })
  })

  it.each<[string, (rows: StoredEvent[]) => StoredEvent[], { contiguousIds?: boolean; lastIssuedId?: number }, { kind: string; id: number | null; reason: string }]>([
    ['changed details', (r) => r.map((e) => (e.id === 2 ? { ...e, details: '{"n":99}' } : e)), {}, { kind: 'changed', id: 2, reason: 'was changed: its content no longer matches its hash' }],
    ['a deleted event (SQLite: the id gap)', (r) => r.filter((e) => e.id !== 2), {}, { kind: 'deleted', id: 3, reason: 'follows a gap: event id 2 was deleted' }],
    ['two deleted events (SQLite)', (r) => r.filter((e) => e.id !== 2 && e.id !== 3), {}, { kind: 'deleted', id: 4, reason: 'follows a gap: 2 events (ids 2–3) were deleted' }],
    ['a deleted event (PostgreSQL: the seq gap)', (r) => r.filter((e) => e.id !== 2), { contiguousIds: false }, { kind: 'deleted', id: 3, reason: 'follows a gap: the event before it was deleted' }],
    ['the first event deleted (PostgreSQL)', (r) => r.slice(1), { contiguousIds: false }, { kind: 'deleted', id: 2, reason: 'follows a gap: the event before it was deleted' }],
    ['deleted last events (SQLite knows the last id it gave)', (r) => r.slice(0, 2), { lastIssuedId: 4 }, { kind: 'deleted', id: null, reason: 'the last 2 events (ids 3–4) were deleted' }],
    [
      'a forged row without a hash',
      (r) => [...r, { id: 5, seq: null, at: '2026-07-05T02:00:00.000Z', actor: 'x', host: 'h', action: 'report.reveal', entity: null, details: '{}', prev_hash: null, hash: null }],
      {},
      { kind: 'inserted', id: 5, reason: 'was inserted outside icm: it has no hash' },
    ],
    [
      'a forged row re-using a place in the chain, with a correct hash of its own',
      (r) => {
        const content = { at: '2026-07-05T02:00:00.000Z', actor: 'x', host: 'h', action: 'forged', entity: null, details: '{}' }
        return [...r, { id: 5, ...content, ...nextLink({ seq: 2, hash: r[1]!.hash }, content) }]
      },
      {},
      { kind: 'inserted', id: 5, reason: 'was inserted outside icm: its place in the chain (#3) is already taken' },
    ],
    [
      'an event changed and re-hashed (its successor no longer links to it)',
      (r) =>
        r.map((e) => {
          if (e.id !== 2) return e
          const changed = { ...e, details: '{"n":99}' }
          return { ...changed, hash: eventHash({ ...changed, seq: 2 }, e.prev_hash!) }
        }),
      {},
      { kind: 'changed', id: 3, reason: 'was changed: its link to event 2 does not match (one of the two was rewritten)' },
    ],
  ])('names %s', (_what, tamper, opts, expected) => {
    const r = verify(tamper(chain()), opts)
    expect({ kind: r.firstBreak?.kind, id: r.firstBreak?.event?.id ?? null, reason: r.firstBreak?.reason }).toEqual(expected)
  })

  it('counts each break once and goes on after it', () => {
    const rows = chain().map((e) => (e.id === 1 || e.id === 3 ? { ...e, actor: 'mallory' } : e))
    const r = verify(rows)
    expect(r.breaks).toBe(2)
    expect(r.firstBreak).toMatchObject({ kind: 'changed', event: { id: 1, at: '2026-07-01T02:00:00.000Z', action: 'a.1' } })
  })
})
