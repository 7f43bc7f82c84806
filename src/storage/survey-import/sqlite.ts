import { createRequire } from 'node:module'
import v8 from 'node:v8'
import { Worker } from 'node:worker_threads'
import BetterSqlite3 from 'better-sqlite3'
import type { Kysely } from 'kysely'
import type { SqliteStore } from '../database.js'
import type { DB } from '../schema.js'
import { createStagingFile, removeStagingFile } from './staging-files.js'
import { defineStager, stageWorkerMain, type FileStager, type StagerReply, type StagerRequest } from './stager.js'
import { MAX_PACKS_IN_FLIGHT, PAIR, STRS, type ImportBackend, type Pack, type PairSums, type StageResult, type Stager, type StagingTables } from './types.js'

/**
 * The survey import's SQLite side. The rows are staged, outside the write lock, into a staging
 * file of their own next to the database (staging-files.ts), by survey-stager.ts: for a large
 * file in a worker thread, which also reads and decodes the file ahead of the main thread, so
 * that parsing and checking (the main thread) and staging overlap; else on the main thread. Then
 * the main connection attaches the staging file and the final step (survey-import-final.ts)
 * inserts the rows in one BEGIN IMMEDIATE transaction: the only time the import holds the lock.
 */

/** Files from this size on are staged by a worker thread (below, starting it costs more than it saves). */
export const WORKER_MIN_BYTES = 4 << 20
/**
 * The page cache while staging (SQLite's default is 2 MB): the index of the keys stays in memory.
 * 16 MB for files from 96 MB on (the million-row bench, 139 MB, is 25% slower with 8 MB); 8 MB
 * below (staged by the worker), where it is as fast and the peak memory of a 300,000-row import
 * is 10 MB lower. The cache grows only as pages are used, so small files never reach either.
 */
const IMPORT_CACHE_KIB = 16_384
const SMALL_IMPORT_CACHE_KIB = 8192
const LARGE_FILE_BYTES = 96 << 20
/**
 * The main connection's page cache during the final insert. Small: memory the stage worker
 * freed is not given back to the main thread, and the insert runs as fast with 4 MB as with 16
 * (measured on the million-row bench).
 */
const FINAL_CACHE_KIB = 4096
/** The schema name of the attached staging file on the main connection. */
const STAGING = 'icm_staging'

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

  /** The next chunk of the survey file's text, when the worker reads the file (takeText). */
  readonly nextText?: () => ReturnType<WorkerStager['takeText']>

  private constructor(
    private readonly thread: Worker,
    readsText: boolean,
  ) {
    this.gone = new Promise((resolve) => thread.once('exit', () => resolve()))
    if (readsText) this.nextText = () => this.takeText()
  }

  static start(file: string, source: TextSourceSpec | undefined): Promise<WorkerStager> {
    const require = createRequire(import.meta.url)
    // `require` is the eval'd script's own (a bundler would rewrite the word in code).
    const thread = new Worker(`(${stageWorkerMain.toString()})(require, ${defineStager.toString()})`, {
      eval: true,
      workerData: { driver: require.resolve('better-sqlite3'), file, cacheKib: source && source.size < LARGE_FILE_BYTES ? SMALL_IMPORT_CACHE_KIB : IMPORT_CACHE_KIB, source: source && { ...source, ahead: TEXTS_AHEAD } },
      stdout: false,
      stderr: false,
      // The worker only stages: a small young generation is plenty, and keeps its memory small.
      resourceLimits: { maxYoungGenerationSizeMb: 4 },
    })
    return new Promise((resolve, reject) => {
      let stager: WorkerStager | undefined
      thread.on('message', (m: StagerReply) => {
        if (stager) return stager.message(m)
        if (m.type === 'error') reject(workerError(m))
        else if (m.type === 'ready') {
          holdYoungGeneration()
          stager = new WorkerStager(thread, source !== undefined)
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

  private post(m: StagerRequest, transfer?: ArrayBuffer[]): void {
    this.thread.postMessage(m, transfer)
  }

  private message(m: StagerReply): void {
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
    this.post({ type: 'rows', seq: pack.seq, ints: pack.ints, lens, text, values: pack.values, count: pack.count, bad: pack.bad }, [
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
  private async takeText(): Promise<{ text: string; offset: number; last: boolean; sha256?: string } | { undecodable: number }> {
    while (this.texts.length === 0) {
      if (this.failure) throw this.failure
      if (this.exited) throw new Error('the stage worker stopped before the end of the file')
      await new Promise<void>((resolve) => this.waiters.push(resolve))
    }
    const t = this.texts.shift()!
    if ('text' in t && !t.last) this.post({ type: 'text-read' })
    return t
  }

  /** Ends the staging and waits for the thread to be gone, so its memory is given back before the final insert. */
  async finish(): Promise<StageResult> {
    if (this.failure) throw this.failure
    this.post({ type: 'end' })
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
 * which also reads and decodes the survey file for the main thread when `worker.source` says
 * where.
 */
export async function openSqliteImport(store: SqliteStore, worker: { source: TextSourceSpec | undefined } | undefined): Promise<ImportBackend> {
  const file = createStagingFile(store.location)
  try {
    const stager = worker ? await WorkerStager.start(file, worker.source) : new InThreadStager(file)
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
    // The checkpoint that follows so large a commit runs in afterCommit, so the commit lets the lock go first.
    sqlite.pragma('wal_autocheckpoint = 0')
    try {
      return await this.store.write(fn)
    } finally {
      sqlite.pragma('wal_autocheckpoint = 1000')
      sqlite.pragma('foreign_keys = ON')
      sqlite.pragma(`cache_size = ${cache}`)
    }
  }

  /** Copies the committed rows from the WAL into the database file (what the commit would have done), while other commands write. */
  async afterCommit(): Promise<void> {
    this.store.sqlite.pragma('wal_checkpoint(PASSIVE)')
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
