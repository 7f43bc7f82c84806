import fs from 'node:fs'
import path from 'node:path'
import JSZip from 'jszip'
import { describe, expect, it } from 'vitest'
import { parseWorkbookPart, readWorkbookHead, workbookRecords } from '../../src/storage/survey-import/xlsx-file.js'
import { tempDir } from '../helpers/harness.js'
import { writeWorkbook } from '../helpers/xlsx.js'

// exceljs' streaming reader names the sheets from xl/workbook.xml only when the zip stream reaches
// it: a workbook whose shared strings and relationships come before its sheets and whose
// workbook.xml comes last made it fail ("Cannot read properties of undefined (reading 'sheets')").
// icm reads workbook.xml through the zip's central directory first.

describe('the workbook part (xl/workbook.xml and its relationships)', () => {
  it('reads sheets in workbook order, any namespace prefix, entities, absolute targets and the 1904 date system', () => {
    const book = `<?xml version="1.0"?><x:workbook xmlns:x="…" xmlns:r="…"><x:workbookPr date1904="1"/><x:sheets>
      <x:sheet name="答卷 &amp; 说明" sheetId="3" r:id="rId2"/><x:sheet name="Sheet1" sheetId="1" state="hidden" r:id="rId1"/></x:sheets></x:workbook>`
    const rels = `<Relationships><Relationship Id="rId1" Type="…/worksheet" Target="/xl/worksheets/sheet1.xml"/><Relationship Id="rId2" Type="…" Target="worksheets/sheet2.xml"/></Relationships>`
    expect(parseWorkbookPart(book, rels)).toEqual({
      sheets: [
        { id: 3, name: '答卷 & 说明', state: 'visible', rId: 'rId2' },
        { id: 1, name: 'Sheet1', state: 'hidden', rId: 'rId1' },
      ],
      rels: [
        { Id: 'rId1', Target: 'worksheets/sheet1.xml' },
        { Id: 'rId2', Target: 'worksheets/sheet2.xml' },
      ],
      date1904: true,
    })
  })

  /** The workbook `made` rewritten with its entries in another order (JSZip writes them as added). */
  async function reordered(made: string, order: (names: string[]) => string[]): Promise<string> {
    const zip = await JSZip.loadAsync(fs.readFileSync(made))
    const names = Object.keys(zip.files).filter((n) => !zip.files[n]!.dir)
    const out = new JSZip()
    for (const n of order(names)) out.file(n, await zip.file(n)!.async('uint8array'))
    const file = path.join(path.dirname(made), 'reordered.xlsx')
    fs.writeFileSync(file, await out.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }))
    return file
  }

  it.each([
    ['workbook.xml after its sheets, shared strings first (as some exporters write them)', ['xl/sharedStrings.xml', 'xl/styles.xml'], ['xl/workbook.xml']],
    ['the sheets first, shared strings, styles and workbook.xml last', [], ['xl/sharedStrings.xml', 'xl/styles.xml', 'xl/workbook.xml', 'xl/_rels/workbook.xml.rels']],
  ])('reads a workbook with %s', async (_, early, late) => {
    const dir = tempDir()
    const made = await writeWorkbook(path.join(dir, 'made.xlsx'), { 答卷: [['序号', '部门', '提交时间'], ['001', '财务部', new Date(Date.UTC(2026, 3, 18, 20, 14))]], 说明: [['readme']] })
    const first = ['[Content_Types].xml', '_rels/.rels', 'xl/_rels/workbook.xml.rels', ...early].filter((n) => !late.includes(n))
    const file = await reordered(made, (names) => [...first, ...names.filter((n) => !first.includes(n) && !late.includes(n)), ...late])

    const head = await readWorkbookHead(file, 'reordered.xlsx', undefined)
    expect(head).toMatchObject({ sheet: '答卷', headers: ['序号', '部门', '提交时间'], headerLine: 1 })
    const rows = []
    for await (const r of workbookRecords(file, head)) rows.push(r)
    expect(rows).toEqual([{ line: 2, lines: 1, cells: ['001', '财务部', '2026-04-18 20:14:00'] }])
    expect(await readWorkbookHead(file, 'reordered.xlsx', '说明')).toMatchObject({ sheet: '说明', headers: ['readme'] })
    expect(await readWorkbookHead(file, 'reordered.xlsx', '2')).toMatchObject({ sheet: '说明' })
  })
})
