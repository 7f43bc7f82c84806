import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import tty from 'node:tty'
import { cellCountProblem } from '../domain/bad-lines.js'
import { NotFoundError, UserError, isIcmError } from '../domain/errors.js'
import { t } from '../domain/i18n/catalog.js'
import { headerWidth } from '../domain/surveys/header-aliases.js'
import { CsvLimitError, CsvRecordReader, type CsvRecord } from '../domain/surveys/survey-csv.js'
import { createStrictDecoder, detectEncoding } from '../domain/surveys/text-encoding.js'

/**
 * The files a command reads (DESIGN.md §8 "Inputs are bounded"): only regular files are read in
 * place; a folder, a device (/dev/zero) or a socket is refused before any work; `-` (stdin) and
 * pipes (`<(…)`, a named FIFO) are read once into a temporary file (mode 0600, removed
 * afterwards), so every reader can seek and hash it, and a FIFO no program writes to ends at once
 * instead of hanging. Sizes are bounded: MAX_SMALL_FILE_BYTES for the small CSVs and mapping
 * files, MAX_PIPE_BYTES for what a pipe may bring.
 */

/** Bytes a small input file may have: a units, calendar, assessment inputs or bonus base CSV, a mapping file. */
export const MAX_SMALL_FILE_BYTES = 50 * 1024 * 1024
/** Bytes read from stdin or a pipe into a temporary file at most (a survey export; small files stop at MAX_SMALL_FILE_BYTES). */
export const MAX_PIPE_BYTES = 4 * 1024 * 1024 * 1024

/** A file the user named, ready to be read as a regular file. */
export interface InputFile {
  /** the regular file to read: the user's own, or the temporary copy of stdin or a pipe */
  path: string
  /** the file as the user named it, 'stdin' for - */
  shown: string
  /** bytes in `path` */
  size: number
  /** read through a temporary copy */
  spooled: boolean
  /** removes the temporary copy (nothing for a regular file); safe to call twice */
  dispose(): void
}

/**
 * A regular file the user named: NotFoundError (exit 4) when it is missing, UserError (exit 3)
 * when it is a folder, a device, a FIFO or a socket, or cannot be read.
 */
export function requireFile(ctx: { cwd: string }, file: string): string {
  const full = path.resolve(ctx.cwd, file)
  const st = statInput(full, file)
  if (!st.isFile()) throw notRegular(file, st)
  return full
}

/**
 * Opens what the user named for reading, as a regular file: the file itself, or a temporary
 * copy of stdin (`-`) or a pipe. `maxBytes` bounds the size either way (exit 3 beyond it).
 * Call dispose() when done.
 */
export function openInputFile(ctx: { cwd: string }, file: string, opts: { maxBytes?: number } = {}): InputFile {
  const maxBytes = opts.maxBytes ?? Number.POSITIVE_INFINITY
  if (file === '-') return spoolStdin(maxBytes)
  const full = path.resolve(ctx.cwd, file)
  const st = statInput(full, file)
  if (st.isFile()) {
    if (st.size > maxBytes) throw tooLarge(file, maxBytes)
    return { path: full, shown: file, size: st.size, spooled: false, dispose: () => {} }
  }
  if (!st.isFIFO()) throw notRegular(file, st)
  // O_NONBLOCK: opening a FIFO no program writes to returns at once (a blocking open would wait for a writer forever).
  const fd = openOrExplain(full, file, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK)
  try {
    const copy = spool(fd, file, Math.min(maxBytes, MAX_PIPE_BYTES), FIFO_WRITER_WAIT_MS)
    if (copy.size === 0) {
      copy.dispose()
      throw new UserError(t('system.file.pipeEmpty', { file }), t('system.file.pipeEmpty.hint'))
    }
    return copy
  } finally {
    fs.closeSync(fd)
  }
}

/**
 * A small text file (CSV of units or calendar days, a mapping file), at most
 * MAX_SMALL_FILE_BYTES, decoded as the survey importer does: BOM, then strict UTF-8, then strict
 * GB18030. Undecodable bytes are an error.
 */
export function readTextFile(ctx: { cwd: string }, file: string): string {
  const input = openInputFile(ctx, file, { maxBytes: MAX_SMALL_FILE_BYTES })
  let bytes: Buffer
  try {
    bytes = readBounded(input.path, input.shown, MAX_SMALL_FILE_BYTES)
  } finally {
    input.dispose()
  }
  let detected: ReturnType<typeof detectEncoding>
  try {
    detected = detectEncoding(bytes, true)
  } catch (e) {
    // (the hint drops --encoding: only survey import has it)
    if (isIcmError(e)) throw new UserError(t('system.file.undecodable', { file: input.shown, reason: e.message }), t('system.file.undecodable.hint'))
    throw e
  }
  try {
    return createStrictDecoder(detected.encoding).decode(bytes.subarray(detected.bomLength))
  } catch {
    throw new UserError(t('system.file.invalidText', { file: input.shown, encoding: detected.encoding }), t('system.file.invalidText.hint'))
  }
}

/** A record of a small CSV after its header, with why it is a bad line when its shape already says so. */
export interface CsvTextRow {
  line: number
  cells: string[]
  /** malformed (an unbalanced quote …), fewer cells than the header or more: a bad line whatever its cells say */
  problem?: string
}

/**
 * Parses a small CSV text (comma-separated, header first) with the survey importer's reader and
 * bounds: blank lines are skipped; each record keeps the line it starts on; a record that is
 * malformed or does not fit the header (bad-lines.cellCountProblem) carries its `problem` for the
 * command to report among its bad lines. A line over 1 MB or a record over 1,000 columns stops
 * it (exit 3, naming the line).
 */
export function parseCsvText(text: string, file: string): { header: string[]; rows: CsvTextRow[] } {
  const reader = new CsvRecordReader(',')
  const records: CsvRecord[] = []
  try {
    reader.push(text, records)
    reader.end(records)
  } catch (e) {
    if (e instanceof CsvLimitError) throw e.inFile(file)
    throw e
  }
  const filled = records.filter((r) => r.error !== undefined || r.cells.some((c) => c.trim() !== ''))
  const [first, ...rest] = filled
  if (!first) throw new UserError(t('system.file.empty', { file }), t('system.file.empty.hint'))
  if (first.error) throw new UserError(t('system.file.badHeader', { file, line: first.line, error: first.error }), t('system.file.badHeader.hint'))
  const header = first.cells
  const width = headerWidth(header)
  return {
    header,
    rows: rest.map((r) => {
      const problem = r.error ?? cellCountProblem(r.cells, width, header.length)
      return problem === undefined ? { line: r.line, cells: r.cells } : { line: r.line, cells: r.cells, problem }
    }),
  }
}

// ── Reading ──────────────────────────────────────────────────────────────────────────────────

/** stat of a path the user named, its errors as the user's: missing (exit 4), not readable (exit 3). */
function statInput(full: string, file: string): fs.Stats {
  try {
    return fs.statSync(full)
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new NotFoundError(t('system.file.notFound', { file }), t('system.file.notFound.hint'))
    throw cannotRead(file, e)
  }
}

function openOrExplain(full: string, file: string, flags: number): number {
  try {
    return fs.openSync(full, flags)
  } catch (e) {
    throw cannotRead(file, e)
  }
}

function cannotRead(file: string, e: unknown): UserError {
  const code = (e as NodeJS.ErrnoException).code
  const why = code === 'EACCES' || code === 'EPERM' ? t('system.file.why.permission') : code === 'ELOOP' ? t('system.file.why.symlinks') : (code ?? String(e))
  return new UserError(t('system.file.cannotRead', { file, why }), t('system.file.cannotRead.hint'))
}

function notRegular(file: string, st: fs.Stats): UserError {
  if (st.isDirectory()) return new UserError(t('system.file.isFolder', { file }), t('system.file.givePath.hint'))
  const what = st.isCharacterDevice() || st.isBlockDevice() ? t('system.kind.device') : st.isSocket() ? t('system.kind.socket') : st.isFIFO() ? t('system.kind.pipe') : t('system.kind.other')
  return new UserError(t('system.file.notRegular', { file, what }), t('system.file.givePath.hint'))
}

function tooLarge(file: string, maxBytes: number): UserError {
  return new UserError(t('system.file.tooLarge', { file, size: sizeText(maxBytes) }), t('system.file.tooLarge.hint'))
}

/** '50 MB', '4 GB', '100 bytes' (binary units, as the limits are). */
function sizeText(bytes: number): string {
  if (bytes >= 1024 ** 3) return `${Math.round((10 * bytes) / 1024 ** 3) / 10} GB`
  if (bytes >= 1024 ** 2) return `${Math.round((10 * bytes) / 1024 ** 2) / 10} MB`
  return t('system.file.bytes', { n: bytes.toLocaleString('en-US') })
}

/** The bytes of a regular file, refusing more than maxBytes (the file may have grown since it was checked). */
function readBounded(full: string, shown: string, maxBytes: number): Buffer {
  const fd = openOrExplain(full, shown, fs.constants.O_RDONLY)
  try {
    const st = fs.fstatSync(fd)
    if (!st.isFile()) throw notRegular(shown, st)
    if (st.size > maxBytes) throw tooLarge(shown, maxBytes)
    const buf = Buffer.allocUnsafe(st.size + 1)
    let got = 0
    for (;;) {
      const n = fs.readSync(fd, buf, got, buf.length - got, null)
      if (n === 0) break
      got += n
      if (got === buf.length) throw new UserError(t('system.file.grew', { file: shown }), t('system.file.grew.hint'))
    }
    return buf.subarray(0, got)
  } finally {
    fs.closeSync(fd)
  }
}

/** stdin (-) into a temporary file: a pipe, a socket or a redirected file; never a terminal or a device. */
function spoolStdin(maxBytes: number): InputFile {
  if (tty.isatty(0)) throw new UserError(t('system.file.stdinTerminal'), t('system.file.stdinTerminal.hint'))
  let st: fs.Stats
  try {
    st = fs.fstatSync(0)
  } catch {
    throw new UserError(t('system.file.stdinClosed'), t('system.file.stdinClosed.hint'))
  }
  if (st.isCharacterDevice() || st.isBlockDevice() || st.isDirectory()) throw notRegular('stdin', st)
  if (st.isFile() && st.size > maxBytes) throw tooLarge('stdin', maxBytes)
  return spool(0, 'stdin', Math.min(maxBytes, MAX_PIPE_BYTES))
}

const SPOOL_CHUNK = 1 << 20
/** How long the spool sleeps when a pipe has no data yet (its writer is still writing). */
const PIPE_WAIT_MS = 2
/** How long a named pipe (FIFO) is given for a program to open it for writing, before it counts as one no program writes to. */
export const FIFO_WRITER_WAIT_MS = 1000
const sleeper = new Int32Array(new SharedArrayBuffer(4))

/**
 * Copies everything `fd` gives, up to maxBytes, into a new temporary file (in a folder of its
 * own, mode 0600). A non-blocking pipe with no data yet is waited for in short sleeps; its end
 * (no writer left) ends the copy. A non-blocking FIFO reads as ended until a program opens it
 * for writing: `writerWaitMs` is how long that end is not believed while nothing has come yet.
 */
function spool(fd: number, shown: string, maxBytes: number, writerWaitMs = 0): InputFile {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'icm-input-'))
  const dispose = () => fs.rmSync(dir, { recursive: true, force: true })
  const tmp = path.join(dir, 'input')
  let out: number | undefined
  let size = 0
  try {
    out = fs.openSync(tmp, 'wx', 0o600)
    const buf = Buffer.allocUnsafe(SPOOL_CHUNK)
    /** a writer was there: data came, or the pipe said "nothing yet" rather than "ended" */
    let writerSeen = false
    const giveUpAt = Date.now() + writerWaitMs
    for (;;) {
      let n: number
      try {
        n = fs.readSync(fd, buf, 0, buf.length, null)
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'EAGAIN') {
          writerSeen = true
          Atomics.wait(sleeper, 0, 0, PIPE_WAIT_MS)
          continue
        }
        throw cannotRead(shown, e)
      }
      if (n === 0) {
        if (writerSeen || Date.now() >= giveUpAt) break
        Atomics.wait(sleeper, 0, 0, 10)
        continue
      }
      writerSeen = true
      size += n
      if (size > maxBytes) throw tooLarge(shown, maxBytes)
      for (let at = 0; at < n; ) at += fs.writeSync(out, buf, at, n - at)
    }
    fs.closeSync(out)
    out = undefined
  } catch (e) {
    if (out !== undefined) fs.closeSync(out)
    dispose()
    const code = (e as NodeJS.ErrnoException).code
    if (code === 'ENOSPC' || code === 'EDQUOT') throw new UserError(t('system.file.noSpace', { file: shown, dir: os.tmpdir() }), t('system.file.noSpace.hint'))
    throw e
  }
  return { path: tmp, shown, size, spooled: true, dispose }
}

/** readTextFile + parseCsvText, with the name messages use for the file ('stdin' for -). */
export function readCsvFile(ctx: { cwd: string }, file: string): { shown: string; header: string[]; rows: CsvTextRow[] } {
  const shown = file === '-' ? 'stdin' : file
  return { shown, ...parseCsvText(readTextFile(ctx, file), shown) }
}
