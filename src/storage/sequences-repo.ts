import { sql, type Kysely } from 'kysely'
import type { DB } from './schema.js'

/**
 * The next number of a code series (REQ, CMP …), taken inside the caller's write transaction.
 * One atomic upsert, so two writers never get the same number on either backend.
 */
export async function nextSequence(db: Kysely<DB>, name: string): Promise<number> {
  const row = await db
    .insertInto('sequences')
    .values({ name, value: 1 })
    .onConflict((oc) => oc.column('name').doUpdateSet({ value: sql`sequences.value + 1` }))
    .returning('value')
    .executeTakeFirstOrThrow()
  return Number(row.value)
}

/** 'REQ' and 7 → 'REQ-0007'. */
export function formatCode(prefix: string, n: number): string {
  return `${prefix}-${String(n).padStart(4, '0')}`
}

export async function nextCode(db: Kysely<DB>, prefix: string): Promise<string> {
  return formatCode(prefix, await nextSequence(db, prefix))
}
