import fs from 'node:fs'
import { NotFoundError, UserError } from '../../domain/errors.js'
import { quote, quoteList } from '../../domain/excerpt.js'
import type { CsvRecord } from '../../domain/surveys/survey-csv.js'
import type { SurveyFileHead } from './types.js'
import { t } from '../../domain/i18n/catalog.js'
import { note } from '../../domain/surveys/survey-notes.js'
import type { CentralDirectory } from 'unzipper'

/**
 * Reading a survey export that is an Excel workbook (.xlsx), as 问卷星, 腾讯问卷, 金数据,
 * Microsoft Forms and Google Forms download it: streamed with exceljs' WorkbookReader (loaded
 * only when a workbook is imported), so memory stays flat; one sheet (the first, or --sheet NAME
 * or N); its rows become the records a CSV file gives, numbered as the sheet numbers them.
 */

type ExcelModule = typeof import('exceljs')
let excel: Promise<ExcelModule> | undefined
function loadExcel(): Promise<ExcelModule> {
  excel ??= import('exceljs').then((m) => ((m as unknown as { default?: ExcelModule }).default ?? m) as ExcelModule)
  return excel
}

const ZIP = Buffer.from([0x50, 0x4b, 0x03, 0x04])
const OLE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0])

/** True for a file named .xlsx or .xlsm: read as a workbook. */
export function isWorkbookName(name: string): boolean {
  return /\.xls[xm]$/iu.test(name)
}

/**
 * True when the file starts as a workbook does (a zip, or an encrypted or .xls workbook's OLE
 * container), whatever its name: a workbook piped on standard input, or saved with a .csv name.
 * No survey CSV starts so: these bytes are control characters.
 */
export function hasWorkbookBytes(file: string): boolean {
  const fd = fs.openSync(file, 'r')
  try {
    const magic = Buffer.alloc(4)
    return fs.readSync(fd, magic, 0, 4, 0) === 4 && (magic.equals(ZIP) || magic.equals(OLE))
  } finally {
    fs.closeSync(fd)
  }
}

/** Refuses (exit 3) a file that is not a zip (an .xlsx is one): password-protected workbooks are OLE containers. */
function checkContainer(file: string, shown: string): number {
  const fd = fs.openSync(file, 'r')
  try {
    const size = fs.fstatSync(fd).size
    const magic = Buffer.alloc(4)
    fs.readSync(fd, magic, 0, 4, 0)
    if (magic.equals(OLE)) throw new UserError(t('surveyImport.xlsx.encrypted', { file: shown }), t('surveyImport.xlsx.encrypted.hint'))
    if (!magic.equals(ZIP)) throw new UserError(t('surveyImport.xlsx.notWorkbook', { file: shown }), t('surveyImport.xlsx.notWorkbook.hint'))
    return size
  } finally {
    fs.closeSync(fd)
  }
}

/** Which sheet: a name, or a 1-based position. */
export function sheetMatches(want: string | undefined, position: number, name: string): boolean {
  if (want === undefined) return position === 1
  return /^\d+$/.test(want) ? Number(want) === position : want.trim() === name
}

interface SheetRows {
  name: string
  rows: AsyncIterable<{ number: number; values: unknown }>
}

/** The chosen sheet's rows; NotFoundError (4) naming the sheets when there is no such sheet. */
async function* openSheet(file: string, shown: string, sheet: string | undefined): AsyncGenerator<SheetRows> {
  const ExcelJS = await loadExcel()
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, { sharedStrings: 'cache', worksheets: 'emit', hyperlinks: 'ignore', styles: 'cache', entries: 'ignore' })
  const names: string[] = []
  try {
    const unzipper = (await import('unzipper')).default
    const dir = await unzipper.Open.file(file)
    const book = await workbookPartOf(dir)
    if (book) presetWorkbook(reader, book)
    let position = 0
    for await (const ws of sheetsOf(reader as unknown as ReaderInternals, dir)) {
      position++
      const name = (ws as { name?: string }).name ?? `Sheet${position}`
      names.push(name)
      // a sheet's position is its place in the workbook (the tabs Excel shows), whatever the zip's order
      const place = book ? book.sheets.findIndex((s) => s.name === name) + 1 : 0
      if (sheetMatches(sheet, place > 0 ? place : position, name)) {
        yield { name, rows: ws as AsyncIterable<{ number: number; values: unknown }> }
        return
      }
      // a sheet before the chosen one is not read at all: its entry is opened only when iterated
    }
  } catch (e) {
    if (e instanceof NotFoundError || e instanceof UserError) throw e
    throw new UserError(t('surveyImport.xlsx.unreadable', { file: shown, error: (e as Error).message }), t('surveyImport.xlsx.unreadable.hint'))
  }
  throw new NotFoundError(
    sheet === undefined ? t('surveyImport.xlsx.noSheets', { file: shown }) : t('surveyImport.xlsx.noSheet', { file: shown, sheet: quote(sheet), sheets: quoteList(names) || t('surveyImport.xlsx.none') }),
    t('surveyImport.xlsx.noSheet.hint'),
  )
}

/** A cell as text: what the CSV export of the cell would say. Dates (Excel keeps wall-clock time) as 'YYYY-MM-DD HH:mm:ss'. */
export function cellText(v: unknown): string {
  if (v === null || v === undefined) return ''
  if (typeof v === 'string') return v
  if (typeof v === 'number') return String(v)
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE'
  if (v instanceof Date) {
    const p = (n: number) => String(n).padStart(2, '0')
    return `${v.getUTCFullYear()}-${p(v.getUTCMonth() + 1)}-${p(v.getUTCDate())} ${p(v.getUTCHours())}:${p(v.getUTCMinutes())}:${p(v.getUTCSeconds())}`
  }
  if (typeof v === 'object') {
    const o = v as { richText?: { text: string }[]; result?: unknown; text?: unknown; error?: string }
    if (Array.isArray(o.richText)) return o.richText.map((r) => r.text).join('')
    if ('result' in o) return cellText(o.result)
    if (o.text !== undefined) return cellText(o.text)
    if (typeof o.error === 'string') return o.error
  }
  return String(v)
}

function cellsOf(values: unknown): string[] {
  const a = Array.isArray(values) ? values : []
  const cells: string[] = []
  for (let i = 1; i < a.length; i++) cells.push(cellText(a[i]))
  return cells
}

/**
 * The head of a workbook: the chosen sheet's first non-blank row is the header. Throws UserError
 * (3) for a file that is not a workbook or is encrypted, and for an empty sheet; NotFoundError
 * (4) for a sheet that does not exist.
 */
export async function readWorkbookHead(file: string, shown: string, sheet: string | undefined): Promise<SurveyFileHead> {
  const size = checkContainer(file, shown)
  for await (const s of openSheet(file, shown, sheet)) {
    for await (const row of s.rows) {
      const cells = cellsOf(row.values)
      if (cells.some((c) => c.trim() !== '')) {
        return { size, encoding: 'utf8', encodingReason: note('surveyImport.xlsx.reason', { sheet: quote(s.name) }), delimiter: ',', headers: cells, headerLine: row.number, sheet: s.name }
      }
    }
    throw new UserError(t('surveyImport.xlsx.emptySheet', { sheet: quote(s.name), file: shown }), t('surveyImport.xlsx.emptySheet.hint'))
  }
  throw new Error('unreachable: openSheet yields or throws')
}

/** What xl/workbook.xml and its relationships say: the sheets in the workbook's order, and the date system. */
export interface WorkbookPart {
  sheets: { id: number; name: string; state: string; rId: string }[]
  rels: { Id: string; Target: string }[]
  date1904: boolean
}

/** Reads xl/workbook.xml and xl/_rels/workbook.xml.rels (undefined when either is missing). */
async function workbookPartOf(dir: CentralDirectory): Promise<WorkbookPart | undefined> {
  const entry = (path: string) => dir.files.find((f) => f.path === path)
  const book = entry('xl/workbook.xml')
  const rels = entry('xl/_rels/workbook.xml.rels')
  if (!book || !rels) return undefined
  return parseWorkbookPart((await book.buffer()).toString('utf8'), (await rels.buffer()).toString('utf8'))
}

/** What sheetsOf uses of exceljs' WorkbookReader (4.4.0, pinned): the steps of its parse(). */
interface ReaderInternals {
  _parseSharedStrings(stream: AsyncIterable<unknown>): AsyncIterable<unknown>
  _parseStyles(stream: AsyncIterable<unknown>): Promise<void>
  _parseWorksheet(iterator: AsyncIterable<unknown>, sheetNo: string): Iterable<{ eventType: string; value: unknown }>
}

/**
 * The workbook's sheets as exceljs' WorkbookReader gives them (each a streaming WorksheetReader,
 * in zip order), its parse() done over the zip's central directory: the shared strings and styles
 * first, then each sheet, its entry opened only when its rows are read. exceljs reads the zip as
 * one stream, which now and then lost an entry's data on a busy machine (its streaming unzip
 * looks for the end of an entry in the data): a lost workbook.xml failed ("reading 'sheets'"), a
 * lost sharedStrings.xml gave every text cell as '[object Object]'. The central directory says
 * where each entry is and how long.
 */
async function* sheetsOf(reader: ReaderInternals, dir: CentralDirectory): AsyncGenerator<unknown> {
  const entry = (path: string) => dir.files.find((f) => f.path === path)
  const strings = entry('xl/sharedStrings.xml')
  if (strings) for await (const _ of reader._parseSharedStrings(strings.stream())) void _
  const styles = entry('xl/styles.xml')
  if (styles) await reader._parseStyles(styles.stream())
  for (const f of dir.files) {
    const m = /^xl\/worksheets\/sheet(\d+)\.xml$/.exec(f.path)
    if (!m) continue
    const lazy = { [Symbol.asyncIterator]: () => f.stream()[Symbol.asyncIterator]() }
    for (const e of reader._parseWorksheet(lazy, m[1]!)) if (e.eventType === 'worksheet') yield e.value
  }
}

/** The sheets, relationships and date system of workbook.xml's text (any namespace prefix: <sheet>, <x:sheet>). */
export function parseWorkbookPart(workbookXml: string, relsXml: string): WorkbookPart {
  const elements = (xml: string, tag: string) => [...xml.matchAll(new RegExp(`<(?:[\\w-]+:)?${tag}\\b([^>]*?)/?>`, 'g'))].map((m) => attributes(m[1]!))
  const sheets = elements(workbookXml, 'sheet').map((a) => ({ id: Number(a.sheetId), name: a.name ?? '', state: a.state ?? 'visible', rId: a.id ?? '' }))
  const rels = elements(relsXml, 'Relationship').map((a) => ({ Id: a.Id ?? '', Target: (a.Target ?? '').replace(/^\/?xl\//, '') }))
  const pr = elements(workbookXml, 'workbookPr')[0]
  return { sheets, rels, date1904: pr?.date1904 === '1' || pr?.date1904 === 'true' }
}

/** An element's attributes, by local name (r:id → id), entities decoded. */
function attributes(text: string): Record<string, string> {
  const out: Record<string, string> = {}
  for (const m of text.matchAll(/([\w-]+:)?([\w-]+)\s*=\s*"([^"]*)"/g)) out[m[2]!] = decodeXml(m[3]!)
  return out
}

function decodeXml(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (_m, e: string) => {
    if (e[0] === '#') return String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : Number(e.slice(1)))
    return ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" } as Record<string, string>)[e.toLowerCase()]!
  })
}

/** Gives the streaming reader the workbook's sheets, relationships and date system (sheetsOf does not parse them). */
function presetWorkbook(reader: object, book: WorkbookPart): void {
  Object.assign(reader, { model: { sheets: book.sheets }, workbookRels: book.rels, properties: { model: { date1904: book.date1904 } } })
}

/** The records of the head's sheet after its header, numbered as the sheet's rows; cells past the header's width that are blank are dropped. */
export async function* workbookRecords(file: string, head: SurveyFileHead): AsyncGenerator<CsvRecord> {
  const width = head.headers.length
  for await (const s of openSheet(file, file, head.sheet)) {
    for await (const row of s.rows) {
      if (row.number <= head.headerLine) continue
      const cells = cellsOf(row.values)
      while (cells.length > width && cells[cells.length - 1]!.trim() === '') cells.pop()
      while (cells.length < width) cells.push('')
      yield { line: row.number, lines: 1, cells }
    }
  }
}
