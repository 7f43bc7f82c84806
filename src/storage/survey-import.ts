import { createHash } from 'node:crypto'
import fs from 'node:fs'
import { createRequire } from 'node:module'
import v8 from 'node:v8'
import { Worker } from 'node:worker_threads'
import { detectDelimiter, type CsvDelimiter } from '../domain/csv-dialect.js'
import { formatInstant } from '../domain/dates.js'
import { ConflictError, UserError, errorWithCode, type ExitCodeValue } from '../domain/errors.js'
import type { HeaderMapping, MappingFile } from '../domain/header-aliases.js'
import { responseValue } from '../domain/kpi.js'
import { CsvRecordReader, MAX_RECORD_CHARS, type CsvRecord } from '../domain/survey-csv.js'
import { SurveyRecordChecker, describeBadLines, unitsWithAliases, type UnitNameMatch } from '../domain/survey-import.js'
import { ChunkDecoder, detectEncoding, encodingDisplayName, type TextEncodingName } from '../domain/text-encoding.js'
import type { Store } from './database.js'
import type { NewEvent } from './events-repo.js'
import type { SurveyRow } from './schema-surveys.js'
import { listUnits } from './units-repo.js'
import { PostgresSink } from './survey-import-pg.js'

/**
 * The streaming bulk path of `icm survey import` (DESIGN.md §5). The file is read in chunks,
 * decoded strictly, split into records and checked row by row on the main thread; the good rows
 * go to the database in packs through prepared better-sqlite3 statements, inside one BEGIN
 * IMMEDIATE transaction that also writes the batch row, the batch's score sums (what every
 * satisfaction figure adds up) and the event row. For a large file the
 * inserting runs in a worker thread on its own connection, so parsing and inserting overlap.
 *
 * Memory stays flat: nothing holds more than a chunk of text and a few packs in flight;
 * duplicates and conflicts are found through the unique index on (survey_id, key), not in memory.
 * A killed process leaves an uncommitted transaction that SQLite rolls back: all rows of the
 * file or none.
 */

/** Bytes read per chunk: small enough that the decoded text stays in V8's young generation. */
const CHUNK_BYTES = 1 << 16
/** Bytes looked at to detect the encoding and the delimiter. */
const SAMPLE_BYTES = 1 << 16
/**
 * Rows per pack sent to the inserter, and packs the reader may be ahead of it. A pack keeps
 * nothing of its records once sent (their cells would keep the decoded chunks alive past young
 * collections): measured on the million-row bench, 256 × 4 runs at 111 MB peak; keeping the
 * cells for the rejects file took 153 MB.
 */
const PACK_ROWS = 256
const MAX_PACKS_IN_FLIGHT = 4
/** Files from this size on are inserted by a worker thread (below, starting it costs more than it saves). */
export const WORKER_MIN_BYTES = 4 << 20
/** How long an import waits for another writer (another import) before giving up. */
export const LOCK_WAIT_MS = 10 * 60_000
/** The page cache of the inserting connection while it runs (SQLite's default is 2 MB): the covering index stays in memory. */
const IMPORT_CACHE_KIB = 16_384
/** Integers per packed row: respondent, rated, the six scores (0 = none), line. */
export const INTS = 9
/** Strings per packed row: key, comment, submitted_at, fingerprint. */
export const STRS = 4

export interface SurveyFileHead {
  /** bytes in the file */
  size: number
  encoding: TextEncodingName
  /** why this encoding (detected from a BOM, valid UTF-8 …, or given with --encoding) */
  encodingReason: string
  delimiter: CsvDelimiter
  headers: string[]
  /** the line the header is on (1 unless blank lines come first) */
  headerLine: number
}

/**
 * Reads the start of a survey file: its encoding (given, or detected from a BOM, then strict
 * UTF-8, then strict GB18030), its delimiter (given, or detected) and its header record. Throws
 * UserError for an empty file, undecodable bytes and a malformed header.
 */
export function readSurveyFileHead(file: string, shown: string, opts: { encoding?: TextEncodingName | 'auto'; delimiter?: CsvDelimiter }): SurveyFileHead {
  const fd = fs.openSync(file, 'r')
  try {
    const size = fs.fstatSync(fd).size
    const sample = Buffer.alloc(Math.min(size, SAMPLE_BYTES))
    fs.readSync(fd, sample, 0, sample.length, 0)
    const given = opts.encoding !== undefined && opts.encoding !== 'auto' ? opts.encoding : undefined
    const detected = given ? undefined : detectEncoding(sample, size <= SAMPLE_BYTES)
    const encoding = given ?? detected!.encoding
    const encodingReason = given ? 'given with --encoding' : detected!.reason
    const decoder = new ChunkDecoder(encoding)
    const chunk = Buffer.allocUnsafe(SAMPLE_BYTES)
    const records: CsvRecord[] = []
    let delimiter = opts.delimiter
    let reader: CsvRecordReader | undefined
    /** text decoded before the delimiter is known */
    let pending = ''
    let offset = 0
    let header: CsvRecord | undefined
    for (;;) {
      const n = fs.readSync(fd, chunk, 0, chunk.length, offset)
      const last = offset + n >= size
      pending += decoder.decode(chunk.subarray(0, n), offset, last)
      offset += n
      if (!delimiter && !last && pending.length < 16_384) continue
      delimiter ??= detectDelimiter(pending.slice(0, 16_384))
      reader ??= new CsvRecordReader(delimiter)
      reader.push(pending, records)
      pending = ''
      if (last) reader.end(records)
      header = records.find((rec) => rec.error !== undefined || rec.cells.some((c) => c.trim() !== ''))
      if (header || last || offset >= 4 * MAX_RECORD_CHARS + SAMPLE_BYTES) break // a longer first line has made the reader throw
    }
    if (!header) {
      throw new UserError(
        offset >= size ? `${shown} is empty${size > 0 ? ' (it holds only blank lines)' : ''}` : `${shown}: no header found in its first ${offset} bytes`,
        'export the survey again: the first line must name the columns',
      )
    }
    if (header.error) throw new UserError(`${shown} line ${header.line} (the header): ${header.error}`, 'fix the header line')
    return { size, encoding, encodingReason, delimiter: delimiter ?? ',', headers: header.cells, headerLine: header.line }
  } finally {
    fs.closeSync(fd)
  }
}

/** sha256 hex of a file's bytes, read in chunks. */
export function sha256OfFile(file: string): string {
  const fd = fs.openSync(file, 'r')
  try {
    const hash = createHash('sha256')
    const chunk = Buffer.allocUnsafe(1 << 20)
    for (let pos = 0; ; ) {
      const n = fs.readSync(fd, chunk, 0, chunk.length, pos)
      if (n === 0) break
      hash.update(chunk.subarray(0, n))
      pos += n
    }
    return hash.digest('hex')
  } finally {
    fs.closeSync(fd)
  }
}

export interface SurveyImportRequest {
  survey: SurveyRow
  /** the file's full path */
  file: string
  /** the file as the user named it (messages, the batch row) */
  shown: string
  head: SurveyFileHead
  mapping: HeaderMapping
  map?: MappingFile
  sha256: string
  dryRun: boolean
  skipInvalid: boolean
  force: boolean
  /** where to write every bad line as CSV (line, reason, the cells) */
  rejects?: string
  actor: string
  now: Date
  /** the event row of the import, from its counts */
  event: (details: Record<string, unknown>) => NewEvent
  /** insert in a worker thread (default: for files of WORKER_MIN_BYTES or more) */
  worker?: boolean
  /** called after each chunk: bytes read so far, rows read so far */
  onProgress?: (bytes: number, rows: number) => void
  /** called once when another writer holds the lock and the import starts to wait */
  onWait?: () => void
}

export interface SurveyImportResult {
  batchId: number | null
  read: number
  imported: number
  alreadyPresent: number
  rejected: number
  unitsMatched: UnitNameMatch[]
  /** whether a worker thread inserted the rows */
  worker: boolean
}

export function alreadyImported(shown: string, before: { file_name: string; survey_code: string; at: string; actor: string; id: number }): ConflictError {
  return new ConflictError(
    `${shown} was already imported into ${before.survey_code} as ${before.file_name} (batch ${before.id}, by ${before.actor} at ${formatInstant(new Date(before.at))}); nothing imported`,
    'a file is imported once, whatever its name; add --force to import it again, skipping the rows already present',
  )
}

// ── The inserter ─────────────────────────────────────────────────────────────────────────────

/** What the inserter needs to open the batch. */
export interface BatchSpec {
  surveyId: number
  fileName: string
  sha256: string
  bytes: number
  encoding: string
  forced: boolean
  actor: string
  at: string
  lockWaitMs: number
  cacheKib: number
}

export interface BatchEnd {
  commit: boolean
  counts: { rows: number; imported: number; alreadyPresent: number; rejected: number }
  event: { at: string; actor: string; host: string; action: string; entity: string | null; details: string }
}

export interface PackConflict {
  /** the row's index in its pack */
  index: number
  reason: string
}

/**
 * The inserting side, as one self-contained function returning a class: it runs on the main
 * thread for small files and, as source text, in the insert worker for large ones. It must not
 * use anything from outside its own body (no imports, no module names), because the worker gets
 * only its text. It writes the batch row and the event row itself, in SQL equal to
 * surveys-repo.insertBatch/finishBatch and events-repo.appendEvent, because the worker's
 * connection holds the transaction and kysely lives only on the main thread.
 */
function defineInserter() {
  return class Inserter {
    sqlite: any
    spec: BatchSpec
    batchId = 0
    imported = 0
    alreadyPresent = 0
    insert: any
    existing: any
    previousCache = 0
    previousTimeout = 5000
    /** score sums of the rows inserted, per rated unit × 4194304 + respondent unit (0: none) */
    sums = new Map<number, number[]>()

    constructor(sqlite: any, spec: BatchSpec) {
      this.sqlite = sqlite
      this.spec = spec
    }

    /**
     * BEGIN IMMEDIATE, waiting for another writer in busy_timeout steps up to lockWaitMs (onWait
     * once when it has to wait); then the sha256 check inside the lock and the batch row.
     * Returns the earlier batch of the same file when there is one (and rolls back).
     */
    begin(onWait: () => void): { already: any } | { batchId: number } {
      const db = this.sqlite
      this.previousTimeout = db.pragma('busy_timeout', { simple: true })
      const started = Date.now()
      db.pragma('busy_timeout = 0')
      let waiting = false
      try {
        for (;;) {
          try {
            db.exec('begin immediate')
            break
          } catch (e: any) {
            if (!String(e?.code ?? '').startsWith('SQLITE_BUSY')) throw e
            if (!waiting) {
              waiting = true
              onWait()
              db.pragma(`busy_timeout = ${this.previousTimeout > 0 ? this.previousTimeout : 5000}`)
            }
            if (Date.now() - started > this.spec.lockWaitMs) {
              const err: any = new Error(`the database is still locked by another writer after ${Math.round(this.spec.lockWaitMs / 60_000)} minutes; nothing imported`)
              err.icmLockTimeout = true
              throw err
            }
          }
        }
      } finally {
        db.pragma(`busy_timeout = ${this.previousTimeout}`)
      }
      this.previousCache = db.pragma('cache_size', { simple: true })
      db.pragma(`cache_size = -${this.spec.cacheKib}`)
      if (!this.spec.forced) {
        const before = db
          .prepare(
            `select b.id, b.file_name, b.actor, b.at, s.code as survey_code from survey_batches b join surveys s on s.id = b.survey_id where b.sha256 = ? order by b.id limit 1`,
          )
          .get(this.spec.sha256)
        if (before) {
          this.rollback()
          return { already: before }
        }
      }
      const s = this.spec
      const row = db
        .prepare(
          `insert into survey_batches (survey_id, file_name, sha256, bytes, encoding, rows, imported, already_present, rejected, forced, actor, at)
           values (?, ?, ?, ?, ?, 0, 0, 0, 0, ?, ?, ?) returning id`,
        )
        .get(s.surveyId, s.fileName, s.sha256, s.bytes, s.encoding, s.forced ? 1 : 0, s.actor, s.at)
      this.batchId = row.id
      this.insert = db.prepare(
        `insert into survey_responses (survey_id, key, response_id, respondent_id, rated_id, accuracy, timeliness, completeness, professionalism, overall, loyalty, comment, submitted_at, batch_id, line, fingerprint)
         values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         on conflict (survey_id, key) do nothing`,
      )
      this.existing = db.prepare(
        `select r.batch_id, r.line, r.fingerprint, b.file_name from survey_responses r join survey_batches b on b.id = r.batch_id where r.survey_id = ? and r.key = ?`,
      )
      return { batchId: this.batchId }
    }

    /**
     * Inserts a pack: `ints` holds 9 integers per row (respondent, rated, accuracy, timeliness,
     * completeness, professionalism, overall, loyalty, each 0 for none; line), `strs` 4 per row
     * (key, comment, submitted_at, fingerprint), `values` each row's kpi.responseValue (NaN for
     * none). A row whose key is present already is counted when its fingerprint matches, else
     * returned as a conflict; the scores of the rows inserted are added to the sums.
     */
    insertRows(ints: Int32Array, strs: (string | null)[], values: Float64Array, count: number): PackConflict[] {
      const conflicts: PackConflict[] = []
      const insert = this.insert
      const surveyId = this.spec.surveyId
      const batchId = this.batchId
      const sums = this.sums
      const z = (n: number) => (n === 0 ? null : n)
      for (let i = 0; i < count; i++) {
        const o = i * 9
        const so = i * 4
        const key = strs[so] as string
        const fingerprint = strs[so + 3] as string
        const line = ints[o + 8]!
        const info = insert.run(
          surveyId,
          key,
          key.startsWith('id:') ? key.slice(3) : null,
          z(ints[o]!),
          ints[o + 1],
          z(ints[o + 2]!),
          z(ints[o + 3]!),
          z(ints[o + 4]!),
          z(ints[o + 5]!),
          z(ints[o + 6]!),
          z(ints[o + 7]!),
          strs[so + 1],
          strs[so + 2],
          batchId,
          line,
          fingerprint,
        )
        if (info.changes === 1) {
          this.imported++
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
          const value = values[i]!
          if (!Number.isNaN(value)) {
            a[13]! += value
            a[14]!++
          }
          continue
        }
        const was = this.existing.get(surveyId, key)
        if (was.fingerprint === fingerprint) {
          this.alreadyPresent++
          continue
        }
        const where = was.batch_id === batchId ? `on line ${was.line}` : `in ${was.file_name} line ${was.line} (imported before, batch ${was.batch_id})`
        conflicts.push({ index: i, reason: `response id ${key.slice(3)} is also ${where} with other content` })
      }
      return conflicts
    }

    /** Fills in the batch row's counts, writes the score sums and the event row, and commits; or rolls everything back. */
    end(e: BatchEnd): void {
      const db = this.sqlite
      if (!e.commit) {
        this.rollback()
        return
      }
      db.prepare(`update survey_batches set rows = ?, imported = ?, already_present = ?, rejected = ? where id = ?`).run(
        e.counts.rows,
        e.counts.imported,
        e.counts.alreadyPresent,
        e.counts.rejected,
        this.batchId,
      )
      const sum = db.prepare(
        `insert into survey_score_sums (batch_id, survey_id, rated_id, respondent_id, responses, accuracy_sum, accuracy_n, timeliness_sum, timeliness_n,
           completeness_sum, completeness_n, professionalism_sum, professionalism_n, overall_sum, overall_n, loyalty_sum, loyalty_n, value_sum, value_n)
         values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      for (const [pair, a] of this.sums) {
        const respondent = pair % 4194304
        sum.run(this.batchId, this.spec.surveyId, (pair - respondent) / 4194304, respondent === 0 ? null : respondent, ...a)
      }
      db.prepare(`insert into events (at, actor, host, action, entity, details) values (?, ?, ?, ?, ?, ?)`).run(
        e.event.at,
        e.event.actor,
        e.event.host,
        e.event.action,
        e.event.entity,
        e.event.details,
      )
      db.exec('commit')
      db.pragma(`cache_size = ${this.previousCache}`)
    }

    rollback(): void {
      const db = this.sqlite
      if (db.inTransaction) db.exec('rollback')
      if (this.previousCache !== 0) db.pragma(`cache_size = ${this.previousCache}`)
    }
  }
}

type InserterClass = ReturnType<typeof defineInserter>
type Inserter = InstanceType<InserterClass>

/**
 * The insert worker's body, as source text for `new Worker(…, { eval: true })` (dist/icm.js is
 * one bundle, so there is no separate worker file): opens its own connection with icm's pragmas,
 * then answers the main thread's messages. Self-contained like defineInserter: `load` is the
 * worker script's require.
 */
function insertWorkerMain(load: (id: string) => any, define: typeof defineInserter): void {
  const { parentPort, workerData } = load('node:worker_threads')
  const Database = load(workerData.driver)
  const post = (m: unknown) => parentPort.postMessage(m)
  const fail = (e: any) => post({ type: 'error', message: String(e?.message ?? e), code: e?.code ?? null, lockTimeout: e?.icmLockTimeout === true })
  let db: any
  let inserter: any
  try {
    db = new Database(workerData.file, { fileMustExist: true })
    db.pragma('journal_mode = WAL')
    db.pragma('synchronous = FULL')
    // The inserter writes only ids it knows exist (the survey, its batch, units read from the
    // database, which are never deleted): checking four foreign keys per row would cost a fifth of the time.
    db.pragma('foreign_keys = OFF')
    db.pragma('busy_timeout = 5000')
    const Inserter = define()
    inserter = new Inserter(db, workerData.spec)
    const started = inserter.begin(() => post({ type: 'waiting' }))
    if ('already' in started) {
      post({ type: 'already', before: started.already })
      db.close()
      parentPort.close()
      return
    }
    post({ type: 'ready', batchId: started.batchId })
  } catch (e) {
    fail(e)
    try {
      inserter?.rollback()
      db?.close()
    } catch {
      // the connection is gone already
    }
    parentPort.close()
    return
  }
  parentPort.on('message', (m: any) => {
    try {
      if (m.type === 'rows') {
        const imported = inserter.imported
        const present = inserter.alreadyPresent
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
        const conflicts = inserter.insertRows(m.ints, strs, m.values, m.count)
        post({ type: 'done', seq: m.seq, conflicts, imported: inserter.imported - imported, alreadyPresent: inserter.alreadyPresent - present })
      } else if (m.type === 'end') {
        inserter.end(m.end)
        db.close()
        post({ type: 'finished' })
        parentPort.close()
      }
    } catch (e) {
      fail(e)
      try {
        inserter.rollback()
        db.close()
      } catch {
        // the connection is gone already
      }
      parentPort.close()
    }
  })
}

/** A pack of checked records on its way to the inserter. */
export interface Pack {
  seq: number
  count: number
  ints: Int32Array
  strs: (string | null)[]
  /** per row: kpi.responseValue, NaN for none */
  values: Float64Array
  /** per row: its line (a conflict comes back as the row's index) */
  lines: number[]
  /** bad records of this stretch of the file, in order */
  bad: BadLine[]
}

interface BadLine {
  line: number
  reason: string
  exitCode: ExitCodeValue
}

function newPack(seq: number): Pack {
  return { seq, count: 0, ints: new Int32Array(PACK_ROWS * INTS), strs: new Array<string | null>(PACK_ROWS * STRS), values: new Float64Array(PACK_ROWS), lines: [], bad: [] }
}

/** Where packs go: the inserter on this thread, or the insert worker. */
export interface Sink {
  readonly worker: boolean
  /** Sends a pack; resolves when the reader may go on (backpressure). */
  send(pack: Pack): Promise<void>
  /** Waits until every pack sent is done. */
  drain(): Promise<void>
  end(e: BatchEnd): Promise<void>
  abort(): Promise<void>
}

export type DoneHandler = (pack: Pack, conflicts: PackConflict[], imported: number, alreadyPresent: number) => void

class InThreadSink implements Sink {
  readonly worker = false
  private constructor(
    private readonly inserter: Inserter,
    private readonly onDone: DoneHandler,
  ) {}

  static start(sqlite: unknown, spec: BatchSpec, onWait: () => void, onDone: DoneHandler): { already: any } | { sink: InThreadSink; batchId: number } {
    const Inserter = defineInserter()
    const inserter = new Inserter(sqlite, spec)
    const r = inserter.begin(onWait)
    if ('already' in r) return r
    return { sink: new InThreadSink(inserter, onDone), batchId: r.batchId }
  }

  async send(pack: Pack): Promise<void> {
    const before = [this.inserter.imported, this.inserter.alreadyPresent] as const
    const conflicts = this.inserter.insertRows(pack.ints, pack.strs, pack.values, pack.count)
    this.onDone(pack, conflicts, this.inserter.imported - before[0], this.inserter.alreadyPresent - before[1])
  }

  async drain(): Promise<void> {}

  async end(e: BatchEnd): Promise<void> {
    this.inserter.end(e)
  }

  async abort(): Promise<void> {
    this.inserter.rollback()
  }
}

class WorkerSink implements Sink {
  readonly worker = true
  private readonly inFlight: Pack[] = []
  private waiters: (() => void)[] = []
  private failure: Error | undefined
  private finished: (() => void) | undefined
  private exited = false

  private constructor(
    private readonly thread: Worker,
    private readonly onDone: DoneHandler,
  ) {}

  static start(store: Store, spec: BatchSpec, onWait: () => void, onDone: DoneHandler): Promise<{ already: any } | { sink: WorkerSink; batchId: number }> {
    const require = createRequire(import.meta.url)
    // `require` is the eval'd script's own (a bundler would rewrite the word in code).
    const thread = new Worker(`(${insertWorkerMain.toString()})(require, ${defineInserter.toString()})`, {
      eval: true,
      workerData: { driver: require.resolve('better-sqlite3'), file: store.location, spec },
      stdout: false,
      stderr: false,
      // The worker only inserts: a small young generation is plenty, and keeps its memory small.
      resourceLimits: { maxYoungGenerationSizeMb: 4 },
    })
    return new Promise((resolve, reject) => {
      let sink: WorkerSink | undefined
      thread.on('message', (m: any) => {
        if (sink) return sink.message(m)
        if (m.type === 'waiting') onWait()
        else if (m.type === 'already') resolve({ already: m.before })
        else if (m.type === 'error') reject(workerError(m))
        else if (m.type === 'ready') {
          holdYoungGeneration()
          sink = new WorkerSink(thread, onDone)
          resolve({ sink, batchId: m.batchId })
        }
      })
      thread.on('error', (e) => (sink ? sink.fail(e) : reject(e)))
      thread.on('exit', () => {
        if (sink) sink.exit()
        else reject(new Error('the insert worker stopped before it started'))
      })
    })
  }

  private message(m: any): void {
    if (m.type === 'done') {
      const pack = this.inFlight.shift()
      if (!pack || pack.seq !== m.seq) return this.fail(new Error('the insert worker answered out of order'))
      this.onDone(pack, m.conflicts, m.imported, m.alreadyPresent)
      this.wake()
    } else if (m.type === 'error') {
      this.fail(workerError(m))
    } else if (m.type === 'finished') {
      this.finished?.()
    }
  }

  private fail(e: Error): void {
    this.failure ??= e
    this.wake()
    this.finished?.()
  }

  private exit(): void {
    this.exited = true
    this.failure ??= this.finished ? undefined : new Error('the insert worker stopped unexpectedly')
    this.wake()
    this.finished?.()
  }

  private wake(): void {
    const w = this.waiters
    this.waiters = []
    for (const f of w) f()
  }

  private async until(done: () => boolean): Promise<void> {
    while (!done()) {
      if (this.failure) throw this.failure
      await new Promise<void>((resolve) => this.waiters.push(resolve))
    }
    if (this.failure) throw this.failure
  }

  async send(pack: Pack): Promise<void> {
    if (this.failure) throw this.failure
    this.inFlight.push(pack)
    const n = pack.count * STRS
    const lens = new Int32Array(n)
    for (let i = 0; i < n; i++) {
      const v = pack.strs[i]
      lens[i] = v === null || v === undefined ? -1 : v.length
    }
    const text = pack.strs.slice(0, n).join('')
    pack.strs = []
    this.thread.postMessage({ type: 'rows', seq: pack.seq, ints: pack.ints, lens, text, values: pack.values, count: pack.count }, [
      pack.ints.buffer as ArrayBuffer,
      lens.buffer as ArrayBuffer,
      pack.values.buffer as ArrayBuffer,
    ])
    await this.until(() => this.inFlight.length < MAX_PACKS_IN_FLIGHT)
  }

  async drain(): Promise<void> {
    await this.until(() => this.inFlight.length === 0)
  }

  async end(e: BatchEnd): Promise<void> {
    if (this.failure) throw this.failure
    const done = new Promise<void>((resolve) => (this.finished = resolve))
    this.thread.postMessage({ type: 'end', end: e })
    await done
    if (this.failure) throw this.failure
  }

  async abort(): Promise<void> {
    if (this.exited) return
    // The worker rolls back when its connection closes; ending it with a rollback says so explicitly.
    const done = new Promise<void>((resolve) => (this.finished = resolve))
    this.thread.postMessage({
      type: 'end',
      end: { commit: false, counts: { rows: 0, imported: 0, alreadyPresent: 0, rejected: 0 }, event: { at: '', actor: '', host: '', action: '', entity: null, details: '' } },
    })
    await done
  }
}

/**
 * Keeps the main thread's young generation at its initial size for the rest of the import. V8
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

function workerError(m: { message: string; code: string | null; lockTimeout: boolean }): Error {
  if (m.lockTimeout) return new ConflictError(m.message, 'wait for the other import to finish, then run this one again')
  const e = new Error(m.message) as Error & { code?: string }
  if (m.code) e.code = m.code
  return e
}

// ── The import ───────────────────────────────────────────────────────────────────────────────

/**
 * Imports the file into the survey: all or nothing unless `skipInvalid`; nothing is committed
 * with `dryRun`. Throws ConflictError when the file was imported before (unless `force`), and the
 * error of the first bad line (exit 3 invalid, 5 conflict) naming how many more there are.
 */
export async function importSurveyFile(store: Store, req: SurveyImportRequest): Promise<SurveyImportResult> {
  // The bulk path: prepared better-sqlite3 statements (maybe in a worker) on SQLite, unnest()
  // inserts on one pooled connection on PostgreSQL.
  const sqlite = store.sqlite
  const pgPool = store.pgPool
  const units = await listUnits(store.db, { includeInactive: true })
  const checker = new SurveyRecordChecker(
    req.head.headers,
    req.mapping,
    unitsWithAliases(
      units.map((u) => ({ id: u.id, code: u.code, name: u.name })),
      req.map?.units,
    ),
    req.map,
  )
  // Bad lines are noted as they are found (line and reason, in file order); the rejects file
  // with their cells is written from them by a second pass over the file at the end.
  const badLog = req.rejects ? new BadLineLog(req.rejects) : undefined

  let read = 0
  let imported = 0
  let alreadyPresent = 0
  let badCount = 0
  let first: { line: number; reason: string; exitCode: ExitCodeValue } | undefined
  const onDone: DoneHandler = (pack, conflicts, nImported, nPresent) => {
    imported += nImported
    alreadyPresent += nPresent
    let bad = pack.bad
    if (conflicts.length > 0) {
      bad = [...bad, ...conflicts.map((c) => ({ line: pack.lines[c.index]!, reason: c.reason, exitCode: 5 as ExitCodeValue }))]
      bad.sort((a, b) => a.line - b.line)
    }
    for (const b of bad) {
      badCount++
      if (!first || b.line < first.line) first = b
      badLog?.write(b.line, b.reason)
    }
  }

  const spec: BatchSpec = {
    surveyId: req.survey.id,
    fileName: req.shown,
    sha256: req.sha256,
    bytes: req.head.size,
    encoding: encodingDisplayName(req.head.encoding),
    forced: req.force,
    actor: req.actor,
    at: req.now.toISOString(),
    lockWaitMs: LOCK_WAIT_MS,
    cacheKib: IMPORT_CACHE_KIB,
  }
  const useWorker = sqlite !== undefined && (req.worker ?? req.head.size >= WORKER_MIN_BYTES)
  const onWait = () => req.onWait?.()
  let sink: Sink | undefined
  try {
    let started: { already: any } | { sink: Sink; batchId: number }
    try {
      if (pgPool) started = await PostgresSink.start(pgPool, spec, onWait, onDone)
      else if (useWorker) started = await WorkerSink.start(store, spec, onWait, onDone)
      else started = InThreadSink.start(sqlite, spec, onWait, onDone)
    } catch (e) {
      if ((e as { icmLockTimeout?: boolean }).icmLockTimeout) throw workerError({ message: (e as Error).message, code: null, lockTimeout: true })
      throw e
    }
    if ('already' in started) throw alreadyImported(req.shown, started.already)
    sink = started.sink
    const batchId = started.batchId

    const fd = fs.openSync(req.file, 'r')
    try {
      const decoder = new ChunkDecoder(req.head.encoding)
      const reader = new CsvRecordReader(req.head.delimiter)
      const records: CsvRecord[] = []
      const chunk = Buffer.allocUnsafe(CHUNK_BYTES)
      let offset = 0
      let headerSeen = false
      let seq = 0
      let pack = newPack(seq)
      for (;;) {
        const n = fs.readSync(fd, chunk, 0, chunk.length, offset)
        const last = n === 0 || offset + n >= req.head.size
        const text = decoder.decode(chunk.subarray(0, n), offset, last)
        offset += n
        reader.push(text, records)
        if (last) reader.end(records)
        for (let i = 0; i < records.length; i++) {
          const rec = records[i]!
          if (!headerSeen) {
            if (rec.line >= req.head.headerLine) headerSeen = true
            continue
          }
          const c = checker.check(rec)
          if (c.kind === 'blank') continue
          read++
          if (c.kind === 'bad') {
            pack.bad.push({ line: c.line, reason: c.reason, exitCode: 3 })
            continue
          }
          const r = c.row
          const k = pack.count
          const o = k * INTS
          const ints = pack.ints
          ints[o] = r.respondentUnitId ?? 0
          ints[o + 1] = r.ratedUnitId
          ints[o + 2] = r.accuracy ?? 0
          ints[o + 3] = r.timeliness ?? 0
          ints[o + 4] = r.completeness ?? 0
          ints[o + 5] = r.professionalism ?? 0
          ints[o + 6] = r.overall ?? 0
          ints[o + 7] = r.loyalty ?? 0
          ints[o + 8] = c.line
          const so = k * STRS
          pack.strs[so] = c.key
          pack.strs[so + 1] = r.comment
          pack.strs[so + 2] = r.submittedAt
          pack.strs[so + 3] = c.fingerprint
          pack.values[k] = responseValue(r) ?? Number.NaN
          pack.lines.push(c.line)
          pack.count = k + 1
          if (pack.count === PACK_ROWS) {
            await sink.send(pack)
            pack = newPack(++seq)
          }
        }
        records.length = 0
        req.onProgress?.(offset, read)
        if (last) break
      }
      if (pack.count > 0 || pack.bad.length > 0) await sink.send(pack)
      await sink.drain()
    } finally {
      fs.closeSync(fd)
    }

    if (read === 0) throw new UserError(`${req.shown} has a header but no responses`, 'export the survey with its answers')
    // Still inside the transaction: when the rejects file cannot be written, nothing is imported.
    if (badLog) await badLog.writeRejects(req.file, req.head)
    if (first && !req.skipInvalid) {
      throw errorWithCode(
        first.exitCode,
        `${req.shown} ${describeBadLines(first, badCount)}; nothing imported`,
        req.rejects
          ? `every bad line is in ${req.rejects}; fix them, or import the good rows with --skip-invalid`
          : 'fix the file, or import the good rows and list the bad ones with --skip-invalid --rejects FILE',
      )
    }
    const event = req.event({ file: req.shown, sha256: req.sha256, batch: batchId, read, imported, alreadyPresent, rejected: badCount, forced: req.force })
    const s = sink
    sink = undefined
    await s.end({
      commit: !req.dryRun,
      counts: { rows: read, imported, alreadyPresent, rejected: badCount },
      event: { at: event.at.toISOString(), actor: event.actor, host: event.host, action: event.action, entity: event.entity, details: JSON.stringify(event.details) },
    })
    return { batchId: req.dryRun ? null : batchId, read, imported, alreadyPresent, rejected: badCount, unitsMatched: checker.unitMatches(), worker: s.worker }
  } finally {
    if (sink) await sink.abort()
    if (useWorker) releaseYoungGeneration()
    badLog?.close()
  }
}

/**
 * The bad lines of an import, noted in file order as `line<TAB>"reason"` in a temporary file (so
 * memory stays flat however many there are), and the rejects file made from them.
 */
class BadLineLog {
  private readonly tmp: string
  private fd: number | undefined
  private count = 0

  constructor(private readonly target: string) {
    this.tmp = `${target}.lines-${process.pid}`
    this.fd = fs.openSync(this.tmp, 'w')
  }

  write(line: number, reason: string): void {
    this.count++
    fs.writeSync(this.fd!, `${line}\t${JSON.stringify(reason)}\n`)
  }

  /**
   * Writes the rejects CSV: for each bad line noted, its line number, the reason and the cells
   * of the record starting there, read again from the file (a record is parsed the same way
   * every time, so its line is the same).
   */
  async writeRejects(file: string, head: SurveyFileHead): Promise<void> {
    fs.closeSync(this.fd!)
    this.fd = undefined
    const out = await RejectsWriter.open(this.target, head.headers)
    try {
      if (this.count > 0) {
        const noted = readNotedLines(this.tmp)
        let next = noted.next()
        forEachRecord(file, head, (rec) => {
          while (!next.done && next.value.line < rec.line) next = noted.next()
          if (next.done) return false
          if (next.value.line === rec.line) {
            out.write(rec.line, next.value.reason, rec.cells)
            next = noted.next()
          }
          return !next.done
        })
      }
      out.finish()
    } catch (e) {
      out.discard()
      throw e
    }
  }

  close(): void {
    if (this.fd !== undefined) fs.closeSync(this.fd)
    this.fd = undefined
    fs.rmSync(this.tmp, { force: true })
  }
}

/** The noted bad lines, read back in order a chunk at a time. */
function* readNotedLines(file: string): Generator<{ line: number; reason: string }> {
  const fd = fs.openSync(file, 'r')
  try {
    const chunk = Buffer.allocUnsafe(CHUNK_BYTES)
    let rest = ''
    for (let pos = 0; ; ) {
      const n = fs.readSync(fd, chunk, 0, chunk.length, pos)
      pos += n
      const text = rest + chunk.toString('utf8', 0, n)
      const lines = text.split('\n')
      rest = n === 0 ? '' : lines.pop()!
      for (const l of lines) {
        if (l === '') continue
        const tab = l.indexOf('\t')
        yield { line: Number(l.slice(0, tab)), reason: JSON.parse(l.slice(tab + 1)) as string }
      }
      if (n === 0) return
    }
  } finally {
    fs.closeSync(fd)
  }
}

/** Calls `fn` with every record after the header, in file order, until it returns false. */
function forEachRecord(file: string, head: SurveyFileHead, fn: (rec: CsvRecord) => boolean): void {
  const fd = fs.openSync(file, 'r')
  try {
    const decoder = new ChunkDecoder(head.encoding)
    const reader = new CsvRecordReader(head.delimiter)
    const records: CsvRecord[] = []
    const chunk = Buffer.allocUnsafe(CHUNK_BYTES)
    for (let offset = 0; ; ) {
      const n = fs.readSync(fd, chunk, 0, chunk.length, offset)
      const last = n === 0 || offset + n >= head.size
      const text = decoder.decode(chunk.subarray(0, n), offset, last)
      offset += n
      reader.push(text, records)
      if (last) reader.end(records)
      for (const rec of records) {
        if (rec.line <= head.headerLine) continue
        if (!fn(rec)) return
      }
      records.length = 0
      if (last) return
    }
  } finally {
    fs.closeSync(fd)
  }
}

/** Writes bad lines as CSV (line, reason, then the record's cells) to a temporary file, renamed into place at the end. */
class RejectsWriter {
  private readonly fd: number
  private readonly tmp: string
  private done = false

  private constructor(
    private readonly target: string,
    private readonly stringify: (rows: string[][]) => string,
    headers: readonly string[],
  ) {
    this.tmp = `${target}.partial-${process.pid}`
    this.fd = fs.openSync(this.tmp, 'w')
    fs.writeSync(this.fd, this.stringify([['line', 'reason', ...headers]]))
  }

  static async open(target: string, headers: readonly string[]): Promise<RejectsWriter> {
    const { stringify } = await import('csv-stringify/sync')
    // quoted_match: csv-stringify quotes a field holding the record delimiter (CRLF) but not a lone LF,
    // which every reader (icm's own included) would take for the end of the record.
    return new RejectsWriter(target, (rows) => stringify(rows, { escape_formulas: true, record_delimiter: 'windows', quoted_match: /[\r\n]/ }), headers)
  }

  write(line: number, reason: string, cells: readonly string[]): void {
    fs.writeSync(this.fd, this.stringify([[String(line), reason, ...cells]]))
  }

  finish(): void {
    if (this.done) return
    this.done = true
    fs.closeSync(this.fd)
    fs.renameSync(this.tmp, this.target)
  }

  discard(): void {
    if (this.done) return
    this.done = true
    fs.closeSync(this.fd)
    fs.rmSync(this.tmp, { force: true })
  }
}
