import ExcelJS from 'exceljs'

/** Writes an .xlsx with the given sheets (name → rows of cell values), as a survey platform would download it. */
export async function writeWorkbook(file: string, sheets: Record<string, unknown[][]>): Promise<string> {
  const wb = new ExcelJS.Workbook()
  for (const [name, rows] of Object.entries(sheets)) {
    const ws = wb.addWorksheet(name)
    rows.forEach((r, i) => {
      if (r.length > 0) ws.getRow(i + 1).values = r as ExcelJS.CellValue[]
    })
  }
  await wb.xlsx.writeFile(file)
  return file
}
