import { OutputFile } from '../atomic-file.js'
import { recordsOf } from './survey-file.js'
import type { SurveyFileHead } from './types.js'

/**
 * The rejects file of `icm survey import --rejects FILE`: every bad line with its number, its
 * reason and the cells of its record, read again from the file (a record is parsed the same way
 * every time, so its line is the same). `pages` gives the bad lines in file order, a page after
 * a seq at a time (a wide row can have several) (from the staging area, so memory stays flat however many there are). The
 * file is left under its temporary name: the caller renames it into place (finish) or drops it.
 */
export async function writeRejects(
  target: string,
  file: string,
  head: SurveyFileHead,
  pages: (afterSeq: number) => Promise<{ seq: number; line: number; reason: string }[]>,
): Promise<RejectsWriter> {
  const out = await RejectsWriter.open(target, head.headers)
  try {
    let page = await pages(0)
    if (page.length > 0) {
      const records = recordsOf(file, head)
      try {
        let rec = await records.next()
        while (page.length > 0) {
          for (const bad of page) {
            while (!rec.done && rec.value.line < bad.line) rec = await records.next()
            if (!rec.done && rec.value.line === bad.line) out.write(bad.line, bad.reason, rec.value.cells)
          }
          page = await pages(page[page.length - 1]!.seq)
        }
      } finally {
        await records.return(undefined)
      }
    }
    return out
  } catch (e) {
    out.discard()
    throw e
  }
}

/** Writes bad lines as CSV (line, reason, then the record's cells) to a temporary file, renamed into place at the end. */
export class RejectsWriter {
  private readonly file: OutputFile
  private done = false

  private constructor(
    target: string,
    private readonly stringify: (rows: string[][]) => string,
    headers: readonly string[],
  ) {
    // under a temporary name, mode 0600, renamed into place by finish() (DESIGN.md §8)
    this.file = OutputFile.open(target)
    this.file.write(this.stringify([['line', 'reason', ...headers]]))
  }

  static async open(target: string, headers: readonly string[]): Promise<RejectsWriter> {
    const { stringify } = await import('csv-stringify/sync')
    // quoted_match: csv-stringify quotes a field holding the record delimiter (CRLF) but not a lone LF,
    // which every reader (icm's own included) would take for the end of the record.
    return new RejectsWriter(target, (rows) => stringify(rows, { escape_formulas: true, record_delimiter: 'windows', quoted_match: /[\r\n]/ }), headers)
  }

  write(line: number, reason: string, cells: readonly string[]): void {
    this.file.write(this.stringify([[String(line), reason, ...cells]]))
  }

  finish(): void {
    if (this.done) return
    this.done = true
    this.file.commit()
  }

  discard(): void {
    if (this.done) return
    this.done = true
    this.file.discard()
  }
}
