import { createRequire } from 'node:module'
import v8 from 'node:v8'
import { Worker } from 'node:worker_threads'
import BetterSqlite3 from 'better-sqlite3'
import type { Kysely } from 'kysely'
import type { SqliteStore } from './database.js'
import type { DB } from './schema.js'
import { createStagingFile, removeStagingFile } from './staging-files.js'
import { MAX_PACKS_IN_FLIGHT, PAIR, STRS, type ImportBackend, type Pack, type PairSums, type StageResult, type Stager, type StagingTables } from './survey-import-types.js'

/**
 * The survey import's SQLite side. The rows are staged, outside the write lock, into a staging
 * file of their own next to the database (staging-files.ts): by a worker thread for a large
 * file, so parsing and staging overlap, else on the main thread. Then the main connection
 * attaches the staging file and the final step (survey-import-final.ts) inserts the rows in one
 * BEGIN IMMEDIATE transaction: the only time the import holds the write lock.
 */

/** Files from this size on are staged by a worker thread (below, starting it costs more than it saves). */
export const WORKER_MIN_BYTES = 4 << 20
/** The page cache while staging (SQLite's default is 2 MB): the index of the keys stays in memory. */
const IMPORT_CACHE_KIB = 16_384
/**
 * The main connection's page cache during the final insert. Small: memory the stage worker
 * freed is not given back to the main thread, and the insert runs as fast with 4 MB as with 16
 * (measured on the million-row bench).
 */
const FINAL_CACHE_KIB = 4096
/** The schema name of the attached staging file on the main connection. */
const STAGING = 'icm_staging'

/**
 * The staging side as one self-contained function returning a class: it runs on the main
 * thread for small files and, as source text, in the stage worker for large ones. It must not
 * use anything from outside its own body (no imports, no module names), because the worker gets
 * only its text. The tables are those of survey-import-types.ts StagingTables.
 */
function defineStager() {
  const ROWS_PER_INSERT = 16
  return class FileStager {
    db: any
    staged = 0
    duplicates = 0
    insert: any
    insertMany: any
    lineOf: any
    dup: any
    bad: any
    args: unknown[] = new Array(ROWS_PER_INSERT * 14)
    /** score sums of the rows staged, per rated unit × 4194304 + respondent unit (0: none) */
    sums = new Map<number, number[]>()

    constructor(Database: any, file: string, cacheKib: number) {
      const db = new Database(file, { fileMustExist: true })
      this.db = db
      // A scratch file nobody else opens, thrown away after the import: no syncs, and the journal
      // in memory (better-sqlite3's defensive mode refuses OFF); new pages are never journaled.
      db.pragma('journal_mode = MEMORY')
      db.pragma('synchronous = OFF')
      db.pragma('locking_mode = EXCLUSIVE')
      db.pragma(`cache_size = -${cacheKib}`)
      db.exec(`create table staged (line integer primary key, key text not null unique, response_id text, respondent_id integer, rated_id integer not null,
          accuracy integer, timeliness integer, completeness integer, professionalism integer, overall integer, loyalty integer,
          comment text, submitted_at text, fingerprint text not null);
        create table dups (line integer primary key, key text not null, fingerprint text not null);
        create table bad (line integer primary key, reason text not null, exit_code integer not null, found text not null);
        create table sums (rated_id integer not null, respondent_id integer, responses integer, accuracy_sum integer, accuracy_n integer,
          timeliness_sum integer, timeliness_n integer, completeness_sum integer, completeness_n integer, professionalism_sum integer,
          professionalism_n integer, overall_sum integer, overall_n integer, loyalty_sum integer, loyalty_n integer, value_sum real, value_n integer);
        begin`)
      const row = '(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)'
      this.insert = db.prepare(`insert into staged values ${row} on conflict (key) do nothing`)
      this.insertMany = db.prepare(`insert into staged values ${new Array(ROWS_PER_INSERT).fill(row).join(', ')} on conflict (key) do nothing`)
      this.lineOf = db.prepare('select line from staged where key = ?')
      this.dup = db.prepare(`insert into dups values (?, ?, ?)`)
      this.bad = db.prepare(`insert into bad values (?, ?, ?, 'file')`)
    }

    /**
     * Stages a pack: `ints` holds 9 integers per row (respondent, rated, accuracy, timeliness,
     * completeness, professionalism, overall, loyalty, each 0 for none; line), `strs` 4 per row
     * (key, comment, submitted_at, fingerprint), `values` each row's kpi.responseValue (NaN for
     * none). The first row of a key is staged and added to the sums; a later one is noted as a
     * duplicate (the final step compares it).
     */
    stage(ints: Int32Array, strs: (string | null)[], values: Float64Array, count: number, bad: { line: number; reason: string; exitCode: number }[]): void {
      for (const b of bad) this.bad.run(b.line, b.reason, b.exitCode)
      const z = (n: number) => (n === 0 ? null : n)
      const args = this.args
      let i = 0
      // Rows go in ROWS_PER_INSERT at a time (one call instead of sixteen); a row its key turned
      // away (a duplicate) is found afterwards, as its key's staged line is not its own.
      while (i < count) {
        const n = Math.min(ROWS_PER_INSERT, count - i)
        for (let k = 0; k < n; k++) {
          const o = (i + k) * 9
          const so = (i + k) * 4
          const a = k * 14
          const key = strs[so] as string
          args[a] = ints[o + 8]
          args[a + 1] = key
          args[a + 2] = key.startsWith('id:') ? key.slice(3) : null
          args[a + 3] = z(ints[o]!)
          args[a + 4] = ints[o + 1]
          for (let j = 0; j < 6; j++) args[a + 5 + j] = z(ints[o + 2 + j]!)
          args[a + 11] = strs[so + 1]
          args[a + 12] = strs[so + 2]
          args[a + 13] = strs[so + 3]
        }
        const insert = n === ROWS_PER_INSERT ? this.insertMany : this.insert
        let staged = 0
        if (n === ROWS_PER_INSERT) staged = insert.run(args).changes
        else for (let k = 0; k < n; k++) staged += this.insert.run(args.slice(k * 14, k * 14 + 14)).changes
        for (let k = 0; k < n; k++) {
          const o = (i + k) * 9
          const line = ints[o + 8]!
          if (staged < n && this.lineOf.get(strs[(i + k) * 4])?.line !== line) {
            this.duplicates++
            this.dup.run(line, strs[(i + k) * 4], strs[(i + k) * 4 + 3])
            continue
          }
          this.staged++
          this.addToSums(ints, o, values[i + k]!)
        }
        i += n
      }
    }

    /** The same sums as survey-import-types.ts addToSums (this class cannot import it). */
    addToSums(ints: Int32Array, o: number, value: number): void {
      const sums = this.sums
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

type FileStager = InstanceType<ReturnType<typeof defineStager>>

/**
 * The stage worker's body, as source text for `new Worker(…, { eval: true })` (dist/icm.js is
 * one bundle, so there is no separate worker file): opens the staging file, then answers the
 * main thread's messages. Self-contained like defineStager: `load` is the worker script's require.
 */
function stageWorkerMain(load: (id: string) => any, define: typeof defineStager): void {
  const { parentPort, workerData } = load('node:worker_threads')
  const post = (m: unknown) => parentPort.postMessage(m)
  const fail = (e: any) => post({ type: 'error', message: String(e?.message ?? e), code: e?.code ?? null })
  let stager: any
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
  parentPort.on('message', (m: any) => {
    try {
      if (m.type === 'text-read') {
        nextText()
      } else if (m.type === 'rows') {
        // The strings come as one text and their lengths (-1 for null): one copy instead of thousands of small ones.
        const lens: Int32Array = m.lens
        const strs: (string | null)[] = new Array(lens.length)
        for (let i = 0, at = 0; i < lens.length; i++) {
          const n = lens[i]!
          if (n < 0) strs[i] = null
          else {
            strs[i] = m.text.slice(at, at + n)
            at += n
          }
        }
        stager.stage(m.ints, strs, m.values, m.count, m.bad)
        post({ type: 'done', seq: m.seq })
      } else if (m.type === 'end') {
        post({ type: 'finished', result: stager.finish() })
        parentPort.close()
      }
    } catch (e) {
      fail(e)
      try {
        stager.close()
      } catch {
        // the connection is gone already
      }
      parentPort.close()
    }
  })
}

function stageResult(r: { staged: number; duplicates: number; sums: [number, number[]][] }): StageResult {
  return { staged: r.staged, duplicates: r.duplicates, sums: new Map(r.sums) as PairSums }
}

class InThreadStager implements Stager {
  readonly worker = false
  private readonly stager: FileStager

  constructor(file: string) {
    const Stager = defineStager()
    this.stager = new Stager(BetterSqlite3, file, IMPORT_CACHE_KIB)
  }

  async send(pack: Pack): Promise<void> {
    this.stager.stage(pack.ints, pack.strs, pack.values, pack.count, pack.bad)
  }

  async finish(): Promise<StageResult> {
    return stageResult(this.stager.finish())
  }

  async abort(): Promise<void> {
    this.stager.close()
  }
}

class WorkerStager implements Stager {
  readonly worker = true
  private inFlight = 0
  private waiters: (() => void)[] = []
  private failure: Error | undefined
  private result: StageResult | undefined
  private exited = false
  private readonly gone: Promise<void>
  /** decoded text the worker sent ahead, or where the file stopped decoding */
  private texts: ({ text: string; offset: number; last: boolean; sha256?: string } | { undecodable: number })[] = []

  private constructor(private readonly thread: Worker) {
    this.gone = new Promise((resolve) => thread.once('exit', () => resolve()))
  }

  static start(file: string, source: TextSourceSpec | undefined): Promise<WorkerStager> {
    const require = createRequire(import.meta.url)
    // `require` is the eval'd script's own (a bundler would rewrite the word in code).
    const thread = new Worker(`(${stageWorkerMain.toString()})(require, ${defineStager.toString()})`, {
      eval: true,
      workerData: { driver: require.resolve('better-sqlite3'), file, cacheKib: IMPORT_CACHE_KIB, source: source && { ...source, ahead: TEXTS_AHEAD } },
      stdout: false,
      stderr: false,
      // The worker only stages: a small young generation is plenty, and keeps its memory small.
      resourceLimits: { maxYoungGenerationSizeMb: 4 },
    })
    return new Promise((resolve, reject) => {
      let stager: WorkerStager | undefined
      thread.on('message', (m: any) => {
        if (stager) return stager.message(m)
        if (m.type === 'error') reject(workerError(m))
        else if (m.type === 'ready') {
          holdYoungGeneration()
          stager = new WorkerStager(thread)
          resolve(stager)
        }
      })
      thread.on('error', (e) => (stager ? stager.fail(e) : reject(e)))
      thread.on('exit', () => {
        if (stager) stager.exit()
        else reject(new Error('the stage worker stopped before it started'))
      })
    })
  }

  private message(m: any): void {
    if (m.type === 'done') {
      this.inFlight--
      this.wake()
    } else if (m.type === 'text') {
      this.texts.push({ text: m.text, offset: m.offset, last: m.last, sha256: m.sha256 })
      this.wake()
    } else if (m.type === 'undecodable') {
      this.texts.push({ undecodable: m.offset })
      this.wake()
    } else if (m.type === 'error') {
      this.fail(workerError(m))
    } else if (m.type === 'finished') {
      this.result = stageResult(m.result)
    }
  }

  private fail(e: Error): void {
    this.failure ??= e
    this.wake()
  }

  private exit(): void {
    this.exited = true
    this.failure ??= this.result ? undefined : new Error('the stage worker stopped unexpectedly')
    this.wake()
  }

  private wake(): void {
    const w = this.waiters
    this.waiters = []
    for (const f of w) f()
  }

  async send(pack: Pack): Promise<void> {
    if (this.failure) throw this.failure
    this.inFlight++
    const n = pack.count * STRS
    const lens = new Int32Array(n)
    for (let i = 0; i < n; i++) {
      const v = pack.strs[i]
      lens[i] = v === null || v === undefined ? -1 : v.length
    }
    const text = pack.strs.slice(0, n).join('')
    pack.strs = []
    this.thread.postMessage({ type: 'rows', seq: pack.seq, ints: pack.ints, lens, text, values: pack.values, count: pack.count, bad: pack.bad }, [
      pack.ints.buffer as ArrayBuffer,
      lens.buffer as ArrayBuffer,
      pack.values.buffer as ArrayBuffer,
    ])
    while (this.inFlight >= MAX_PACKS_IN_FLIGHT) {
      if (this.failure) throw this.failure
      await new Promise<void>((resolve) => this.waiters.push(resolve))
    }
    if (this.failure) throw this.failure
  }

  /**
   * The next chunk of the survey file's text, decoded by the worker (which reads ahead), with the
   * file offset after it (and with the last chunk, the sha256 of the bytes read); `{ undecodable }`
   * when the chunk at that offset does not decode.
   */
  async nextText(): Promise<{ text: string; offset: number; last: boolean; sha256?: string } | { undecodable: number }> {
    while (this.texts.length === 0) {
      if (this.failure) throw this.failure
      if (this.exited) throw new Error('the stage worker stopped before the end of the file')
      await new Promise<void>((resolve) => this.waiters.push(resolve))
    }
    const t = this.texts.shift()!
    if ('text' in t && !t.last) this.thread.postMessage({ type: 'text-read' })
    return t
  }

  /** Ends the staging and waits for the thread to be gone, so its memory is given back before the final insert. */
  async finish(): Promise<StageResult> {
    if (this.failure) throw this.failure
    this.thread.postMessage({ type: 'end' })
    await this.gone
    releaseYoungGeneration()
    if (this.failure) throw this.failure
    return this.result!
  }

  async abort(): Promise<void> {
    releaseYoungGeneration()
    if (this.exited) return
    await this.thread.terminate()
  }
}

/**
 * Keeps the main thread's young generation at its initial size while the worker stages. V8
 * grows it up to 32 MB under the reader's allocation rate, though almost nothing survives; with
 * a worker thread running, that alone put the million-row import over 128 MB. The flag must be
 * set once the worker is running (starting a worker resets it); releaseYoungGeneration restores
 * V8's default growth factor.
 */
function holdYoungGeneration(): void {
  v8.setFlagsFromString('--semi-space-growth-factor=1')
}

function releaseYoungGeneration(): void {
  v8.setFlagsFromString('--semi-space-growth-factor=2')
}

function workerError(m: { message: string; code: string | null }): Error {
  const e = new Error(m.message) as Error & { code?: string }
  if (m.code) e.code = m.code
  return e
}

/** Chunks of text the worker decodes ahead of the main thread. */
const TEXTS_AHEAD = 4

/** What the worker needs to read and decode the survey file for the main thread. */
export interface TextSourceSpec {
  file: string
  size: number
  /** the TextDecoder label of the file's encoding */
  label: string
  chunkBytes: number
}

/**
 * Opens the staging file of one import and its stager: a worker thread when `worker` is given,
 * which also reads and decodes the survey file for the main thread (`worker` says where).
 */
export async function openSqliteImport(store: SqliteStore, worker: TextSourceSpec | undefined): Promise<ImportBackend> {
  const file = createStagingFile(store.location)
  try {
    const stager = worker ? await WorkerStager.start(file, worker) : new InThreadStager(file)
    return new SqliteImport(store, file, stager)
  } catch (e) {
    removeStagingFile(file)
    throw e
  }
}

class SqliteImport implements ImportBackend {
  readonly tables: StagingTables = { staged: `${STAGING}.staged`, dups: `${STAGING}.dups`, bad: `${STAGING}.bad`, sums: `${STAGING}.sums` }
  private attached = false

  constructor(
    private readonly store: SqliteStore,
    private readonly file: string,
    readonly stager: Stager,
  ) {}

  get db(): Kysely<DB> {
    return this.store.db
  }

  async ready(): Promise<void> {
    const sqlite = this.store.sqlite
    sqlite.prepare(`attach database ? as ${STAGING}`).run(this.file)
    this.attached = true
    // The analysis writes a little to it (bad lines, rows found in the database); the rows are
    // read once, in order: no memory map (it would count the whole file as the process's memory).
    sqlite.pragma(`${STAGING}.journal_mode = MEMORY`)
    sqlite.pragma(`${STAGING}.synchronous = OFF`)
    sqlite.pragma(`${STAGING}.mmap_size = 0`)
  }

  async stageSums(sums: PairSums): Promise<void> {
    const sqlite = this.store.sqlite
    const insert = sqlite.prepare(`insert into ${STAGING}.sums values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
    // better-sqlite3's transaction: a savepoint when the final step's transaction is open
    sqlite.transaction(() => {
      sqlite.exec(`delete from ${STAGING}.sums`)
      for (const [pair, a] of sums) {
        const respondent = pair % PAIR
        insert.run((pair - respondent) / PAIR, respondent === 0 ? null : respondent, ...a)
      }
    })()
  }

  /** A deferred transaction: its first read fixes the snapshot, and it writes only to the staging file. */
  snapshot<T>(fn: (db: Kysely<DB>) => Promise<T>): Promise<T> {
    return this.store.db.transaction().execute(fn)
  }

  /**
   * The store's write transaction (BEGIN IMMEDIATE, waiting for another writer as every command
   * does), with foreign keys off: the rows reference only ids read from the database (the survey,
   * the batch, units, which are never deleted), and checking four keys per row would cost a
   * fifth of the insert. The pragma is a no-op inside a transaction, so it is set around it.
   */
  async locked<T>(fn: (db: Kysely<DB>) => Promise<T>): Promise<T> {
    const sqlite = this.store.sqlite
    const cache = sqlite.pragma('cache_size', { simple: true }) as number
    sqlite.pragma('foreign_keys = OFF')
    sqlite.pragma(`cache_size = -${FINAL_CACHE_KIB}`)
    try {
      return await this.store.write(fn)
    } finally {
      sqlite.pragma('foreign_keys = ON')
      sqlite.pragma(`cache_size = ${cache}`)
    }
  }

  async close(): Promise<void> {
    try {
      await this.stager.abort()
      if (this.attached) {
        this.attached = false
        this.store.sqlite.exec(`detach database ${STAGING}`)
      }
    } finally {
      removeStagingFile(this.file)
    }
  }
}
