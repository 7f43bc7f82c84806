import type { CsvDelimiter } from './csv-dialect.js'
import { UserError } from '../errors.js'
import { excerpt } from '../excerpt.js'
import { formatCount } from '../counting.js'
import { t } from '../i18n/catalog.js'

/**
 * A streaming CSV reader for survey exports (RFC 4180 as Excel and survey platforms write it),
 * built for the bulk import: it takes decoded text in chunks of any size and hands out whole
 * records with the file line each starts on, so memory stays flat however large the file is.
 *
 * Rules: fields are split by the delimiter; records end at CRLF, LF or CR outside quotes; a field
 * that starts with a double quote runs to the matching quote, may hold delimiters and line breaks,
 * and writes a quote as two; a quote inside an unquoted field is taken literally (as Excel reads
 * it). Text after a closing quote and before the next delimiter, and a quoted field the file never
 * closes, make the record malformed: it is still returned, with `error` saying what is wrong, so
 * the importer can count it among the bad lines and go on.
 *
 * Bounds (DESIGN.md §8 "Inputs are bounded"): a record longer than MAX_RECORD_CHARS or with more
 * than MAX_COLUMNS cells stops the reading with a CsvLimitError naming its line, so a file that
 * is not a CSV (one endless line, a binary blob, a wrong delimiter) costs little memory and gets
 * one short message. The checks are per cell and per record, not per character.
 */
export interface CsvRecord {
  /** Line of the file the record starts on (the first line is 1). */
  line: number
  /** Lines the record spans (more than 1 when a quoted field holds line breaks). */
  lines: number
  cells: string[]
  /** Why the record is malformed; undefined for a well-formed record. */
  error?: string
}

/** Characters one record (a line, or the lines of a quoted field) may hold: 1 MB. */
export const MAX_RECORD_CHARS = 1 << 20
/** Cells one record may have. */
export const MAX_COLUMNS = 1000

/** A record over the reader's bounds: the import stops (exit 3); `line` is where the record starts. */
export class CsvLimitError extends UserError {
  constructor(
    readonly line: number,
    message: string,
    hint: string,
  ) {
    super(message, hint)
  }

  /** The same error with the file's name in front: "survey.csv line 7 is longer than …". */
  inFile(shown: string): UserError {
    return new UserError(`${shown} ${this.message}`, this.hint)
  }
}

const QUOTE = 34
const LF = 10
const CR = 13

export class CsvRecordReader {
  private buf = ''
  private line = 1
  /** the last record parse() read ended in a quoted field that never closes */
  private unclosedQuote = false
  /** A CR ended the last record at the end of a chunk: a LF starting the next chunk belongs to it. */
  private skipLf = false
  private readonly delim: number
  private readonly maxRecordChars: number
  private readonly maxColumns: number

  constructor(delimiter: CsvDelimiter, opts: { maxRecordChars?: number; maxColumns?: number } = {}) {
    this.delim = delimiter.charCodeAt(0)
    this.maxRecordChars = opts.maxRecordChars ?? MAX_RECORD_CHARS
    this.maxColumns = opts.maxColumns ?? MAX_COLUMNS
  }

  /**
   * Reads the complete records of `text` (following what came before) into `out`. A record not
   * yet ended is kept for the next call. Throws CsvLimitError, naming the record's line, when a
   * record runs on for more than maxRecordChars (a line that long, or a quote that never closes)
   * or has more than maxColumns cells.
   */
  push(text: string, out: CsvRecord[]): void {
    if (text.length === 0) return
    let s = this.buf.length === 0 ? text : this.buf + text
    if (this.skipLf) {
      this.skipLf = false
      if (s.charCodeAt(0) === LF) s = s.slice(1)
    }
    const used = this.parse(s, false, out)
    this.buf = used === s.length ? '' : s.slice(used)
    if (this.buf.length > this.maxRecordChars) throw this.unfinishedTooLong()
  }

  /**
   * The error for an unfinished record past maxRecordChars: read as if the text ended here, it
   * is either a quoted field that never closes or a record too long (parse throws that one).
   */
  private unfinishedTooLong(): CsvLimitError {
    const line = this.line
    const probe: CsvRecord[] = []
    this.unclosedQuote = false
    this.parse(this.buf, true, probe)
    this.buf = ''
    return probe[0]?.error !== undefined && this.unclosedQuote
      ? new CsvLimitError(line, t('surveyImport.csv.quoteTooLong', { line, max: formatCount(this.maxRecordChars) }), t('surveyImport.csv.quoteTooLong.hint'))
      : this.tooLong(line)
  }

  private tooLong(line: number): CsvLimitError {
    return new CsvLimitError(
      line,
      t(this.maxRecordChars === MAX_RECORD_CHARS ? 'surveyImport.csv.lineTooLongMb' : 'surveyImport.csv.lineTooLong', { line, max: formatCount(this.maxRecordChars) }),
      t('surveyImport.csv.lineTooLong.hint'),
    )
  }

  private tooManyColumns(line: number): CsvLimitError {
    return new CsvLimitError(
      line,
      t('surveyImport.csv.tooManyColumns', { line, max: formatCount(this.maxColumns) }),
      t('surveyImport.csv.tooManyColumns.hint'),
    )
  }

  /** Reads the last record, which needs no line break after it. */
  end(out: CsvRecord[]): void {
    const s = this.buf
    this.buf = ''
    if (s.length > 0) this.parse(s, true, out)
  }

  /** The line the next record starts on. */
  get nextLine(): number {
    return this.line
  }

  /**
   * Parses records from s; returns how many characters were consumed (the rest is an unfinished
   * record). With `final`, the end of s ends the last record.
   */
  private parse(s: string, final: boolean, out: CsvRecord[]): number {
    const n = s.length
    const delim = this.delim
    const maxColumns = this.maxColumns
    let pos = 0
    while (pos < n) {
      const start = pos
      const startLine = this.line
      let line = startLine
      const cells: string[] = []
      let error: string | undefined
      let p = pos
      let complete = false
      /** the record ended with a line break (not the end of the text) */
      let ended = false
      /** where the record's text ends (its line break, or the end of s) */
      let end = n
      // One record: fields until a line break outside quotes, or the end of s.
      for (;;) {
        if (p < n && s.charCodeAt(p) === QUOTE) {
          // Quoted field.
          let value = ''
          let from = p + 1
          let closed = false
          let q: number
          for (;;) {
            q = s.indexOf('"', from)
            if (q < 0) break
            if (q + 1 < n && s.charCodeAt(q + 1) === QUOTE) {
              value += s.slice(from, q + 1)
              from = q + 2
              continue
            }
            if (q + 1 >= n && !final) break // a quote at the very end: an escaped pair may follow
            closed = true
            break
          }
          if (!closed) {
            if (!final) return start // wait for more text
            value += s.slice(from)
            line += countLineBreaks(s, from, n)
            // A line break that ends the file is not a line of its own.
            const last = s.charCodeAt(n - 1)
            const spanned = line - startLine + (last === LF || last === CR ? 0 : 1)
            cells.push(value)
            this.unclosedQuote = true
            out.push({
              line: startLine,
              lines: Math.max(1, spanned),
              cells,
              error: spanned > 1 ? t('surveyImport.csv.unbalancedToEnd', { line: startLine, n: spanned }) : t('surveyImport.csv.unbalanced', { line: startLine }),
            })
            this.line = line
            return n
          }
          value += s.slice(from, q)
          line += countLineBreaks(s, p + 1, q)
          p = q + 1
          // After the closing quote: a delimiter, a line break, or the end; anything else is malformed.
          if (p < n) {
            const c = s.charCodeAt(p)
            if (c !== delim && c !== LF && c !== CR) {
              let e = p
              while (e < n) {
                const x = s.charCodeAt(e)
                if (x === delim || x === LF || x === CR) break
                e++
              }
              if (e >= n && !final) return start
              error ??= t('surveyImport.csv.textAfterQuote', { field: cells.length + 1, text: `'${excerpt(s.slice(p, Math.min(e, p + 40)), 20)}'` })
              value += s.slice(p, e)
              p = e
            }
          } else if (!final) {
            return start
          }
          cells.push(value)
        } else {
          // Unquoted field: up to the delimiter or a line break.
          let e = p
          while (e < n) {
            const c = s.charCodeAt(e)
            if (c === delim || c === LF || c === CR) break
            e++
          }
          if (e >= n && !final) return start
          cells.push(s.slice(p, e))
          p = e
        }
        if (p >= n) {
          complete = true
          pos = n
          break
        }
        const c = s.charCodeAt(p)
        if (c === delim) {
          if (cells.length >= maxColumns) throw this.tooManyColumns(startLine)
          p++
          if (p >= n && !final) return start
          if (p >= n) {
            cells.push('')
            complete = true
            pos = n
            break
          }
          continue
        }
        // A line break ends the record.
        end = p
        if (c === CR) {
          if (p + 1 < n) {
            p += s.charCodeAt(p + 1) === LF ? 2 : 1
          } else {
            p += 1
            if (!final) this.skipLf = true
          }
        } else {
          p += 1
        }
        line += 1
        ended = true
        complete = true
        pos = p
        break
      }
      if (!complete) return start
      if (end - start > this.maxRecordChars) throw this.tooLong(startLine)
      // `line` has moved past the breaks inside quoted fields, and past the record's own line break if it had one.
      const spanned = ended ? line - startLine : line - startLine + 1
      this.line = ended ? line : line + 1
      out.push(error === undefined ? { line: startLine, lines: spanned, cells } : { line: startLine, lines: spanned, cells, error })
    }
    return pos
  }
}

/** Line breaks (CRLF, LF or a lone CR each count once) in s[from, to). */
function countLineBreaks(s: string, from: number, to: number): number {
  let count = 0
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i)
    if (c === LF) count++
    else if (c === CR) {
      count++
      if (i + 1 < to && s.charCodeAt(i + 1) === LF) i++
    }
  }
  return count
}
