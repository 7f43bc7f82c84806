import type { Kysely } from 'kysely'
import type { CsvDelimiter } from '../../domain/surveys/csv-dialect.js'
import type { ExitCodeValue } from '../../domain/errors.js'
import type { HeaderMapping, MappingFile } from '../../domain/surveys/header-aliases.js'
import type { UnitNameMatch } from '../../domain/surveys/survey-import.js'
import type { WideLayout } from '../../domain/surveys/wide-layout.js'
import type { TextEncodingName } from '../../domain/surveys/text-encoding.js'
import type { NewEvent } from '../events-repo.js'
import type { DB } from '../schema.js'
import type { SurveyRow } from '../schema-surveys.js'

/**
 * What the parts of `icm survey import` share (survey-import.ts reads and checks the file, a
 * backend stages the rows, survey-import-final.ts analyses and inserts them), in a module of its
 * own so the backends and the orchestrator do not import each other.
 */

export interface SurveyFileHead {
  /** bytes in the file */
  size: number
  encoding: TextEncodingName
  /** why this encoding (detected from a BOM, valid UTF-8 …, or given with --encoding) */
  encodingReason: string
  delimiter: CsvDelimiter
  headers: string[]
  /** the line the header is on (1 unless blank lines come first); in a workbook, its row */
  headerLine: number
  /** set for an Excel workbook: the sheet read (its records come from xlsx-file.ts, not the text) */
  sheet?: string
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
  /** set when the file is read wide: one respondent row rating many units (wide-layout.ts) */
  wide?: WideLayout
  /** the file's sha256 when known beforehand; else the import hashes the file as it reads it */
  sha256?: string
  dryRun: boolean
  skipInvalid: boolean
  force: boolean
  /** where to write every bad line as CSV (line, reason, the cells) */
  rejects?: string
  actor: string
  now: Date
  /** the event row of the import, from its counts */
  event: (details: Record<string, unknown>) => NewEvent
  /** stage in a worker thread (SQLite; default: for files of WORKER_MIN_BYTES or more) */
  worker?: boolean
  /** called after each chunk: bytes read so far, rows read so far */
  onProgress?: (bytes: number, rows: number) => void
  /** Called after the analysis, before the final step asks for the write lock (the CLI clears its progress line; tests commit another import there). */
  beforeFinalStep?: () => Promise<void>
  /** PostgreSQL: called once when another import holds the import lock and this one starts to wait (SQLite's write lock says so through the store) */
  onWait?: () => void
}

export interface SurveyImportResult {
  /** the file's sha256 (hex) */
  sha256: string
  batchId: number | null
  read: number
  imported: number
  alreadyPresent: number
  /** of alreadyPresent: the later lines of a key in the file with the same content as its first (counted once) */
  repeatedInFile: number
  rejected: number
  /** of rejected: lines whose response id an earlier import has with other content */
  idClashes: number
  unitsMatched: UnitNameMatch[]
  /** a wide file: the responses its rows gave (read counts rows), and the ratings of a respondent's own unit skipped */
  wide?: { responses: number; selfRatingsSkipped: number }
  /** whether a worker thread staged the rows */
  worker: boolean
  /** milliseconds: reading and staging, the analysis, waiting for the write lock, holding it (the final insert and commit), the checkpoint after it */
  timings: { stagingMs: number; analysisMs: number; lockWaitMs: number; lockHeldMs: number; checkpointMs: number }
}

/**
 * Integers per packed row: respondent, rated, the six scores (0 = none), line, seq (the response's
 * ordinal in the file: a wide row gives several responses on one line, so staging is keyed by seq).
 */
export const INTS = 10
/** Strings per packed row: key, comment, submitted_at, fingerprint. */
export const STRS = 4
/**
 * Rows per pack sent to the stager, and packs the reader may be ahead of it. A pack keeps
 * nothing of its records once sent (their cells would keep the decoded chunks alive past young
 * collections).
 */
export const PACK_ROWS = 256
export const MAX_PACKS_IN_FLIGHT = 16

export interface BadLine {
  /** the ordinal in the file, shared with the staged responses (set in a pack; file order) */
  seq?: number
  line: number
  reason: string
  exitCode: ExitCodeValue
}

/** A pack of checked records on its way to the stager. */
export interface Pack {
  seq: number
  count: number
  ints: Int32Array
  strs: (string | null)[]
  /** per row: kpi.responseValue, NaN for none */
  values: Float64Array
  /** bad records of this stretch of the file, in order */
  bad: BadLine[]
}

export function newPack(seq: number): Pack {
  return { seq, count: 0, ints: new Int32Array(PACK_ROWS * INTS), strs: new Array<string | null>(PACK_ROWS * STRS), values: new Float64Array(PACK_ROWS), bad: [] }
}

/**
 * Score sums of the rows staged, per rated unit × PAIR + respondent unit (0: none): 15 numbers
 * in surveys-repo's SUM_COLUMNS order (responses, then sum and count of each score, then of the
 * response value). stager.ts addToSums adds a row.
 */
export type PairSums = Map<number, number[]>
export const PAIR = 4194304

/** What staging found: rows staged (the first of each key in the file), later rows with a key seen before, and the sums of the staged rows. */
export interface StageResult {
  staged: number
  duplicates: number
  sums: PairSums
}

/** Where the checked packs go until the file is read: a staging area outside the write lock. */
export interface Stager {
  /** whether a worker thread stages */
  readonly worker: boolean
  /** Sends a pack; resolves when the reader may go on (backpressure). */
  send(pack: Pack): Promise<void>
  /** Waits for every pack and closes the staging side. */
  finish(): Promise<StageResult>
  /**
   * When the stager reads the file too (the SQLite stage worker decodes it ahead of the main
   * thread): the next chunk of text with the file offset after it, or the offset of a chunk that
   * does not decode.
   */
  nextText?(): Promise<{ text: string; offset: number; last: boolean; sha256?: string } | { undecodable: number }>
  abort(): Promise<void>
}

/**
 * The staging tables as the database connection sees them. Their columns:
 *   staged (seq primary key, line, key unique, response_id, respondent_id, rated_id, the six scores,
 *           comment, submitted_at, fingerprint): the first row of each key, in file order;
 *   dups   (seq primary key, line, key, fingerprint): later rows of a key already staged;
 *   bad    (seq primary key, line, reason, exit_code, found): every bad line, found 'file' (the
 *           checker), 'database' (a key the database has, with other content) or 'duplicate';
 *   sums   (rated_id, respondent_id, then the 15 columns of survey_score_sums): the score sums
 *           of the rows to insert, written by stageSums.
 */
export interface StagingTables {
  staged: string
  dups: string
  bad: string
  sums: string
}

/** One backend's staging area and its two transactions around the analysis and the final insert. */
export interface ImportBackend {
  readonly stager: Stager
  readonly tables: StagingTables
  /** After staging: makes the staging tables visible on `db`. */
  ready(): Promise<void>
  /** Replaces the staged score sums (on `db`, inside or outside a transaction of it). */
  stageSums(sums: PairSums): Promise<void>
  /** The connection that sees the database and the staging tables. */
  readonly db: Kysely<DB>
  /** Runs fn on one read snapshot of the database (the analysis, before the lock). */
  snapshot<T>(fn: (db: Kysely<DB>) => Promise<T>): Promise<T>
  /** Runs fn in one write transaction holding the write lock (the final insert). */
  locked<T>(fn: (db: Kysely<DB>) => Promise<T>): Promise<T>
  /** After the final transaction committed, with the lock let go (SQLite: the checkpoint of its WAL). */
  afterCommit(): Promise<void>
  /** Removes the staging area; always called, after success or failure. */
  close(): Promise<void>
}
