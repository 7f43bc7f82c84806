import { describe, expect, it } from 'vitest'
import { createContext } from '../../src/cli/context.js'
import { testIO } from '../../src/cli/io.js'
import { printJson, toCsv } from '../../src/cli/output.js'
import { barChart, displayWidth } from '../../src/cli/bar-chart.js'

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
})
