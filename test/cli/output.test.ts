import { describe, expect, it } from 'vitest'
import { createContext } from '../../src/cli/context.js'
import { testIO } from '../../src/cli/io.js'
import { printJson, printRows, toCsv } from '../../src/cli/output.js'
import { barChart } from '../../src/cli/bar-chart.js'
import { displayWidth } from '../../src/cli/fit.js'

describe('output', () => {
  it('prints a long list slice by slice, byte for byte what one JSON.stringify gives', () => {
    const io = testIO()
    const ctx = createContext({ io, env: {} })
    const doc = Array.from({ length: 1234 }, (_, i) => ({ i, text: 'line\nbreak "quoted"', nested: { list: [1, 'x'] }, none: null, empty: [] }))
    printJson(ctx, doc)
    expect(io.stdout()).toBe(`${JSON.stringify(doc, null, 2)}\n`)
  })

  it('writes RFC 4180 CSV: CRLF records, quotes around line breaks, formulas neutralised, optional BOM', async () => {
    const csv = await toCsv(['a', 'b'], [['=SUM(A1)', 'two\nlines'], ['-3', 'plain']], { bom: true })
    expect(csv).toBe("\ufeffa,b\r\n'=SUM(A1),\"two\nlines\"\r\n'-3,plain\r\n")
  })

  it('draws bars in eighths, aligning wide characters', () => {
    expect(displayWidth('IT 信息')).toBe(7)
    expect(barChart([{ label: 'IT 信息', value: 50 }, { label: 'HR', value: null }], 100, 8)).toBe('IT 信息 │████ 50.0\nHR      │ n/a')
    expect(barChart([{ label: 'A', value: 79 }], 100, 10)).toBe('A │███████▉ 79.0')
  })

  it('shows a table wider than the terminal one record at a time, saying so on stderr; a narrow one as a table', async () => {
    const rows = [
      { unit: 'IT', name: '信息技术部', s: 75, comment: 'two\nlines' },
      { unit: 'HR', name: '人力资源部', s: 80, comment: '' },
    ]
    const columns = [
      { header: 'unit', title: '单位', value: (r: (typeof rows)[number]) => r.unit },
      { header: 'name', title: '名称', value: (r: (typeof rows)[number]) => r.name },
      { header: 's', title: '满意度S', value: (r: (typeof rows)[number]) => r.s, align: 'right' as const },
      { header: 'comment', title: '意见', value: (r: (typeof rows)[number]) => r.comment },
    ]
    const narrow = testIO({ tty: true, columns: 30 })
    await printRows(createContext({ io: narrow, env: {} }), rows, columns)
    expect(narrow.stderr()).toMatch(/^icm: note: the table is \d+ columns wide and the terminal 30: one record at a time/)
    expect(narrow.stdout()).toBe(
      ['─── 1 / 2 ───', '单位     IT', '名称     信息技术部', '满意度S  75', '意见     two', '         lines', '─── 2 / 2 ───', '单位     HR', '名称     人力资源部', '满意度S  80', '意见', ''].join('\n'),
    )
    const wide = testIO({ tty: true, columns: 120 })
    await printRows(createContext({ io: wide, env: {} }), rows, columns)
    expect(wide.stderr()).toBe('')
    expect(wide.stdout()).toContain('│ 信息技术部 │')
    // piped: tab-separated whatever the width
    const piped = testIO()
    await printRows(createContext({ io: piped, env: {} }), rows, columns)
    expect(piped.stdout().split('\n')[0]).toBe('unit\tname\ts\tcomment')
  })
})
