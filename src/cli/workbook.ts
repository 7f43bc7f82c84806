import { displayWidth } from './fit.js'
import { GRADE_COLOURS } from './html/page.js'

/**
 * Excel workbooks (`--xlsx`, DESIGN.md §9), built with exceljs (loaded on the first workbook):
 * numbers are stored as numbers with a display format, text as text — a cell that looks like a
 * formula (`=…`, `+…`, `@…`) stays a string cell with the text format, so Excel never evaluates
 * it —, the header row is bold and frozen, column widths fit the longest value (a Chinese
 * character counts twice), and grade cells are filled with the grade's colour.
 */
export type CellKind = 'text' | 'integer' | 'score' | 'coefficient' | 'money' | 'grade'

export interface SheetColumn {
  header: string
  kind: CellKind
}

export type CellValue = string | number | null

export interface SheetSpec {
  name: string
  columns: readonly SheetColumn[]
  rows: readonly (readonly CellValue[])[]
  /** a last row in bold (a total) */
  totalRow?: readonly CellValue[]
}

const FORMATS: Record<CellKind, string | undefined> = { text: '@', grade: '@', integer: '0', score: '0.0', coefficient: '0.00', money: '#,##0.00' }


function shown(v: CellValue, kind: CellKind): string {
  if (v === null) return ''
  if (typeof v === 'string') return v
  return kind === 'score' ? v.toFixed(1) : kind === 'coefficient' || kind === 'money' ? v.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 }) : String(v)
}

/** The workbook as the bytes of an .xlsx file. */
export async function workbookBytes(sheets: readonly SheetSpec[], opts: { creator: string; created: Date }): Promise<Uint8Array> {
  const { default: ExcelJS } = await import('exceljs')
  const wb = new ExcelJS.Workbook()
  wb.creator = opts.creator
  wb.created = opts.created
  wb.modified = opts.created
  for (const spec of sheets) {
    const ws = wb.addWorksheet(spec.name, { views: [{ state: 'frozen', ySplit: 1 }] })
    ws.addRow(spec.columns.map((c) => c.header))
    ws.getRow(1).font = { bold: true }
    const all = spec.totalRow ? [...spec.rows, spec.totalRow] : spec.rows
    for (const values of all) {
      const row = ws.addRow(spec.columns.map((_c, i) => values[i] ?? null))
      spec.columns.forEach((c, i) => {
        const cell = row.getCell(i + 1)
        const fmt = FORMATS[c.kind]
        if (fmt && (c.kind === 'text' || c.kind === 'grade' || typeof values[i] === 'number')) cell.numFmt = fmt
        const colour = c.kind === 'grade' && typeof values[i] === 'string' ? GRADE_COLOURS[values[i] as string] : undefined
        if (colour) {
          cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: `FF${colour.slice(1).toUpperCase()}` } }
          cell.font = { bold: true, color: { argb: 'FFFFFFFF' } }
          cell.alignment = { horizontal: 'center' }
        }
      })
    }
    if (spec.totalRow) ws.getRow(all.length + 1).font = { bold: true }
    spec.columns.forEach((c, i) => {
      const widest = Math.max(displayWidth(c.header), ...all.map((r) => displayWidth(shown(r[i] ?? null, c.kind))))
      ws.getColumn(i + 1).width = Math.min(60, Math.max(6, widest + 2))
    })
  }
  return new Uint8Array(await wb.xlsx.writeBuffer())
}

