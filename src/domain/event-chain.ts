import { createHash } from 'node:crypto'
import { english, t } from './i18n/catalog.js'
import type { MessageKey, Messages } from './i18n/catalog.js'
import type { ArgsOf } from './i18n/format.js'

/**
 * The hash chain over the event log (DESIGN.md §8, tamper evidence). Every event stores its place
 * in the chain (`seq`, 1, 2, 3 …), the hash of the event before it (`prev_hash`) and its own hash
 * (`hash`), the sha256 of its canonical form. Changing an event breaks its own hash; deleting one
 * leaves a gap in `seq` and a `prev_hash` that points nowhere; a row written outside icm has no
 * hash or a place already taken. The canonical form is plain enough to redo in any language:
 *
 *     JSON.stringify([seq, at, actor, host, action, entity, details, prev_hash])
 *
 * with `at` and `details` exactly as stored (ISO 8601 text and JSON text), `entity` null or text.
 */

/** The `prev_hash` of the first event. */
export const GENESIS_HASH = '0'.repeat(64)

/** What an event's hash covers, as stored. */
export interface EventContent {
  seq: number
  at: string
  actor: string
  host: string
  action: string
  entity: string | null
  details: string
}

/** The text that is hashed: a JSON array of the content and the previous hash. */
export function canonicalEvent(e: EventContent, prevHash: string): string {
  return JSON.stringify([e.seq, e.at, e.actor, e.host, e.action, e.entity, e.details, prevHash])
}

/** The sha256 (hex) of an event's canonical form given the previous event's hash. */
export function eventHash(e: EventContent, prevHash: string): string {
  return createHash('sha256').update(canonicalEvent(e, prevHash), 'utf8').digest('hex')
}

/** The end of the chain: the last event that has a hash (undefined for an empty log). */
export interface ChainHead {
  seq: number | null
  hash: string | null
}

/** The chain columns of the next event after `head`, with `content.seq` taken from the head. */
export function nextLink(head: ChainHead | undefined, content: Omit<EventContent, 'seq'>): { seq: number; prev_hash: string; hash: string } {
  const seq = (head?.seq ?? 0) + 1
  const prev = head?.hash ?? GENESIS_HASH
  return { seq, prev_hash: prev, hash: eventHash({ ...content, seq }, prev) }
}

/** An event row as the verifier reads it (the chain columns may be missing on a forged row). */
export interface StoredEvent extends Omit<EventContent, 'seq'> {
  id: number
  seq: number | null
  prev_hash: string | null
  hash: string | null
}

export type ChainBreakKind = 'changed' | 'deleted' | 'inserted'

/** The first place where the chain does not hold. */
export interface ChainBreak {
  kind: ChainBreakKind
  /** the event named: the changed or inserted one, or the first one after deleted ones (null when the deleted ones were the last) */
  event: { id: number; at: string; action: string } | null
  /** what is wrong, in words that follow "event 42 (at, action)" (or stand alone when no event is named); English */
  reason: string
  /** the same in the interface language */
  shownReason: string
}

/** A reason in English (what --json and piped output carry) and in the interface language. */
function because<K extends MessageKey>(key: K, ...args: ArgsOf<Messages[K]>): { reason: string; shownReason: string } {
  return { reason: english(key, ...args), shownReason: t(key, ...args) }
}

export interface ChainReport {
  /** rows read */
  events: number
  /** the last chained event */
  head: { id: number; seq: number; hash: string } | null
  /** how many breaks were found (each counted once, the chain re-synchronised after it) */
  breaks: number
  firstBreak: ChainBreak | null
}

/**
 * Verifies the chain one row at a time, in id order, so a log of millions of events is never
 * held in memory. Push every row, then call `finish`. On SQLite ids have no gaps (AUTOINCREMENT
 * takes back the id of a rolled-back insert), so `contiguousIds` names an id gap as deleted
 * events, and `finish` takes the highest id SQLite ever gave an event: deleted events at the
 * end of the log, or followed by newer ones, leave no other trace in the chain.
 */
export class ChainVerifier {
  private last: { id: number; seq: number; hash: string } | null = null
  private maxId = 0
  private count = 0
  private breaks = 0
  private first: ChainBreak | null = null

  constructor(private readonly contiguousIds = false) {}

  push(r: StoredEvent): void {
    this.count++
    const named = { id: r.id, at: r.at, action: r.action }
    const idGap = this.contiguousIds ? r.id - this.maxId - 1 : 0
    this.maxId = Math.max(this.maxId, r.id)
    if (idGap > 0) {
      this.fail({ kind: 'deleted', event: named, ...(idGap === 1 ? because('check.chain.gapOne', { id: r.id - 1 }) : because('check.chain.gapMany', { n: idGap, from: r.id - idGap, to: r.id - 1 })) })
    }
    if (r.hash === null || r.prev_hash === null || r.seq === null) {
      this.fail({ kind: 'inserted', event: named, ...because('check.chain.noHash') })
      return
    }
    if (eventHash({ ...r, seq: r.seq }, r.prev_hash) !== r.hash) {
      this.fail({ kind: 'changed', event: named, ...because('check.chain.changed') })
    } else if (idGap <= 0) {
      const expectedSeq = (this.last?.seq ?? 0) + 1
      const expectedPrev = this.last?.hash ?? GENESIS_HASH
      if (r.seq > expectedSeq) {
        const n = r.seq - expectedSeq
        this.fail({ kind: 'deleted', event: named, ...(n === 1 ? because('check.chain.seqGapOne') : because('check.chain.seqGapMany', { n })) })
      } else if (r.seq < expectedSeq) {
        this.fail({ kind: 'inserted', event: named, ...because('check.chain.seqTaken', { seq: r.seq }) })
      } else if (r.prev_hash !== expectedPrev) {
        this.fail({ kind: 'changed', event: named, ...(this.last ? because('check.chain.linkEvent', { id: this.last.id }) : because('check.chain.linkStart')) })
      }
    }
    this.last = { id: r.id, seq: r.seq, hash: r.hash }
  }

  /** The report; `lastIssuedId` (SQLite) is the highest id ever given to an event. */
  finish(lastIssuedId?: number): ChainReport {
    if (lastIssuedId !== undefined && lastIssuedId > this.maxId) {
      const n = lastIssuedId - this.maxId
      this.fail({
        kind: 'deleted',
        event: null,
        ...(n === 1 ? because('check.chain.lastOne', { id: lastIssuedId }) : because('check.chain.lastMany', { n, from: this.maxId + 1, to: lastIssuedId })),
      })
    }
    return { events: this.count, head: this.last, breaks: this.breaks, firstBreak: this.first }
  }

  private fail(b: ChainBreak): void {
    this.breaks++
    this.first ??= b
  }
}
