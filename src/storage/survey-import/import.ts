import { createHash } from 'node:crypto'
import fs from 'node:fs'
import { formatInstant } from '../../domain/calendar/dates.js'
import { ConflictError, UserError, errorWithCode } from '../../domain/errors.js'
import { CsvRecordReader, type CsvRecord } from '../../domain/surveys/survey-csv.js'
import { SurveyRecordChecker, describeBadLines, unitsWithAliases } from '../../domain/surveys/survey-import.js'
import { Packer } from './packer.js'
import { ChunkDecoder, createStrictDecoder, encodingDisplayName } from '../../domain/surveys/text-encoding.js'
import type { SqliteStore, Store } from '../database.js'
import { appendEvent } from '../events-repo.js'
import { CHUNK_BYTES, recordsOf, sha256OfFile } from './survey-file.js'
import { analyse, badLinePages, insertStaged, insertSums, surveyState, type Analysis } from './final-insert.js'
import { openPostgresImport } from './postgres.js'
import { writeRejects, type RejectsWriter } from './rejects.js'
import { WORKER_MIN_BYTES, openSqliteImport } from './sqlite.js'
import { type ImportBackend, type Stager, type SurveyImportRequest, type SurveyImportResult } from './types.js'
import { findBatchBySha256, finishBatch, insertBatch } from '../surveys-repo.js'
import { listUnits } from '../units-repo.js'
import { t } from '../../domain/i18n/catalog.js'
import { quote } from '../../domain/excerpt.js'

export { readSurveyFileHead, sha256OfFile } from './survey-file.js'
export type { SurveyFileHead, SurveyImportRequest, SurveyImportResult } from './types.js'
export { WORKER_MIN_BYTES } from './sqlite.js'

/**
 * The streaming bulk path of `icm survey import` (DESIGN.md §5, §8). Three steps:
 *
 * 1. Staging, outside any lock: the file is read in chunks, decoded strictly, split into records
 *    and checked row by row on the main thread; the good rows go in packs to a staging area (an
 *    SQLite file next to the database, written by a worker thread for a large file; temporary
 *    tables on PostgreSQL), with the bad lines. Other commands write meanwhile.
 * 2. Analysis, on one read snapshot: the staged rows are compared with the survey's rows
 *    (survey-import-final.ts); the rejects file is written, and a file with bad lines is refused
 *    here unless --skip-invalid; a dry run ends here.
 * 3. The final step, the only one holding the write lock: the sha256 is checked again, the
 *    analysis is redone if another import of the survey committed meanwhile, and the batch row,
 *    the rows (one INSERT … SELECT), the batch's score sums and the event go in one transaction.
 *
 * Memory stays flat: nothing holds more than a chunk of text and a few packs in flight; the
 * comparisons are SQL over the staging tables. A killed process leaves no rows (the final
 * transaction is all or nothing) and its staging file is removed (staging-files.ts).
 */

export function alreadyImported(shown: string, before: { file_name: string; survey_code: string; at: string; actor: string; id: number }, into: string): ConflictError {
  return new ConflictError(
    t('surveyImport.alreadyImported', { file: shown, survey: before.survey_code, name: before.file_name, batch: before.id, actor: before.actor, at: formatInstant(new Date(before.at)) }),
    // into another survey than before: the likelier mistake is the survey code, and no row of this survey is "already present"
    before.survey_code === into ? t('surveyImport.alreadyImported.hint') : t('surveyImport.alreadyImported.otherSurveyHint', { survey: before.survey_code, into }),
  )
}

/**
 * `--force` on a file imported into this survey before (`before`, that import's batch): its
 * response ids need the prefix they were given then, or its rows would go in a second time under
 * other keys. ConflictError (exit 5) when `idPrefix` is another.
 */
export function checkForcedPrefix(shown: string, before: { id: number; id_prefix: string | null; survey_code: string } | undefined, idPrefix: string | undefined): void {
  if (!before || (before.id_prefix ?? undefined) === idPrefix) return
  if (before.id_prefix !== null) {
    throw new ConflictError(
      t('surveyImport.forcePrefix.had', { file: shown, survey: before.survey_code, batch: before.id, prefix: quote(before.id_prefix) }),
      t('surveyImport.forcePrefix.had.hint', { prefix: before.id_prefix }),
    )
  }
  throw new ConflictError(t('surveyImport.forcePrefix.none', { file: shown, survey: before.survey_code, batch: before.id }), t('surveyImport.forcePrefix.none.hint'))
}

/**
 * Imports the file into the survey: all or nothing unless `skipInvalid`; nothing is written to
 * the database with `dryRun`. Throws ConflictError when the file was imported before (unless
 * `force`), and the error of the first bad line (exit 3 invalid, 5 conflict) naming how many
 * more there are.
 */
export async function importSurveyFile(store: Store, req: SurveyImportRequest): Promise<SurveyImportResult> {
  const units = await listUnits(store.db, { includeInactive: true })
  const checker = new SurveyRecordChecker(
    req.head.headers,
    req.mapping,
    unitsWithAliases(
      units.map((u) => ({ id: u.id, code: u.code, name: u.name })),
      req.map?.units,
    ),
    req.map,
    req.wide,
  )
  const idPrefix = req.mapping.reading?.idPrefix
  const started = performance.now()
  const timings = { stagingMs: 0, analysisMs: 0, lockWaitMs: 0, lockHeldMs: 0, checkpointMs: 0 }
  const backend = await openBackend(store, req)
  let rejects: RejectsWriter | undefined
  try {
    const { read, sha256: hashed } = await stageFile(req, checker, backend.stager)
    const sha256 = req.sha256 ?? hashed
    const staged = await backend.stager.finish()
    if (read === 0) throw new UserError(t('surveyImport.noResponses', { file: req.shown }), t('surveyImport.noResponses.hint'))
    await backend.ready()
    timings.stagingMs = performance.now() - started
    const surveyId = req.survey.id
    let analysis = await backend.snapshot((db) => analyse(db, backend.tables, surveyId, staged))
    if (req.rejects) rejects = await writeRejects(req.rejects, req.file, req.head, badLinePages(backend.db, backend.tables))
    refuseBadLines(req, analysis, rejects)
    if (req.dryRun) {
      timings.analysisMs = performance.now() - started - timings.stagingMs
      return result(sha256, null, read, analysis, checker, backend.stager, timings)
    }
    await backend.stageSums(analysis.sums)
    await req.beforeFinalStep?.()
    const locking = performance.now()
    timings.analysisMs = locking - started - timings.stagingMs
    let locked = 0

    const batchId = await backend.locked(async (trx) => {
      locked = performance.now()
      timings.lockWaitMs = locked - locking
      if (!req.force) {
        const before = await findBatchBySha256(trx, sha256)
        if (before) throw alreadyImported(req.shown, before, req.survey.code)
      } else checkForcedPrefix(req.shown, await findBatchBySha256(trx, sha256, surveyId), idPrefix)
      if ((await surveyState(trx, surveyId)) !== analysis.state) {
        // Another import of the survey committed since the analysis: its rows may be these.
        analysis = await analyse(trx, backend.tables, surveyId, staged, analysis)
        if (req.rejects) {
          rejects?.discard()
          rejects = await writeRejects(req.rejects, req.file, req.head, badLinePages(trx, backend.tables))
        }
        refuseBadLines(req, analysis, rejects)
        await backend.stageSums(analysis.sums)
      }
      const batch = await insertBatch(trx, {
        surveyId,
        fileName: req.shown,
        sha256,
        bytes: req.head.size,
        encoding: encodingDisplayName(req.head.encoding),
        forced: req.force,
        ...(idPrefix !== undefined ? { idPrefix } : {}),
        actor: req.actor,
        at: req.now,
      })
      const inserted = await insertStaged(trx, backend.tables, surveyId, batch.id)
      if (inserted !== analysis.imported) throw new Error(`the import inserted ${inserted} rows where the analysis expected ${analysis.imported}; nothing imported`)
      await insertSums(trx, backend.tables, surveyId, batch.id)
      const { imported, alreadyPresent, rejected } = analysis
      await finishBatch(trx, batch.id, { rows: read, imported, alreadyPresent, rejected })
      await appendEvent(trx, req.event({ file: req.shown, sha256, batch: batch.id, read, imported, alreadyPresent, rejected, forced: req.force }))
      // Still inside the transaction: when the rejects file cannot be put in place, nothing is imported.
      rejects?.finish()
      return batch.id
    })
    const committed = performance.now()
    timings.lockHeldMs = committed - locked
    await backend.afterCommit()
    timings.checkpointMs = performance.now() - committed
    return result(sha256, batchId, read, analysis, checker, backend.stager, timings)
  } finally {
    rejects?.discard()
    await backend.close()
  }
}

function openBackend(store: Store, req: SurveyImportRequest): Promise<ImportBackend> {
  if (store.pgPool) return openPostgresImport(store.pgPool, store.location, () => req.onWait?.())
  // a workbook's rows come from exceljs on this thread: the worker's text reading does not apply
  const worker = req.head.sheet === undefined && (req.worker ?? req.head.size >= WORKER_MIN_BYTES)
  const label = createStrictDecoder(req.head.encoding).encoding
  // The worker reads and decodes a long file ahead of this thread, the slower side there. A wide
  // file's rows are ten responses each: there the worker's inserts are the slower side, and the
  // texts it would send outlive young-generation collections here (the wide bench's peak memory
  // was 149 MB with them, 126 MB without).
  const source = req.wide ? undefined : { file: req.file, size: req.head.size, label, chunkBytes: CHUNK_BYTES }
  return openSqliteImport(store as SqliteStore, worker ? { source } : undefined)
}

/** Unless --skip-invalid, a file with a bad line imports nothing: the error of its first bad line (the rejects file is kept). */
function refuseBadLines(req: SurveyImportRequest, a: Analysis, rejects: RejectsWriter | undefined): void {
  if (!a.first || req.skipInvalid) return
  rejects?.finish()
  throw errorWithCode(
    a.first.exitCode,
    t('surveyImport.badLines', { file: req.shown, lines: describeBadLines(a.first, a.rejected) }),
    badLinesHint(req, a.first),
  )
}

/**
 * The hint of a refused import. When its first bad line reuses an earlier import's response id
 * with other content, most likely two questionnaires are both numbered from 1: an id prefix
 * keeps them apart (another one, when this one is taken too).
 */
function badLinesHint(req: SurveyImportRequest, first: Analysis['first']): string {
  const prefix = req.mapping.reading?.idPrefix
  if (first?.clash && prefix !== undefined) return t('surveyImport.badLines.hintPrefixTaken', { prefix })
  if (first?.clash) return req.rejects ? t('surveyImport.badLines.hintIdClashRejects', { file: req.rejects }) : t('surveyImport.badLines.hintIdClash')
  return req.rejects ? t('surveyImport.badLines.hintRejects', { file: req.rejects }) : t('surveyImport.badLines.hint')
}

function result(
  sha256: string,
  batchId: number | null,
  read: number,
  a: Analysis,
  checker: SurveyRecordChecker,
  stager: Stager,
  timings: SurveyImportResult['timings'],
): SurveyImportResult {
  const wide = checker.wide ? { wide: { responses: checker.responses, selfRatingsSkipped: checker.selfRatingsSkipped } } : {}
  return { sha256, batchId, read, imported: a.imported, alreadyPresent: a.alreadyPresent, repeatedInFile: a.duplicatesPresent, rejected: a.rejected, idClashes: a.clashes, unitsMatched: checker.unitMatches(), ...wide, worker: stager.worker, timings }
}

/**
 * Reads, decodes and checks the file, sending the rows and bad lines to the stager in packs;
 * returns the records read (blank lines aside) and the sha256 of the bytes read.
 */
async function stageFile(req: SurveyImportRequest, checker: SurveyRecordChecker, stager: Stager): Promise<{ read: number; sha256: string }> {
  let read = 0
  let sha256 = ''
  if (req.head.sheet !== undefined) return stageRecords(req, checker, stager)
  const texts = stager.nextText ? workerTexts(req, stager.nextText.bind(stager)) : fileTexts(req)
  try {
    const reader = new CsvRecordReader(req.head.delimiter)
    const records: CsvRecord[] = []
    let headerSeen = false
    const packs = new Packer(stager)
    // A chunk's records are checked a piece of text at a time: the records of a whole chunk would
    // outlive two young-generation collections while a wide file's rows are checked (ten
    // responses each), and be promoted to the old generation as garbage.
    const checkRecords = async () => {
      for (let i = 0; i < records.length; i++) {
        const rec = records[i]!
        if (!headerSeen) {
          if (rec.line >= req.head.headerLine) headerSeen = true
          continue
        }
        const c = checker.check(rec)
        if (c.kind === 'blank') continue
        read++
        if (packs.add(c)) await packs.flush()
      }
      records.length = 0
    }
    for (;;) {
      const { text, offset, last, sha256: hashed } = await texts.next()
      for (let from = 0; from < text.length; from += TEXT_PIECE) {
        reader.push(text.slice(from, from + TEXT_PIECE), records)
        await checkRecords()
      }
      if (last) {
        reader.end(records)
        await checkRecords()
        req.onProgress?.(offset, read)
        sha256 = hashed!
        break
      }
      req.onProgress?.(offset, read)
    }
    await packs.end()
    return { read, sha256 }
  } finally {
    texts.close()
  }
}

/** Characters of text parsed into records at a time (a chunk of the file is about four times as many). */
const TEXT_PIECE = 16_384

/** stageFile for a workbook: its sheet's records (xlsx-file.ts) instead of text; the sha256 of the workbook's bytes. */
async function stageRecords(req: SurveyImportRequest, checker: SurveyRecordChecker, stager: Stager): Promise<{ read: number; sha256: string }> {
  let read = 0
  const packs = new Packer(stager)
  for await (const rec of recordsOf(req.file, req.head)) {
    const c = checker.check(rec)
    if (c.kind === 'blank') continue
    read++
    if (packs.add(c)) await packs.flush()
    if (read % 4096 === 0) req.onProgress?.(0, read)
  }
  await packs.end()
  return { read, sha256: req.sha256 ?? sha256OfFile(req.file) }
}

interface TextChunks {
  /** the next chunk of text and the file offset after it; `last` ends the file, and comes with the sha256 of the bytes read */
  next(): Promise<{ text: string; offset: number; last: boolean; sha256?: string }>
  close(): void
}

/** The file read, hashed and decoded here, a chunk at a time. */
function fileTexts(req: SurveyImportRequest): TextChunks {
  const fd = fs.openSync(req.file, 'r')
  const decoder = new ChunkDecoder(req.head.encoding)
  const hash = createHash('sha256')
  const chunk = Buffer.allocUnsafe(CHUNK_BYTES)
  let offset = 0
  return {
    next: async () => {
      const n = fs.readSync(fd, chunk, 0, chunk.length, offset)
      const last = n === 0 || offset + n >= req.head.size
      hash.update(chunk.subarray(0, n))
      const text = decoder.decode(chunk.subarray(0, n), offset, last)
      offset += n
      return { text, offset, last, sha256: last ? hash.digest('hex') : undefined }
    },
    close: () => fs.closeSync(fd),
  }
}

/**
 * The file as the stage worker reads and decodes it. Where a chunk does not decode, the file is
 * decoded again here up to that chunk, for the error ChunkDecoder gives (the line and offset of
 * the bad bytes).
 */
function workerTexts(req: SurveyImportRequest, next: NonNullable<Stager['nextText']>): TextChunks {
  return {
    next: async () => {
      const t = await next()
      if ('text' in t) return t
      const local = fileTexts(req)
      try {
        for (;;) {
          const { offset, last } = await local.next()
          if (offset > t.undecodable || last) break
        }
      } finally {
        local.close()
      }
      throw new Error(`the survey file did not decode at offset ${t.undecodable}, but does when read again`)
    },
    close: () => {},
  }
}
