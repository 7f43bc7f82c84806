import { createHash } from 'node:crypto'
import { PostgresAdapter, sql, type Kysely } from 'kysely'

/**
 * Tamper evidence (DESIGN.md §8): the hash chain over the event log and the hash of each final
 * score table's rows. Adds the columns and fills them for what is already there: the events in
 * id order, the tables that are already final as they are now. Frozen: the canonical forms are
 * copied here from src/domain/event-chain.ts and src/domain/table-hash.ts as they were.
 *
 * The columns stay nullable: a row written without them (by hand, or by an older code path) is
 * what `icm check` reports as inserted outside icm, rather than an insert that fails.
 */
const GENESIS_HASH = '0'.repeat(64)
const PAGE = 2000

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex')

export async function up(db: Kysely<any>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter
  await db.schema.alterTable('events').addColumn('seq', 'integer').execute()
  await db.schema.alterTable('events').addColumn('prev_hash', 'text').execute()
  await db.schema.alterTable('events').addColumn('hash', 'text').execute()
  await db.schema.alterTable('assessments').addColumn('rows_hash', 'text').execute()

  // the log refuses UPDATE: lift that for the fill only, inside this migration's transaction
  if (postgres) await sql`drop trigger if exists events_append_only on events`.execute(db)
  else await sql`drop trigger if exists events_no_update`.execute(db)

  let seq = 0
  let prev = GENESIS_HASH
  let after = 0
  for (;;) {
    const rows = await db
      .selectFrom('events')
      .select(['id', 'at', 'actor', 'host', 'action', 'entity', 'details'])
      .where('id', '>', after)
      .orderBy('id')
      .limit(PAGE)
      .execute()
    if (rows.length === 0) break
    const links: { id: number; seq: number; prev: string; hash: string }[] = []
    for (const r of rows) {
      seq++
      const hash = sha256(JSON.stringify([seq, r.at, r.actor, r.host, r.action, r.entity, r.details, prev]))
      links.push({ id: Number(r.id), seq, prev, hash })
      prev = hash
    }
    await fillLinks(db, links)
    after = Number(rows[rows.length - 1]!.id)
  }

  if (postgres) {
    await sql`create or replace function icm_append_only() returns trigger language plpgsql as $$
      begin raise exception '% is append-only', tg_table_name; end $$`.execute(db)
    await sql`create trigger events_append_only before update or delete on events
      for each row execute function icm_append_only()`.execute(db)
  } else {
    await sql`create trigger events_no_update before update on events
      begin select raise(abort, 'events is append-only'); end`.execute(db)
  }

  const finals = await db.selectFrom('assessments').select('period').where('state', '=', 'final').execute()
  for (const { period } of finals) {
    const rows = await db.selectFrom('assessment_rows').selectAll().where('period', '=', period).execute()
    rows.sort((a, b) => a.position - b.position || a.unit_id - b.unit_id)
    const canonical = JSON.stringify([
      period,
      rows.map((r) => [r.unit_id, r.position, r.code, r.name, r.s, r.t, r.c, r.h, r.self, r.superior, r.total, r.rank, r.grade, r.bonus, r.details]),
    ])
    await db.updateTable('assessments').set({ rows_hash: sha256(canonical) }).where('period', '=', period).execute()
  }
}

/**
 * One WITH … UPDATE … FROM per 500 events (SQLite 3.33+ and PostgreSQL both have it). The id
 * range keeps SQLite from scanning the whole table for each statement (quadratic otherwise).
 */
async function fillLinks(db: Kysely<any>, links: { id: number; seq: number; prev: string; hash: string }[]): Promise<void> {
  for (let i = 0; i < links.length; i += 500) {
    const part = links.slice(i, i + 500)
    const values = sql.join(part.map((l) => sql`(cast(${l.id} as integer), cast(${l.seq} as integer), cast(${l.prev} as text), cast(${l.hash} as text))`))
    await sql`with v(id, seq, prev_hash, hash) as (values ${values})
      update events set seq = v.seq, prev_hash = v.prev_hash, hash = v.hash from v
      where events.id = v.id and events.id between ${part[0]!.id} and ${part[part.length - 1]!.id}`.execute(db)
  }
}

export async function down(): Promise<void> {
  throw new Error('icm migrations are forward-only')
}
