import { Kysely, PostgresDialect, type PostgresPool } from 'kysely'
import type { Pool, PoolClient } from 'pg'
import { BUSY_TIMEOUT_MS } from '../database.js'
import { databaseLockedError } from '../dialect.js'
import type { DB } from '../schema.js'
import { SUM_COLUMNS } from '../surveys-repo.js'
import { addToSums } from './stager.js'
import { INTS, PAIR, STRS, type ImportBackend, type Pack, type PairSums, type StageResult, type Stager, type StagingTables } from './types.js'

/**
 * The survey import's PostgreSQL side, on one pooled connection. The rows are staged, outside any
 * lock, into temporary tables of that connection (gone with it when the process dies): they stream
 * with COPY … FROM STDIN into a raw table, some thousands at a time, and go on into the staged
 * rows with INSERT … ON CONFLICT (key) DO NOTHING; the rows the key turned away are later rows of
 * a key seen before. The final step (survey-import-final.ts) runs in one transaction holding the
 * import lock, an advisory lock imports queue on as they queue on SQLite's write lock; other
 * writers go on meanwhile (MVCC), except for the event, which every writer appends last.
 */
// Advisory locks are server-wide: each is taken as (key, hash of the schema), so two icm databases
// kept as two schemas of one PostgreSQL database never wait for each other.
const IMPORT_LOCK_KEY = 7_364_282
/** Rows per INSERT: packs (256 rows, sized for SQLite's memory) are gathered up to this many, as a round trip costs more than a row. */
const ROWS_PER_STATEMENT = 8192
/** COPY's text format: backslash, tab, line feed and carriage return are escaped. */
const COPY_ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' }

const TABLES: StagingTables = { staged: 'icm_staged', dups: 'icm_dups', bad: 'icm_bad', sums: 'icm_sums' }

class PostgresStager implements Stager {
  readonly worker = false
  private staged = 0
  private duplicates = 0
  private readonly sums: PairSums = new Map()
  /** packs waiting to go in one statement */
  private pending: Pack[] = []
  private pendingRows = 0

  constructor(private readonly client: PoolClient) {}

  async send(pack: Pack): Promise<void> {
    this.pending.push(pack)
    this.pendingRows += pack.count
    if (this.pendingRows >= ROWS_PER_STATEMENT) await this.flush()
  }

  /** Stages the packs gathered so far: COPY into the raw table, then on into the staged rows. */
  private async flush(): Promise<void> {
    const packs = this.pending
    this.pending = []
    this.pendingRows = 0
    if (packs.length === 0) return
    const bad = packs.flatMap((p) => p.bad)
    if (bad.length > 0) {
      await this.client.query(`insert into icm_bad (seq, line, reason, exit_code, found) select seq, line, reason, exit_code, 'file' from unnest($1::int[], $2::int[], $3::text[], $4::int[]) as b (seq, line, reason, exit_code)`, [
        bad.map((b) => b.seq!),
        bad.map((b) => b.line),
        bad.map((b) => b.reason),
        bad.map((b) => b.exitCode),
      ])
    }
    const rows = packs.reduce((n, p) => n + p.count, 0)
    if (rows === 0) return
    const { from: copyFrom } = (await import('pg-copy-streams')).default
    const copy = this.client.query(copyFrom('COPY icm_import_rows FROM STDIN'))
    const done = new Promise<void>((resolve, reject) => {
      copy.on('finish', resolve)
      copy.on('error', reject)
    })
    const text = (v: string | null | undefined) => (v === null || v === undefined ? '\\N' : v.replace(/[\\\t\n\r]/g, (c) => COPY_ESCAPES[c]!))
    const int = (v: number) => (v === 0 ? '\\N' : String(v))
    for (const pack of packs) {
      let chunk = ''
      for (let i = 0; i < pack.count; i++) {
        const o = i * INTS
        const so = i * STRS
        const key = pack.strs[so] as string
        chunk += `${pack.ints[o + 9]}\t${pack.ints[o + 8]}\t${text(key)}\t${key.startsWith('id:') ? text(key.slice(3)) : '\\N'}\t${int(pack.ints[o]!)}\t${pack.ints[o + 1]}`
        for (let j = 0; j < 6; j++) chunk += `\t${int(pack.ints[o + 2 + j]!)}`
        chunk += `\t${text(pack.strs[so + 1])}\t${text(pack.strs[so + 2])}\t${text(pack.strs[so + 3])}\n`
      }
      copy.write(chunk)
    }
    copy.end()
    await done
    const inserted = await this.client.query(
      `insert into icm_staged select * from icm_import_rows order by seq
       on conflict (key) do nothing
       returning seq`,
    )
    if (inserted.rows.length < rows) {
      await this.client.query(`insert into icm_dups (seq, line, key, fingerprint)
        select r.seq, r.line, r.key, r.fingerprint from icm_import_rows r where not exists (select 1 from icm_staged s where s.seq = r.seq)`)
    }
    await this.client.query('truncate icm_import_rows')
    const insertedSeqs = new Set(inserted.rows.map((r: { seq: number }) => Number(r.seq)))
    this.staged += insertedSeqs.size
    this.duplicates += rows - insertedSeqs.size
    for (const pack of packs) {
      for (let i = 0; i < pack.count; i++) {
        if (insertedSeqs.has(pack.ints[i * INTS + 9]!)) addToSums(this.sums, pack.ints, i * INTS, pack.values[i]!)
      }
    }
  }

  async finish(): Promise<StageResult> {
    await this.flush()
    return { staged: this.staged, duplicates: this.duplicates, sums: this.sums }
  }

  async abort(): Promise<void> {
    this.pending = []
  }
}

/** A kysely instance over one client: its queries run on that connection, inside whatever transaction the client is in. */
function kyselyOn(client: PoolClient): Kysely<DB> {
  const pool: PostgresPool = {
    connect: async () => ({ query: client.query.bind(client) as never, release: () => {} }),
    end: async () => {},
  }
  return new Kysely<DB>({ dialect: new PostgresDialect({ pool }) })
}

/** Opens the staging tables of one import on a connection of its own. */
export async function openPostgresImport(pool: Pool, location: string, onWait: () => void): Promise<ImportBackend> {
  const client = await pool.connect()
  try {
    await client.query(`create temporary table icm_staged (seq int primary key, line int not null, key text not null unique, response_id text, respondent_id int, rated_id int not null,
      accuracy int, timeliness int, completeness int, professionalism int, overall int, loyalty int, comment text, submitted_at text, fingerprint text not null)`)
    await client.query('create temporary table icm_import_rows (like icm_staged)')
    await client.query('create temporary table icm_dups (seq int primary key, line int not null, key text not null, fingerprint text not null)')
    await client.query('create temporary table icm_bad (seq int primary key, line int not null, reason text not null, exit_code int not null, found text not null)')
    await client.query(`create temporary table icm_sums (rated_id int not null, respondent_id int, ${SUM_COLUMNS.map((c) => `${c} ${c === 'value_sum' ? 'double precision' : 'int'}`).join(', ')})`)
  } catch (e) {
    client.release(true)
    throw e
  }
  return new PostgresImport(client, location, onWait)
}

class PostgresImport implements ImportBackend {
  readonly tables = TABLES
  readonly stager: Stager
  readonly db: Kysely<DB>
  private broken = false

  constructor(
    private readonly client: PoolClient,
    private readonly location: string,
    private readonly onWait: () => void,
  ) {
    this.stager = new PostgresStager(client)
    this.db = kyselyOn(client)
  }

  async ready(): Promise<void> {}

  async afterCommit(): Promise<void> {}

  async stageSums(sums: PairSums): Promise<void> {
    const columns: (number | null)[][] = [[], [], ...SUM_COLUMNS.map(() => [])]
    for (const [pair, a] of sums) {
      const respondent = pair % PAIR
      columns[0]!.push((pair - respondent) / PAIR)
      columns[1]!.push(respondent === 0 ? null : respondent)
      a.forEach((v, i) => columns[2 + i]!.push(v))
    }
    const types = ['int', 'int', ...SUM_COLUMNS.map((c) => (c === 'value_sum' ? 'float8' : 'int'))]
    await this.client.query('delete from icm_sums')
    await this.client.query(`insert into icm_sums select * from unnest(${types.map((t, i) => `$${i + 1}::${t}[]`).join(', ')})`, columns)
  }

  /** Repeatable read: every statement of the analysis sees the same snapshot (it writes only temporary tables). */
  snapshot<T>(fn: (db: Kysely<DB>) => Promise<T>): Promise<T> {
    return this.transaction('begin isolation level repeatable read', false, fn)
  }

  locked<T>(fn: (db: Kysely<DB>) => Promise<T>): Promise<T> {
    return this.transaction('begin', true, fn)
  }

  private async transaction<T>(begin: string, lock: boolean, fn: (db: Kysely<DB>) => Promise<T>): Promise<T> {
    const c = this.client
    await c.query(begin)
    try {
      if (lock) await this.takeImportLock()
      const result = await fn(this.db)
      await c.query('commit')
      return result
    } catch (e) {
      await c.query('rollback').catch(() => {
        this.broken = true
      })
      throw e
    }
  }

  /** The import lock, waiting for another import's final step up to the busy timeout (exit 3 after it). */
  private async takeImportLock(): Promise<void> {
    const c = this.client
    const free = await c.query("select pg_try_advisory_xact_lock($1, hashtext(coalesce(current_schema(), ''))) as ok", [IMPORT_LOCK_KEY])
    if (free.rows[0].ok) return
    this.onWait()
    await c.query(`set local lock_timeout = ${BUSY_TIMEOUT_MS}`)
    try {
      await c.query("select pg_advisory_xact_lock($1, hashtext(coalesce(current_schema(), '')))", [IMPORT_LOCK_KEY])
    } catch (e) {
      if ((e as { code?: string }).code === '55P03') throw databaseLockedError(this.location, BUSY_TIMEOUT_MS)
      throw e
    }
  }

  async close(): Promise<void> {
    await this.stager.abort()
    if (this.broken) {
      this.client.release(true)
      return
    }
    try {
      await this.client.query('drop table if exists icm_import_rows, icm_staged, icm_dups, icm_bad, icm_sums')
      this.client.release()
    } catch {
      // a connection in a failed state is closed rather than returned to the pool
      this.client.release(true)
    }
  }
}
