import fs from 'node:fs'
import path from 'node:path'
import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import { dbState, writeFile } from '../helpers/harness.js'
import { workedExample } from '../helpers/scenarios.js'

async function readWorkbook(file: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.readFile(file)
  return wb
}

const rowValues = (ws: ExcelJS.Worksheet, n: number) => (ws.getRow(n).values as unknown[]).slice(1)

/** `--xlsx` on assess export and assess bonus (DESIGN.md §9), read back with exceljs. */
describe('the score table as an Excel workbook', () => {
  it('stores numbers as numbers with one decimal shown, text as text, a frozen bold header, coloured grades and a policy sheet', async () => {
    const t = await workedExample()
    await t.ok(['unit', 'update', 'FIN', '--name', '=HYPERLINK("http://x")'])
    await t.ok(['assess', 'run', '--period', '2026-H1'])
    await t.ok(['assess', 'finalize', '--period', '2026-H1'])
    const csv = path.join(t.dir, 'scores.csv')
    const xlsx = path.join(t.dir, 'scores.xlsx')
    const r = await t.ok(['assess', 'export', '--period', '2026-H1', '--out', csv, '--xlsx', xlsx, '--json'])
    expect(r.json()).toMatchObject({ file: csv, xlsx, rows: 3 })
    expect(fs.existsSync(csv)).toBe(true)
    expect(fs.statSync(xlsx).mode & 0o777).toBe(0o600)
    const show = (await t.ok(['assess', 'show', '--period', '2026-H1', '--json'])).json()
    const wb = await readWorkbook(xlsx)
    expect(wb.worksheets.map((w) => w.name)).toEqual(['scores', 'policy'])
    const ws = wb.getWorksheet('scores')!
    expect(rowValues(ws, 1)).toEqual(['rank', 'unit', 'name', 'S', 'T', 'C', 'H', 'self', 'superior', 'total', 'grade', 'coefficient'])
    expect(ws.getRow(1).font?.bold).toBe(true)
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 })
    // every row equals assess show --json: numbers as numbers, n/a as empty cells
    show.rows.forEach((row: any, i: number) => {
      const cells = Array.from({ length: 12 }, (_, c) => ws.getRow(i + 2).getCell(c + 1).value ?? null)
      expect(cells).toEqual([row.rank, row.unit, row.name, row.S, row.T, row.C, row.H, row.self, row.superior, row.total, row.grade, row.bonus])
    })
    const it = ws.getRow(3) // IT, rank 2
    expect(it.getCell(2).value).toBe('IT')
    expect(it.getCell(10).type).toBe(ExcelJS.ValueType.Number)
    expect(it.getCell(10).value).toBe(79)
    expect(it.getCell(10).numFmt).toBe('0.0')
    expect(it.getCell(12).numFmt).toBe('0.00')
    expect(it.getCell(11).fill).toMatchObject({ type: 'pattern', fgColor: { argb: 'FFF9A825' } })
    // the formula-looking name is a text cell, exactly as typed
    const fin = ws.getRow(4)
    expect(fin.getCell(3).type).toBe(ExcelJS.ValueType.String)
    expect(fin.getCell(3).value).toBe('=HYPERLINK("http://x")')
    expect(fin.getCell(3).numFmt).toBe('@')
    // widths fit Chinese text: '信息技术部' is 5 wide characters → 10 + 2
    expect(ws.getColumn(3).width).toBeGreaterThanOrEqual(12)
    const policy = wb.getWorksheet('policy')!
    const items = new Map<string, unknown>()
    policy.eachRow((row, n) => n > 1 && items.set(String(row.getCell(1).value), row.getCell(2).value))
    expect(items.get('period')).toBe('2026-H1')
    expect(items.get('state')).toBe('final')
    expect(items.get('table hash (sha256 of the rows)')).toMatch(/^[0-9a-f]{64}$/)
    expect(items.get('weight S')).toBe('30')
    expect(items.get('coefficient A')).toBe('1.20')
  })

  it('writes the workbook alone, the annual table, and the headers in the interface language', async () => {
    const t = await workedExample()
    await t.ok(['assess', 'run', '--period', '2026-H1'])
    await t.ok(['assess', 'finalize', '--period', '2026-H1'])
    const xlsx = path.join(t.dir, 'annual.xlsx')
    await t.ok(['--lang', 'zh-CN', 'assess', 'export', '--year', '2026', '--xlsx', xlsx])
    const wb = await readWorkbook(xlsx)
    expect(wb.worksheets.map((w) => w.name)).toEqual(['年度评价', '考核参数'])
    expect(rowValues(wb.worksheets[0]!, 1).slice(0, 3)).toEqual(['排名', '单位', '名称'])
    expect(fs.readdirSync(t.dir).filter((f) => f.endsWith('.csv') && f !== 'survey.csv')).toEqual([])
  })

  it('writes the bonuses with money to two decimals and a bold total', async () => {
    const t = await workedExample()
    await t.ok(['assess', 'run', '--period', '2026-H1'])
    const base = writeFile(t.dir, 'base.csv', 'unit,base_amount\nIT,10000\nHR,"12,000.50"\n')
    const xlsx = path.join(t.dir, 'bonus.xlsx')
    await t.ok(['assess', 'bonus', '--period', '2026-H1', '--base', base, '--xlsx', xlsx])
    const ws = (await readWorkbook(xlsx)).getWorksheet('bonus')!
    expect(rowValues(ws, 2)).toEqual(['IT', '信息技术部', 'C', 1, 10000, 10000])
    expect(rowValues(ws, 3)).toEqual(['HR', '人力资源部', 'B', 1.1, 12000.5, 13200.55])
    expect(ws.getRow(4).getCell(6).value).toBe(23200.55)
    expect(ws.getRow(4).font?.bold).toBe(true)
    expect(ws.getRow(2).getCell(6).numFmt).toBe('#,##0.00')
  })

  it.each([
    ['--xlsx equal to --out', ['assess', 'export', '--period', '2026-H1', '--out', 's.xlsx', '--xlsx', 's.xlsx'], /--xlsx and --out name the same file/],
    ['--xlsx not ending in .xlsx', ['assess', 'export', '--period', '2026-H1', '--xlsx', 's.xls'], /must end in \.xlsx/],
    ['--xlsx over an existing file', ['assess', 'export', '--period', '2026-H1', '--out', 'new.csv', '--xlsx', 'old.xlsx'], /old\.xlsx already exists/],
    ['--xlsx that is the base file', ['assess', 'bonus', '--period', '2026-H1', '--base', 'base.xlsx', '--xlsx', 'base.xlsx', '--yes'], /which this command reads/],
  ])('refuses %s with exit 3 and writes nothing', async (_what, args, message) => {
    const t = await workedExample()
    await t.ok(['assess', 'run', '--period', '2026-H1'])
    writeFile(t.dir, 'old.xlsx', 'keep me')
    writeFile(t.dir, 'base.xlsx', 'unit,base_amount\nIT,10000\n')
    const before = await dbState(t.db)
    const listing = () => fs.readdirSync(t.dir).filter((f) => !f.startsWith('icm.db')).sort()
    const files = listing()
    const r = await t.run(args)
    expect(r.code).toBe(3)
    expect(r.stderr).toMatch(message)
    expect(listing()).toEqual(files)
    expect(fs.readFileSync(path.join(t.dir, 'old.xlsx'), 'utf8')).toBe('keep me')
    expect(await dbState(t.db)).toBe(before)
  })
})
