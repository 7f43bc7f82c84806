import type { Kysely } from 'kysely'
import { ChainVerifier, type ChainReport } from '../domain/event-chain.js'
import type { AssessLevel } from '../domain/assessment/assessment.js'
import { tableIntact } from '../domain/assessment/score-table.js'
import { listFinalScoreTables, readScoreRows } from './assessments-repo.js'
import type { Store } from './database.js'
import { eventsAfter } from './events-repo.js'
import type { DB } from './schema.js'

/** What `icm check` reads (DESIGN.md §8): the file's integrity, the event chain, the final tables. */

/** SQLite: what PRAGMA integrity_check reports (empty when it says ok); PostgreSQL: null (not applicable). */
export function integrityProblems(store: Store): string[] | null {
  if (!store.sqlite) return null
  try {
    const rows = store.sqlite.pragma('integrity_check') as { integrity_check: string }[]
    const problems = rows.map((r) => r.integrity_check)
    return problems.length === 1 && problems[0] === 'ok' ? [] : problems
  } catch (e) {
    return [(e as Error).message]
  }
}

/** SQLite: the highest id the event table ever handed out (AUTOINCREMENT keeps it in sqlite_sequence). */
function lastIssuedEventId(store: Store): number | undefined {
  if (!store.sqlite) return undefined
  const row = store.sqlite.prepare(`select seq from sqlite_sequence where name = 'events'`).get() as { seq: number } | undefined
  return row?.seq
}

/** Verifies the whole event chain, a page at a time, in id order. */
export async function verifyEventChain(store: Store, page = 5000): Promise<ChainReport> {
  const verifier = new ChainVerifier(store.dialect === 'sqlite')
  let after = 0
  for (;;) {
    const rows = await eventsAfter(store.db, after, page)
    for (const r of rows) verifier.push(r)
    if (rows.length < page) break
    after = rows[rows.length - 1]!.id
  }
  return verifier.finish(lastIssuedEventId(store))
}

/** Every final table (each period's department and position tables, the final annual tables) and whether its rows still match the hash stored when it was finalized. */
export async function finalTablesIntact(db: Kysely<DB>): Promise<{ period: string; level: AssessLevel; intact: boolean }[]> {
  const out: { period: string; level: AssessLevel; intact: boolean }[] = []
  for (const t of await listFinalScoreTables(db)) {
    out.push({ period: t.period, level: t.level, intact: tableIntact(t, (await readScoreRows(db, t)).hash) })
  }
  return out
}
