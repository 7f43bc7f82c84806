import type BetterSqlite3 from 'better-sqlite3'
import type { BadLine, PairSums } from './types.js'

/**
 * The SQLite staging side of the survey import: what writes the checked rows into the staging
 * file (survey-import-types.ts StagingTables), and the stage worker's body. Both are
 * self-contained functions, passed to the worker thread as source text (dist/icm.js is one bundle,
 * so there is no worker file): they must not use anything from outside their own bodies.
 */

/**
 * The staging side as one self-contained function returning a class: it runs on the main
 * thread for small files and, as source text, in the stage worker for large ones. It must not
 * use anything from outside its own body (no imports, no module names), because the worker gets
 * only its text. The tables are those of survey-import-types.ts StagingTables.
 */
export function defineStager() {
  const ROWS_PER_INSERT = 16
  return class FileStager {
    db: BetterSqlite3.Database
    staged = 0
    duplicates = 0
    insert: BetterSqlite3.Statement<unknown[]>
    insertMany: BetterSqlite3.Statement<unknown[]>
    seqOf: BetterSqlite3.Statement<[string], { seq: number }>
    dup: BetterSqlite3.Statement<[number, number, string, string]>
    bad: BetterSqlite3.Statement<[number, number, string, number]>
    args: unknown[] = new Array(ROWS_PER_INSERT * 15)
    /** score sums of the rows staged, per rated unit × 4194304 + respondent unit (0: none) */
    sums = new Map<number, number[]>()

    constructor(Database: typeof BetterSqlite3, file: string, cacheKib: number) {
      const db = new Database(file, { fileMustExist: true })
      this.db = db
      // A scratch file nobody else opens, thrown away after the import: no syncs, and the journal
      // in memory (better-sqlite3's defensive mode refuses OFF); new pages are never journaled.
      // 8 KB pages (SQLite's default is 4): the key index has fewer levels and splits, and
      // staging the million-row bench takes about a tenth less time. Set before the first table.
      db.pragma('page_size = 8192')
      db.pragma('journal_mode = MEMORY')
      db.pragma('synchronous = OFF')
      db.pragma('locking_mode = EXCLUSIVE')
      db.pragma(`cache_size = -${cacheKib}`)
      db.exec(`create table staged (seq integer primary key, line integer not null, key text not null unique, response_id text, respondent_id integer, rated_id integer not null,
          accuracy integer, timeliness integer, completeness integer, professionalism integer, overall integer, loyalty integer,
          comment text, submitted_at text, fingerprint text not null);
        create table dups (seq integer primary key, line integer not null, key text not null, fingerprint text not null);
        create table bad (seq integer primary key, line integer not null, reason text not null, exit_code integer not null, found text not null);
        create table sums (rated_id integer not null, respondent_id integer, responses integer, accuracy_sum integer, accuracy_n integer,
          timeliness_sum integer, timeliness_n integer, completeness_sum integer, completeness_n integer, professionalism_sum integer,
          professionalism_n integer, overall_sum integer, overall_n integer, loyalty_sum integer, loyalty_n integer, value_sum real, value_n integer);
        begin`)
      const row = '(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)'
      this.insert = db.prepare(`insert into staged values ${row} on conflict (key) do nothing`)
      this.insertMany = db.prepare(`insert into staged values ${new Array(ROWS_PER_INSERT).fill(row).join(', ')} on conflict (key) do nothing`)
      this.seqOf = db.prepare<[string], { seq: number }>('select seq from staged where key = ?')
      this.dup = db.prepare<[number, number, string, string]>(`insert into dups values (?, ?, ?, ?)`)
      this.bad = db.prepare<[number, number, string, number]>(`insert into bad values (?, ?, ?, ?, 'file')`)
    }

    /**
     * Stages a pack: `ints` holds 10 integers per row (respondent, rated, accuracy, timeliness,
     * completeness, professionalism, overall, loyalty, each 0 for none; line; seq), `strs` 4 per row
     * (key, comment, submitted_at, fingerprint), `values` each row's kpi.responseValue (NaN for
     * none). The first row of a key is staged and added to the sums; a later one is noted as a
     * duplicate (the final step compares it).
     */
    stage(ints: Int32Array, strs: (string | null)[], values: Float64Array, count: number, bad: readonly BadLine[]): void {
      for (const b of bad) this.bad.run(b.seq!, b.line, b.reason, b.exitCode)
      const z = (n: number) => (n === 0 ? null : n)
      const args = this.args
      let i = 0
      // Rows go in ROWS_PER_INSERT at a time (one call instead of sixteen); a row its key turned
      // away (a duplicate) is found afterwards, as its key's staged seq is not its own.
      while (i < count) {
        const n = Math.min(ROWS_PER_INSERT, count - i)
        for (let k = 0; k < n; k++) {
          const o = (i + k) * 10
          const so = (i + k) * 4
          const a = k * 15
          const key = strs[so] as string
          args[a] = ints[o + 9]
          args[a + 1] = ints[o + 8]
          args[a + 2] = key
          args[a + 3] = key.startsWith('id:') ? key.slice(3) : null
          args[a + 4] = z(ints[o]!)
          args[a + 5] = ints[o + 1]
          for (let j = 0; j < 6; j++) args[a + 6 + j] = z(ints[o + 2 + j]!)
          args[a + 12] = strs[so + 1]
          args[a + 13] = strs[so + 2]
          args[a + 14] = strs[so + 3]
        }
        const insert = n === ROWS_PER_INSERT ? this.insertMany : this.insert
        let staged = 0
        if (n === ROWS_PER_INSERT) staged = insert.run(args).changes
        else for (let k = 0; k < n; k++) staged += this.insert.run(args.slice(k * 15, k * 15 + 15)).changes
        for (let k = 0; k < n; k++) {
          const o = (i + k) * 10
          const seq = ints[o + 9]!
          const key = strs[(i + k) * 4] as string
          if (staged < n && this.seqOf.get(key)?.seq !== seq) {
            this.duplicates++
            this.dup.run(seq, ints[o + 8]!, key, strs[(i + k) * 4 + 3] as string)
            continue
          }
          this.staged++
          FileStager.addToSums(this.sums, ints, o, values[i + k]!)
        }
        i += n
      }
    }

    /**
     * Adds one row to `sums`: `ints` from offset `o` as in a pack (respondent, rated, the six
     * scores, 0 for none), `value` its kpi.responseValue (NaN for none). The pair key is rated
     * unit × 4194304 (types.ts PAIR) + respondent unit (0: none); the 15 numbers are in
     * surveys-repo's SUM_COLUMNS order. Also the main thread's (addToSums below).
     */
    static addToSums(sums: Map<number, number[]>, ints: ArrayLike<number>, o: number, value: number): void {
      const pair = ints[o + 1]! * 4194304 + ints[o]!
      let a = sums.get(pair)
      if (a === undefined) {
        a = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]
        sums.set(pair, a)
      }
      a[0]!++
      for (let j = 0; j < 6; j++) {
        const score = ints[o + 2 + j]!
        if (score !== 0) {
          a[1 + 2 * j]! += score
          a[2 + 2 * j]!++
        }
      }
      if (!Number.isNaN(value)) {
        a[13]! += value
        a[14]!++
      }
    }

    /** Commits and closes the staging file; returns what was staged. */
    finish(): { staged: number; duplicates: number; sums: [number, number[]][] } {
      this.db.exec('commit')
      this.db.close()
      return { staged: this.staged, duplicates: this.duplicates, sums: [...this.sums] }
    }

    close(): void {
      if (this.db.open) this.db.close()
    }
  }
}

export type FileStager = InstanceType<ReturnType<typeof defineStager>>

/** Adds one row of a pack to the score sums (FileStager.addToSums, the one definition). */
export const addToSums: (sums: PairSums, ints: ArrayLike<number>, o: number, value: number) => void = defineStager().addToSums

/** What the main thread sends the stage worker. */
export type StagerRequest =
  | { type: 'rows'; seq: number; ints: Int32Array; lens: Int32Array; text: string; values: Float64Array; count: number; bad: BadLine[] }
  | { type: 'text-read' }
  | { type: 'end' }

/** What the stage worker answers. */
export type StagerReply =
  | { type: 'ready' }
  | { type: 'done'; seq: number }
  | { type: 'text'; text: string; offset: number; last: boolean; sha256?: string }
  | { type: 'undecodable'; offset: number }
  | { type: 'error'; message: string; code: string | null }
  | { type: 'finished'; result: ReturnType<FileStager['finish']> }

/**
 * The stage worker's body, as source text for `new Worker(…, { eval: true })` (dist/icm.js is
 * one bundle, so there is no separate worker file): opens the staging file, then answers the
 * main thread's messages. Self-contained like defineStager: `load` is the worker script's require.
 */
export function stageWorkerMain(load: NodeJS.Require, define: typeof defineStager): void {
  const { parentPort, workerData } = load('node:worker_threads')
  const post = (m: StagerReply) => parentPort.postMessage(m)
  const fail = (e: unknown) => {
    const err = e as { message?: unknown; code?: string } | undefined
    post({ type: 'error', message: String(err?.message ?? e), code: err?.code ?? null })
  }
  let stager: FileStager | undefined
  // The survey file, read and decoded here a chunk ahead of the main thread, which parses and
  // checks the text: the same strict decoder as domain/text-encoding.ts createStrictDecoder.
  const source = workerData.source
  let nextText = () => {}
  try {
    const Stager = define()
    stager = new Stager(load(workerData.driver), workerData.file, workerData.cacheKib)
    if (source) {
      const fs = load('node:fs')
      const fd = fs.openSync(source.file, 'r')
      const hash = load('node:crypto').createHash('sha256')
      const decoder = new TextDecoder(source.label, { fatal: true, ignoreBOM: false })
      const chunk = Buffer.allocUnsafe(source.chunkBytes)
      let offset = 0
      let ended = false
      nextText = () => {
        if (ended) return
        const n = fs.readSync(fd, chunk, 0, chunk.length, offset)
        const last = n === 0 || offset + n >= source.size
        hash.update(chunk.subarray(0, n))
        let text: string
        try {
          text = last ? decoder.decode(chunk.subarray(0, n)) : decoder.decode(chunk.subarray(0, n), { stream: true })
        } catch {
          ended = true
          fs.closeSync(fd)
          post({ type: 'undecodable', offset })
          return
        }
        offset += n
        if (last) {
          ended = true
          fs.closeSync(fd)
        }
        post({ type: 'text', text, offset, last, sha256: last ? hash.digest('hex') : undefined })
      }
    }
    post({ type: 'ready' })
    if (source) for (let i = 0; i < source.ahead; i++) nextText()
  } catch (e) {
    fail(e)
    parentPort.close()
    return
  }
  parentPort.on('message', (m: StagerRequest) => {
    try {
      if (m.type === 'text-read') {
        nextText()
      } else if (m.type === 'rows') {
        // The strings come as one text and their lengths (-1 for null): one copy instead of thousands of small ones.
        const lens = m.lens
        const strs: (string | null)[] = new Array(lens.length)
        for (let i = 0, at = 0; i < lens.length; i++) {
          const n = lens[i]!
          if (n < 0) strs[i] = null
          else {
            strs[i] = m.text.slice(at, at + n)
            at += n
          }
        }
        stager!.stage(m.ints, strs, m.values, m.count, m.bad)
        post({ type: 'done', seq: m.seq })
      } else if (m.type === 'end') {
        post({ type: 'finished', result: stager!.finish() })
        parentPort.close()
      }
    } catch (e) {
      fail(e)
      try {
        stager?.close()
      } catch {
        // the connection is gone already
      }
      parentPort.close()
    }
  })
}
