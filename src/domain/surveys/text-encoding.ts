import { TextDecoder } from 'node:util'
import { UserError } from '../errors.js'
import { quote } from '../excerpt.js'
import { t } from '../i18n/catalog.js'
import { note } from './survey-notes.js'

/**
 * Text encodings of survey exports (DESIGN.md §5 "Survey CSV import"): UTF-8 with or without a
 * BOM, UTF-16 with a BOM, and GBK/GB18030 as Excel and Chinese survey platforms write them.
 *
 * Detection order: byte order mark, then strict UTF-8, then strict GB18030. GBK is always read
 * with the `gb18030` decoder: GB18030 is a superset, and Node's `gbk` decoder rejects the
 * 4-byte sequences (𠮷, rare names) that real exports contain.
 *
 * Undecodable bytes are an error, never U+FFFD: every decoder here is `fatal`. The validators
 * below agree byte for byte with Node's fatal TextDecoder (test/domain/text-encoding.test.ts
 * checks this), and unlike TextDecoder they say where the bad bytes are.
 */

export type TextEncodingName = 'utf8' | 'utf16le' | 'utf16be' | 'gb18030'

export interface DetectedEncoding {
  encoding: TextEncodingName
  /** Bytes of the byte order mark at the start of the file (0, 2 or 3). */
  bomLength: number
  /** Why this encoding, in words for `--show-mapping` or a debug line. */
  reason: string
}

/** The hint every encoding error carries. */
const encodingHint = () => t('surveyImport.enc.hint')

/**
 * The encoding of a file from its first bytes. `sample` must start at byte 0 of the file (offsets
 * in messages are file offsets). When `isWholeFile` is false, a multi-byte sequence cut by the
 * end of the sample is not held against it; when it is true, valid UTF-8 cut in the middle of a
 * character at the very end is refused as a truncated file rather than read as GB18030. Throws
 * UserError when the bytes are neither UTF-8 nor GB18030, naming the first bad byte offset of
 * each, and for UTF-32 or NUL bytes that are not UTF-16.
 *
 * A sample of plain ASCII is reported as UTF-8 (the reason says so): a GBK file whose first
 * non-ASCII byte lies beyond the sample then fails in the strict decoder, which is an error the
 * importer reports with `findInvalidSequence`, never silent garbage.
 */
export function detectEncoding(sample: Uint8Array, isWholeFile: boolean): DetectedEncoding {
  const b = sample
  if (b.length === 0) return { encoding: 'utf8', bomLength: 0, reason: note('surveyImport.enc.empty') }
  if (startsWith(b, [0xff, 0xfe, 0x00, 0x00]) || startsWith(b, [0x00, 0x00, 0xfe, 0xff])) {
    throw new UserError(t('surveyImport.enc.utf32'), t('surveyImport.enc.utf32.hint'))
  }
  if (startsWith(b, [0xef, 0xbb, 0xbf])) return { encoding: 'utf8', bomLength: 3, reason: note('surveyImport.enc.bom', { name: 'UTF-8' }) }
  if (startsWith(b, [0xff, 0xfe])) return { encoding: 'utf16le', bomLength: 2, reason: note('surveyImport.enc.bom', { name: 'UTF-16LE' }) }
  if (startsWith(b, [0xfe, 0xff])) return { encoding: 'utf16be', bomLength: 2, reason: note('surveyImport.enc.bom', { name: 'UTF-16BE' }) }

  const nul = b.indexOf(0)
  if (nul >= 0) return utf16WithoutBom(b, nul)

  const utf8 = scanUtf8(b)
  if (utf8.invalid < 0 && utf8.truncated >= 0 && isWholeFile) {
    // Valid UTF-8 up to a character cut by the end: a truncated UTF-8 file, not GB18030 text.
    throw new UserError(
      t('surveyImport.enc.truncated', { where: describeBytesAt(b, utf8.truncated) }),
      t('surveyImport.enc.truncated.hint', { hint: encodingHint() }),
    )
  }
  const badUtf8 = utf8.invalid
  if (badUtf8 < 0) {
    const ascii = b.every((x) => x < 0x80)
    return {
      encoding: 'utf8',
      bomLength: 0,
      reason: !ascii ? note('surveyImport.enc.validUtf8') : isWholeFile ? note('surveyImport.enc.ascii') : note('surveyImport.enc.asciiFirst', { n: b.length }),
    }
  }
  const badGb = findInvalidSequence(b, 'gb18030', isWholeFile)
  if (badGb < 0) {
    return {
      encoding: 'gb18030',
      bomLength: 0,
      reason: note('surveyImport.enc.validGb', { byte: hexByte(b[badUtf8]!), offset: badUtf8 }),
    }
  }
  throw new UserError(
    t('surveyImport.enc.unknown', { utf8: describeBytesAt(b, badUtf8), gb: describeBytesAt(b, badGb) }),
    encodingHint(),
  )
}

/** `--encoding`: utf8, utf-8, utf16le, utf-16le, utf16be, utf-16be, gb18030, gbk, gb2312, cp936 or auto. */
export function parseEncodingOption(text: string): TextEncodingName | 'auto' {
  const key = text.trim().toLowerCase().replace(/_/g, '-')
  switch (key) {
    case 'auto':
      return 'auto'
    case 'utf8':
    case 'utf-8':
    case 'utf-8-sig':
      return 'utf8'
    case 'utf16le':
    case 'utf-16le':
      return 'utf16le'
    case 'utf16be':
    case 'utf-16be':
      return 'utf16be'
    // GBK and GB2312 are subsets of GB18030; Node's own gbk decoder rejects 4-byte sequences.
    case 'gb18030':
    case 'gbk':
    case 'gb2312':
    case 'cp936':
      return 'gb18030'
    default:
      throw new UserError(t('surveyImport.enc.unknownOption', { text: quote(text) }), t('surveyImport.enc.unknownOption.hint'))
  }
}

const DECODER_LABELS: Record<TextEncodingName, string> = {
  utf8: 'utf-8',
  utf16le: 'utf-16le',
  utf16be: 'utf-16be',
  gb18030: 'gb18030',
}

/**
 * A decoder that throws (TypeError) on undecodable bytes instead of writing U+FFFD. It drops a
 * leading BOM itself (ignoreBOM: false), so feed it the file from byte 0; for streaming, call
 * `decode(chunk, { stream: true })` per chunk and `decode()` at the end, which fails on a
 * sequence cut by the end of the file.
 */
export function createStrictDecoder(enc: TextEncodingName): TextDecoder {
  return new TextDecoder(DECODER_LABELS[enc], { fatal: true, ignoreBOM: false })
}

/** The name users know an encoding by, for messages. */
export function encodingDisplayName(enc: TextEncodingName): string {
  return { utf8: 'UTF-8', utf16le: 'UTF-16LE', utf16be: 'UTF-16BE', gb18030: 'GB18030' }[enc]
}

/**
 * Offset of the start of the first byte sequence in `bytes` that `enc` cannot decode, or -1 when
 * all of it decodes. A sequence cut by the end of `bytes` counts as invalid only when
 * `isWholeFile`. Use it to say where a strict decoder failed ("byte 0xFF at offset 1234").
 */
export function findInvalidSequence(bytes: Uint8Array, enc: TextEncodingName, isWholeFile: boolean): number {
  const r = enc === 'utf8' ? scanUtf8(bytes) : enc === 'gb18030' ? scanGb18030(bytes) : scanUtf16(bytes, enc === 'utf16le')
  if (r.invalid >= 0) return r.invalid
  if (r.truncated >= 0 && isWholeFile) return r.truncated
  return -1
}

/** "byte 0xB1 at offset 3": the first byte of the sequence that failed, for messages. */
export function describeBytesAt(bytes: Uint8Array, offset: number, shownOffset = offset): string {
  const x = bytes[offset]
  if (x === undefined) return t('surveyImport.enc.endAt', { offset: shownOffset })
  return t('surveyImport.enc.byteAt', { byte: hexByte(x), offset: shownOffset })
}

/** 0xFF. */
function hexByte(x: number): string {
  return `0x${x.toString(16).toUpperCase().padStart(2, '0')}`
}

interface ScanResult {
  /** Start of the first invalid sequence, or -1. */
  invalid: number
  /** Start of a sequence cut by the end of the bytes (valid so far), or -1. */
  truncated: number
}

function startsWith(b: Uint8Array, prefix: number[]): boolean {
  return b.length >= prefix.length && prefix.every((x, i) => b[i] === x)
}

/**
 * A file without BOM holding NUL bytes is either UTF-16 (every other byte NUL in ASCII-heavy
 * text such as CSV) or not text at all; strict UTF-8 would accept NULs, so decide here.
 */
function utf16WithoutBom(b: Uint8Array, firstNul: number): DetectedEncoding {
  let even = 0
  let odd = 0
  for (let i = 0; i < b.length; i++) {
    if (b[i] === 0) {
      if (i % 2 === 0) even++
      else odd++
    }
  }
  // CSV text is full of ASCII (digits, delimiters, line ends), so at least a fifth of the pairs carry a NUL.
  const enough = Math.max(2, Math.floor(b.length / 2) * 0.2)
  if (even === 0 && odd >= enough) {
    return { encoding: 'utf16le', bomLength: 0, reason: note('surveyImport.enc.nul', { name: 'UTF-16LE' }) }
  }
  if (odd === 0 && even >= enough) {
    return { encoding: 'utf16be', bomLength: 0, reason: note('surveyImport.enc.nul', { name: 'UTF-16BE' }) }
  }
  throw new UserError(t('surveyImport.enc.notText', { offset: firstNul }), encodingHint())
}

/** Well-formed UTF-8 as in The Unicode Standard, table 3-7 (what a fatal TextDecoder accepts). */
function scanUtf8(b: Uint8Array): ScanResult {
  const n = b.length
  let i = 0
  while (i < n) {
    const x = b[i]!
    if (x < 0x80) {
      i++
      continue
    }
    let len: number
    let lo = 0x80
    let hi = 0xbf
    if (x >= 0xc2 && x <= 0xdf) len = 2
    else if (x >= 0xe0 && x <= 0xef) {
      len = 3
      if (x === 0xe0) lo = 0xa0
      else if (x === 0xed) hi = 0x9f
    } else if (x >= 0xf0 && x <= 0xf4) {
      len = 4
      if (x === 0xf0) lo = 0x90
      else if (x === 0xf4) hi = 0x8f
    } else return { invalid: i, truncated: -1 }
    for (let k = 1; k < len; k++) {
      if (i + k >= n) return { invalid: -1, truncated: i }
      const c = b[i + k]!
      const [min, max] = k === 1 ? [lo, hi] : [0x80, 0xbf]
      if (c < min || c > max) return { invalid: i, truncated: -1 }
    }
    i += len
  }
  return { invalid: -1, truncated: -1 }
}

/** Last 4-byte pointer of the BMP range (U+FFFF) and the supplementary range (U+10000–U+10FFFF). */
const GB_BMP_LAST_POINTER = 39419
const GB_SUPP_FIRST_POINTER = 189000
const GB_SUPP_LAST_POINTER = 1237575

/**
 * GB18030 as the WHATWG Encoding Standard decodes it: ASCII and 0x80 (€) single bytes; lead
 * 0x81–0xFE with trail 0x40–0x7E or 0x80–0xFE (two bytes); lead, 0x30–0x39, 0x81–0xFE, 0x30–0x39
 * (four bytes) whose pointer maps to a code point.
 */
function scanGb18030(b: Uint8Array): ScanResult {
  const n = b.length
  let i = 0
  while (i < n) {
    const x = b[i]!
    if (x <= 0x80) {
      i++
      continue
    }
    if (x === 0xff) return { invalid: i, truncated: -1 }
    if (i + 1 >= n) return { invalid: -1, truncated: i }
    const y = b[i + 1]!
    if ((y >= 0x40 && y <= 0x7e) || (y >= 0x80 && y <= 0xfe)) {
      i += 2
      continue
    }
    if (y < 0x30 || y > 0x39) return { invalid: i, truncated: -1 }
    if (i + 2 >= n) return { invalid: -1, truncated: i }
    const z = b[i + 2]!
    if (z < 0x81 || z > 0xfe) return { invalid: i, truncated: -1 }
    if (i + 3 >= n) return { invalid: -1, truncated: i }
    const w = b[i + 3]!
    if (w < 0x30 || w > 0x39) return { invalid: i, truncated: -1 }
    const pointer = (x - 0x81) * 12600 + (y - 0x30) * 1260 + (z - 0x81) * 10 + (w - 0x30)
    const valid =
      pointer <= GB_BMP_LAST_POINTER || (pointer >= GB_SUPP_FIRST_POINTER && pointer <= GB_SUPP_LAST_POINTER)
    if (!valid) return { invalid: i, truncated: -1 }
    i += 4
  }
  return { invalid: -1, truncated: -1 }
}

/** UTF-16: surrogates must pair; an odd final byte or a final lone high surrogate is cut. */
function scanUtf16(b: Uint8Array, littleEndian: boolean): ScanResult {
  const n = b.length
  const unit = (i: number) => (littleEndian ? b[i]! | (b[i + 1]! << 8) : (b[i]! << 8) | b[i + 1]!)
  let i = 0
  while (i < n) {
    if (i + 1 >= n) return { invalid: -1, truncated: i }
    const u = unit(i)
    if (u >= 0xdc00 && u <= 0xdfff) return { invalid: i, truncated: -1 }
    if (u >= 0xd800 && u <= 0xdbff) {
      if (i + 3 >= n) return { invalid: -1, truncated: i }
      const v = unit(i + 2)
      if (v < 0xdc00 || v > 0xdfff) return { invalid: i, truncated: -1 }
      i += 4
      continue
    }
    i += 2
  }
  return { invalid: -1, truncated: -1 }
}

/**
 * Decodes a file chunk by chunk with a strict decoder, for the streaming import: text out,
 * never U+FFFD. When bytes do not decode, throws UserError naming the file offset and line of
 * the first bad sequence (found by findInvalidSequence from a point where a character surely
 * starts). Feed it the file from byte 0: the decoder drops the BOM itself.
 */
export class ChunkDecoder {
  private readonly decoder: TextDecoder
  /** The last bytes of the previous chunk (a character cut by the chunk boundary starts there). */
  private tail: Uint8Array = new Uint8Array(0)
  private lineBreaks = 0

  constructor(private readonly encoding: TextEncodingName) {
    this.decoder = createStrictDecoder(encoding)
  }

  /**
   * The text of `chunk`, which starts at file offset `offset` and follows the previous chunk;
   * `last` ends the file (a character cut by the end is then an error).
   */
  decode(chunk: Uint8Array, offset: number, last: boolean): string {
    let text: string
    try {
      text = last ? this.decoder.decode(chunk) : this.decoder.decode(chunk, { stream: true })
    } catch {
      throw this.failure(chunk, offset, last)
    }
    // A copy: the caller may reuse the chunk's buffer for the next read.
    this.tail = new Uint8Array(chunk.subarray(Math.max(0, chunk.length - 8)))
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) this.lineBreaks++
    return text
  }

  private failure(chunk: Uint8Array, offset: number, last: boolean): UserError {
    // Start the search where a character surely begins: in UTF-8 a byte that is no continuation
    // byte, in GB18030 after a byte below 0x30 (never part of a multi-byte sequence), in UTF-16
    // an even offset.
    const joined = new Uint8Array(this.tail.length + chunk.length)
    joined.set(this.tail, 0)
    joined.set(chunk, this.tail.length)
    const base = offset - this.tail.length
    let start = 0
    if (this.encoding === 'utf8') {
      start = this.tail.length
      while (start > 0 && (joined[start]! & 0xc0) === 0x80) start--
    } else if (this.encoding === 'gb18030') {
      start = this.tail.length
      while (start > 0 && joined[start - 1]! >= 0x30) start--
    } else {
      start = (base + this.tail.length) % 2 === 0 ? this.tail.length : this.tail.length - 1
      if (start >= 2) start -= 2
    }
    const window = joined.subarray(start)
    const at = findInvalidSequence(window, this.encoding, last)
    const name = encodingDisplayName(this.encoding)
    if (at < 0) {
      return new UserError(t('surveyImport.enc.invalidNear', { name, offset }), encodingHint())
    }
    const fileOffset = base + start + at
    // Lines before the bad bytes: those of the text decoded so far plus the LF bytes before them in this window.
    let breaks = this.lineBreaks
    const lf = this.encoding === 'utf16be' ? [0x00, 0x0a] : this.encoding === 'utf16le' ? [0x0a, 0x00] : [0x0a]
    const before = joined.subarray(Math.max(start, this.tail.length), Math.max(start + at, this.tail.length))
    const step = lf.length
    for (let i = 0; i + step <= before.length; i += step) {
      if (before[i] === lf[0] && (step === 1 || before[i + 1] === lf[1])) breaks++
    }
    return new UserError(
      t('surveyImport.enc.invalidAt', { line: breaks + 1, name, where: describeBytesAt(window, at, fileOffset) }),
      encodingHint(),
    )
  }
}
