import type { Command } from 'commander'
import { UserError } from '../domain/errors.js'
import { quote } from '../domain/excerpt.js'
import { hasMessage, t } from '../domain/i18n/catalog.js'
import { toCsv } from './output.js'

/**
 * CSV files made for people (DESIGN.md §7): `assess export`, `survey export`, bonus files. They
 * open in Chinese Excel as they are: UTF-8 with a BOM by default (`--encoding utf8` leaves it out
 * for scripts, `--encoding gbk` serves old Excel versions and refuses a character GBK cannot hold,
 * never writing '?'), headers in the interface language unless `--header en`. Formula-like cells are
 * neutralised as in every CSV icm writes. What is printed on stdout (`--csv`) is a contract and
 * never goes through here.
 */
export type PeopleEncoding = 'utf8-bom' | 'utf8' | 'gbk'

export interface PeopleFileOptions {
  encoding?: string
  header?: string
  /** the old switch for the BOM: the same as the default now */
  excel?: boolean
}

export interface PeopleFormat {
  encoding: PeopleEncoding
  /** English column names whatever the interface language */
  englishHeader: boolean
}

/** Adds --encoding, --header and the old --excel to a command that writes a file for people. */
export function peopleFileOptions(cmd: Command): Command {
  return cmd
    .option('--encoding <encoding>', t('files.option.encoding'))
    .option('--header <lang>', t('files.option.header'))
    .option('--excel', t('files.option.excel'))
}

/** The format the options ask for; a wrong value is exit 3 before anything is read or written. */
export function peopleFormat(opts: PeopleFileOptions): PeopleFormat {
  return { encoding: encodingNamed(opts.encoding), englishHeader: headerIsEnglish(opts.header) }
}

function encodingNamed(text: string | undefined): PeopleEncoding {
  if (text === undefined) return 'utf8-bom'
  const wanted = text.trim().toLowerCase().replace(/[_\s]/g, '-')
  if (wanted === 'utf8-bom' || wanted === 'utf-8-bom') return 'utf8-bom'
  if (wanted === 'utf8' || wanted === 'utf-8') return 'utf8'
  if (wanted === 'gbk' || wanted === 'cp936' || wanted === 'gb2312') return 'gbk'
  throw new UserError(t('files.encoding.invalid', { text: quote(text) }), t('files.encoding.invalid.hint'))
}

function headerIsEnglish(text: string | undefined): boolean {
  if (text === undefined) return false
  if (text.trim().toLowerCase() === 'en') return true
  throw new UserError(t('files.header.invalid', { text: quote(text) }), t('files.header.invalid.hint'))
}

/** The column names a person reads: each English name's title in the interface language. */
export function peopleHeader(names: readonly string[], format: PeopleFormat): string[] {
  if (format.englishHeader) return [...names]
  return names.map((name) => columnTitle(name))
}

/** A column's title in the interface language (its English name when it has none). */
export function columnTitle(name: string): string {
  const key = `files.header.${name}`
  return hasMessage(key) ? t(key as 'files.header.name') : name
}

/**
 * Writes CSV for people page by page: the header and, for utf8-bom, the BOM once at the start;
 * the text encoded as the format says. Lines of an error count the file's records, the header
 * being line 1.
 */
export class PeopleCsv {
  private headerLength: number | undefined
  private nextLine = 1

  constructor(
    private readonly header: readonly string[],
    private readonly format: PeopleFormat,
  ) {}

  /** The bytes of the next page of rows (the first page starts with the header). */
  async page(rows: readonly (readonly string[])[]): Promise<Uint8Array> {
    const text = await toCsv([...this.header], rows.map((r) => [...r]))
    const first = this.headerLength === undefined
    if (first) this.headerLength = (await toCsv([...this.header], [])).length
    const records = first ? [this.header, ...rows] : rows
    const line = this.nextLine
    this.nextLine += records.length
    return encode(first ? text : text.slice(this.headerLength), first, this.format, () => firstUnencodable(records, line, this.header))
  }
}

/** A whole file for people at once. */
export async function peopleCsv(header: readonly string[], rows: readonly (readonly string[])[], format: PeopleFormat): Promise<Uint8Array> {
  return new PeopleCsv(header, format).page(rows)
}

const BOM = Buffer.from([0xef, 0xbb, 0xbf])

async function encode(text: string, first: boolean, format: PeopleFormat, refusal: () => Promise<UserError>): Promise<Uint8Array> {
  if (format.encoding === 'utf8') return Buffer.from(text, 'utf8')
  if (format.encoding === 'utf8-bom') return first ? Buffer.concat([BOM, Buffer.from(text, 'utf8')]) : Buffer.from(text, 'utf8')
  const iconv = await gbkCodec()
  const bytes = iconv.encode(text, 'gbk')
  if (iconv.decode(bytes, 'gbk') !== text) throw await refusal()
  return bytes
}

/** The first cell GBK cannot hold, named by its line and its column's title. */
async function firstUnencodable(records: readonly (readonly string[])[], firstLine: number, header: readonly string[]): Promise<UserError> {
  const iconv = await gbkCodec()
  const holds = (c: string) => iconv.decode(iconv.encode(c, 'gbk'), 'gbk') === c
  for (const [i, record] of records.entries()) {
    for (const [j, cell] of record.entries()) {
      const char = [...cell].find((c) => !holds(c))
      if (char !== undefined) return new UserError(t('files.gbk.cannot', { line: firstLine + i, column: header[j] ?? String(j + 1), cell: quote(cell), char }), t('files.gbk.cannot.hint'))
    }
  }
  // a character that only a neighbour's bytes could not hold: name the page
  return new UserError(t('files.gbk.cannot', { line: firstLine, column: header[0] ?? '1', cell: "''", char: '?' }), t('files.gbk.cannot.hint'))
}

/** iconv-lite (its tables are large) is loaded only when a GBK file is written. */
async function gbkCodec(): Promise<typeof import('iconv-lite')> {
  const m = await import('iconv-lite')
  return (m as { default?: typeof import('iconv-lite') }).default ?? m
}
