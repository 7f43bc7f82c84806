import { createHash } from 'node:crypto'
import fs from 'node:fs'
import { detectDelimiter, type CsvDelimiter } from '../../domain/surveys/csv-dialect.js'
import { UserError } from '../../domain/errors.js'
import { CsvRecordReader, MAX_RECORD_CHARS, type CsvRecord } from '../../domain/surveys/survey-csv.js'
import { ChunkDecoder, detectEncoding, type TextEncodingName } from '../../domain/surveys/text-encoding.js'
import type { SurveyFileHead } from './types.js'
import { workbookRecords } from './xlsx-file.js'
import { ColumnProfiler, type FileReading, type ReadingOptions } from '../../domain/surveys/file-reading.js'
import { displayHeader, type HeaderMapping } from '../../domain/surveys/header-aliases.js'
import type { ScoreField } from '../../domain/surveys/survey-fields.js'
import { t } from '../../domain/i18n/catalog.js'
import { note } from '../../domain/surveys/survey-notes.js'

/** Reading a survey file: its head (encoding, delimiter, header), its sha256, its records again. */

/** Bytes read per chunk: small enough that the decoded text stays in V8's young generation. */
export const CHUNK_BYTES = 1 << 16
/** Bytes looked at to detect the encoding and the delimiter. */
const SAMPLE_BYTES = 1 << 16

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
    const encodingReason = given ? note('surveyImport.encoding.given') : detected!.reason
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
        offset >= size ? t(size > 0 ? 'surveyImport.emptyBlankLines' : 'surveyImport.empty', { file: shown }) : t('surveyImport.noHeader', { file: shown, n: offset }),
        t('surveyImport.noHeader.hint'),
      )
    }
    if (header.error) throw new UserError(t('surveyImport.badHeader', { file: shown, line: header.line, error: header.error }), t('surveyImport.badHeader.hint'))
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

/** Every record after the header, in file order; the file is closed when the loop ends or is left. */
export function* readRecords(file: string, head: SurveyFileHead): Generator<CsvRecord> {
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
        if (rec.line > head.headerLine) yield rec
      }
      records.length = 0
      if (last) return
    }
  } finally {
    fs.closeSync(fd)
  }
}

/**
 * How the file's answers are read (file-reading.ts): its first rows are profiled, and the date
 * column read on to the end while its day order is still open. Throws UserError for a date
 * column that is all ambiguous without a given order.
 */
export async function profileSurveyFile(
  file: string,
  head: SurveyFileHead,
  mapping: HeaderMapping,
  opts: ReadingOptions,
  wideScores: readonly [ScoreField, number][] = [],
): Promise<FileReading> {
  const profiler = new ColumnProfiler(mapping.columns, wideScores)
  for await (const rec of recordsOf(file, head)) {
    if (rec.error === undefined) profiler.add(rec.cells)
    if (!profiler.needsMore(opts)) break
  }
  const i = mapping.columns.submitted_at
  const loyalty = mapping.columns.loyalty
  const loyaltyHeaders = [...(loyalty === undefined ? [] : [loyalty]), ...wideScores.filter(([f]) => f === 'loyalty').map(([, c]) => c)].map((c) => head.headers[c] ?? '')
  return profiler.reading(opts, i === undefined ? 'submitted_at' : `submitted_at (${displayHeader(head.headers, i)})`, loyaltyHeaders)
}

/** Every record after the header: of the text (readRecords), or of the workbook's sheet. */
export async function* recordsOf(file: string, head: SurveyFileHead): AsyncGenerator<CsvRecord> {
  if (head.sheet !== undefined) yield* workbookRecords(file, head)
  else yield* readRecords(file, head)
}
