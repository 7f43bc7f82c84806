import type { Pool, PoolClient } from 'pg'
import { ConflictError } from '../domain/errors.js'
import { INTS, LOCK_WAIT_MS, STRS, type BatchEnd, type BatchSpec, type DoneHandler, type Pack, type PackConflict, type Sink } from './survey-import.js'

/**
 * The survey import's inserting side on PostgreSQL: one pooled connection holds the transaction
 * (batch row, responses, score sums, event), so a failed or killed import leaves nothing. Rows
 * stream with COPY … FROM STDIN into a temporary table, some thousands at a time, and go on with
 * one INSERT … SELECT … ON CONFLICT DO NOTHING; the rows the unique key turned away are looked up:
 * the same content is already present, other content is a conflict. Imports queue on an
 * advisory lock, as they queue on SQLite's write lock.
 */
const IMPORT_LOCK_KEY = 7_364_282
/** Rows per INSERT: packs (256 rows, sized for SQLite's memory) are gathered up to this many, as a round trip costs more than a row. */
const ROWS_PER_STATEMENT = 8192
/** COPY's text format: backslash, tab, line feed and carriage return are escaped. */
const COPY_ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' }

export class PostgresSink implements Sink {
  readonly worker = false
  imported = 0
  alreadyPresent = 0
  /** score sums of the rows inserted: 'rated>respondent' → the 15 sums and counts */
  private readonly sums = new Map<string, number[]>()
  /** packs waiting to go in one statement */
  private pending: Pack[] = []
  private pendingRows = 0

  private constructor(
    private readonly client: PoolClient,
    private readonly spec: BatchSpec,
    private readonly batchId: number,
    private readonly onDone: DoneHandler,
  ) {}

  static async start(pool: Pool, spec: BatchSpec, onWait: () => void, onDone: DoneHandler): Promise<{ already: any } | { sink: PostgresSink; batchId: number }> {
    const client = await pool.connect()
    try {
      await client.query('begin')
      const free = await client.query('select pg_try_advisory_xact_lock($1) as ok', [IMPORT_LOCK_KEY])
      if (!free.rows[0].ok) {
        onWait()
        await client.query(`set local lock_timeout = ${LOCK_WAIT_MS}`)
        try {
          await client.query('select pg_advisory_xact_lock($1)', [IMPORT_LOCK_KEY])
        } catch (e) {
          if ((e as { code?: string }).code === '55P03') {
            throw new ConflictError(`the database is still locked by another import after ${Math.round(LOCK_WAIT_MS / 60_000)} minutes; nothing imported`, 'wait for the other import to finish, then run this one again')
          }
          throw e
        }
      }
      if (!spec.forced) {
        const before = await client.query(
          `select b.id, b.file_name, b.actor, b.at, s.code as survey_code from survey_batches b join surveys s on s.id = b.survey_id where b.sha256 = $1 order by b.id limit 1`,
          [spec.sha256],
        )
        if (before.rows.length > 0) {
          await client.query('rollback')
          client.release()
          return { already: before.rows[0] }
        }
      }
      const row = await client.query(
        `insert into survey_batches (survey_id, file_name, sha256, bytes, encoding, rows, imported, already_present, rejected, forced, actor, at)
         values ($1, $2, $3, $4, $5, 0, 0, 0, 0, $6, $7, $8) returning id`,
        [spec.surveyId, spec.fileName, spec.sha256, spec.bytes, spec.encoding, spec.forced ? 1 : 0, spec.actor, spec.at],
      )
      const batchId = Number(row.rows[0].id)
      await client.query(`create temporary table icm_import_rows (key text, response_id text, respondent_id int, rated_id int, accuracy int, timeliness int,
        completeness int, professionalism int, overall int, loyalty int, comment text, submitted_at text, line int, fingerprint text, idx int) on commit drop`)
      return { sink: new PostgresSink(client, spec, batchId, onDone), batchId }
    } catch (e) {
      await client.query('rollback').catch(() => {})
      client.release()
      throw e
    }
  }

  async send(pack: Pack): Promise<void> {
    this.pending.push(pack)
    this.pendingRows += pack.count
    if (this.pendingRows >= ROWS_PER_STATEMENT) await this.flush()
  }

  /** Inserts the packs gathered so far in one statement, then reports each pack in order. */
  private async flush(): Promise<void> {
    const packs = this.pending
    this.pending = []
    this.pendingRows = 0
    if (packs.length === 0) return
    const { from: copyFrom } = (await import('pg-copy-streams')).default
    const copy = this.client.query(copyFrom('COPY icm_import_rows FROM STDIN'))
    const done = new Promise<void>((resolve, reject) => {
      copy.on('finish', resolve)
      copy.on('error', reject)
    })
    const text = (v: string | null | undefined) => (v === null || v === undefined ? '\\N' : v.replace(/[\\\t\n\r]/g, (c) => COPY_ESCAPES[c]!))
    const int = (v: number) => (v === 0 ? '\\N' : String(v))
    let r = 0
    for (const pack of packs) {
      let chunk = ''
      for (let i = 0; i < pack.count; i++, r++) {
        const o = i * INTS
        const so = i * STRS
        const key = pack.strs[so] as string
        chunk += `${text(key)}\t${key.startsWith('id:') ? text(key.slice(3)) : '\\N'}\t${int(pack.ints[o]!)}\t${pack.ints[o + 1]}`
        for (let j = 0; j < 6; j++) chunk += `\t${int(pack.ints[o + 2 + j]!)}`
        chunk += `\t${text(pack.strs[so + 1])}\t${text(pack.strs[so + 2])}\t${pack.ints[o + 8]}\t${text(pack.strs[so + 3])}\t${r}\n`
      }
      copy.write(chunk)
    }
    copy.end()
    await done
    const inserted = await this.client.query(
      `insert into survey_responses (survey_id, key, response_id, respondent_id, rated_id, accuracy, timeliness, completeness, professionalism, overall, loyalty, comment, submitted_at, batch_id, line, fingerprint)
       select $1, key, response_id, respondent_id, rated_id, accuracy, timeliness, completeness, professionalism, overall, loyalty, comment, submitted_at, $2, line, fingerprint
       from icm_import_rows order by idx
       on conflict (survey_id, key) do nothing
       returning line`,
      [this.spec.surveyId, this.batchId],
    )
    await this.client.query('truncate icm_import_rows')
    const insertedLines = new Set(inserted.rows.map((r: { line: number }) => Number(r.line)))
    const turnedAwayKeys: string[] = []
    for (const pack of packs) {
      for (let i = 0; i < pack.count; i++) if (!insertedLines.has(pack.ints[i * INTS + 8]!)) turnedAwayKeys.push(pack.strs[i * STRS] as string)
    }
    const byKey = new Map<string, { batch_id: number; line: number; fingerprint: string; file_name: string }>()
    if (turnedAwayKeys.length > 0) {
      const existing = await this.client.query(
        `select r.key, r.batch_id, r.line, r.fingerprint, b.file_name from survey_responses r join survey_batches b on b.id = r.batch_id where r.survey_id = $1 and r.key = any($2::text[])`,
        [this.spec.surveyId, turnedAwayKeys],
      )
      for (const row of existing.rows) byKey.set(row.key, row)
    }
    for (const pack of packs) {
      const conflicts: PackConflict[] = []
      let imported = 0
      let present = 0
      for (let i = 0; i < pack.count; i++) {
        if (insertedLines.has(pack.ints[i * INTS + 8]!)) {
          imported++
          this.addToSums(pack, i)
          continue
        }
        const key = pack.strs[i * STRS] as string
        const was = byKey.get(key)!
        if (was.fingerprint === pack.strs[i * STRS + 3]) {
          present++
          continue
        }
        const where = Number(was.batch_id) === this.batchId ? `on line ${was.line}` : `in ${was.file_name} line ${was.line} (imported before, batch ${was.batch_id})`
        conflicts.push({ index: i, reason: `response id ${key.slice(3)} is also ${where} with other content` })
      }
      this.imported += imported
      this.alreadyPresent += present
      this.onDone(pack, conflicts, imported, present)
    }
  }

  private addToSums(pack: Pack, i: number): void {
    const o = i * INTS
    const key = `${pack.ints[o + 1]}>${pack.ints[o]}`
    let a = this.sums.get(key)
    if (!a) this.sums.set(key, (a = new Array(15).fill(0)))
    a[0]!++
    for (let j = 0; j < 6; j++) {
      const score = pack.ints[o + 2 + j]!
      if (score !== 0) {
        a[1 + 2 * j]! += score
        a[2 + 2 * j]!++
      }
    }
    const value = pack.values[i]!
    if (!Number.isNaN(value)) {
      a[13]! += value
      a[14]!++
    }
  }

  async drain(): Promise<void> {
    await this.flush()
  }

  async end(e: BatchEnd): Promise<void> {
    const c = this.client
    try {
      if (!e.commit) {
        await c.query('rollback')
        return
      }
      await c.query(`update survey_batches set rows = $1, imported = $2, already_present = $3, rejected = $4 where id = $5`, [
        e.counts.rows,
        e.counts.imported,
        e.counts.alreadyPresent,
        e.counts.rejected,
        this.batchId,
      ])
      for (const [key, a] of this.sums) {
        const [rated, respondent] = key.split('>').map(Number) as [number, number]
        await c.query(
          `insert into survey_score_sums (batch_id, survey_id, rated_id, respondent_id, responses, accuracy_sum, accuracy_n, timeliness_sum, timeliness_n,
             completeness_sum, completeness_n, professionalism_sum, professionalism_n, overall_sum, overall_n, loyalty_sum, loyalty_n, value_sum, value_n)
           values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19)`,
          [this.batchId, this.spec.surveyId, rated, respondent === 0 ? null : respondent, ...a],
        )
      }
      await c.query(`insert into events (at, actor, host, action, entity, details) values ($1, $2, $3, $4, $5, $6)`, [
        e.event.at,
        e.event.actor,
        e.event.host,
        e.event.action,
        e.event.entity,
        e.event.details,
      ])
      await c.query('commit')
    } catch (err) {
      await c.query('rollback').catch(() => {})
      throw err
    } finally {
      c.release()
    }
  }

  async abort(): Promise<void> {
    try {
      await this.client.query('rollback')
    } finally {
      this.client.release()
    }
  }
}
