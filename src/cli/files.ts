import fs from 'node:fs'
import path from 'node:path'
import { NotFoundError, UserError } from '../domain/errors.js'
import { createStrictDecoder, detectEncoding } from '../domain/text-encoding.js'

/** A file the user named: NotFoundError (exit 4) when it is missing, UserError when it is a folder. */
export function requireFile(ctx: { cwd: string }, file: string): string {
  const full = path.resolve(ctx.cwd, file)
  if (!fs.existsSync(full)) throw new NotFoundError(`file not found: ${file}`, 'check the path')
  if (fs.statSync(full).isDirectory()) throw new UserError(`${file} is a folder, not a file`)
  return full
}

/**
 * A small text file (CSV of units or calendar days, a mapping file), decoded as the survey
 * importer does: BOM, then strict UTF-8, then strict GB18030. Undecodable bytes are an error.
 */
export function readTextFile(ctx: { cwd: string }, file: string): string {
  const full = requireFile(ctx, file)
  const bytes = fs.readFileSync(full)
  const { encoding, bomLength } = detectEncoding(bytes, true)
  try {
    return createStrictDecoder(encoding).decode(bytes.subarray(bomLength))
  } catch {
    throw new UserError(`${file} is not valid ${encoding} text`, 'save it as UTF-8')
  }
}

/** Parses a small CSV text (header first); lazy-loads csv-parse. Each record keeps its line number. */
export async function parseCsvText(text: string, file: string): Promise<{ header: string[]; rows: { line: number; cells: string[] }[] }> {
  const { parse } = await import('csv-parse/sync')
  let records: { record: string[]; info: { lines: number } }[]
  try {
    records = parse(text, { relax_column_count: true, skip_empty_lines: true, info: true, bom: true, trim: false }) as never
  } catch (e) {
    const line = (e as { lines?: number }).lines
    throw new UserError(`${file}${line ? ` line ${line}` : ''}: ${(e as Error).message.replace(/^Invalid Record Length: /, '')}`, 'check the quoting of that line')
  }
  const [first, ...rest] = records
  if (!first) throw new UserError(`${file} is empty`, 'the first line must be a header')
  return { header: first.record, rows: rest.map((r) => ({ line: r.info.lines, cells: r.record })) }
}
