import { readFileSync } from 'node:fs'
import { parse } from 'csv-parse/sync'
import { describe, expect, it } from 'vitest'
import { detectDelimiter, type CsvDelimiter } from '../../src/domain/surveys/csv-dialect.js'
import { CsvLimitError, CsvRecordReader, MAX_COLUMNS, MAX_RECORD_CHARS, type CsvRecord } from '../../src/domain/surveys/survey-csv.js'
import { createStrictDecoder, detectEncoding } from '../../src/domain/surveys/text-encoding.js'

/** All records of `text`, fed in chunks of `chunk` characters. */
function read(text: string, opts: { delimiter?: CsvDelimiter; chunk?: number; maxRecordChars?: number; maxColumns?: number } = {}): CsvRecord[] {
  const r = new CsvRecordReader(opts.delimiter ?? ',', { maxRecordChars: opts.maxRecordChars, maxColumns: opts.maxColumns })
  const out: CsvRecord[] = []
  const step = opts.chunk ?? text.length
  for (let i = 0; i < text.length; i += Math.max(1, step)) r.push(text.slice(i, i + Math.max(1, step)), out)
  r.end(out)
  return out
}

const cells = (recs: CsvRecord[]) => recs.map((r) => r.cells)
const lines = (recs: CsvRecord[]) => recs.map((r) => [r.line, r.lines])

describe('CsvRecordReader', () => {
  it.each([
    ['plain fields', 'a,b,c\n1,2,3\n', [['a', 'b', 'c'], ['1', '2', '3']]],
    ['no line break at the end', 'a,b\n1,2', [['a', 'b'], ['1', '2']]],
    ['CRLF line ends', 'a,b\r\n1,2\r\n', [['a', 'b'], ['1', '2']]],
    ['lone CR line ends (old Mac Excel)', 'a,b\r1,2\r', [['a', 'b'], ['1', '2']]],
    ['a delimiter inside quotes', 'a,"b,c",d\n', [['a', 'b,c', 'd']]],
    ['a quote written as two', '"say ""hi""",x\n', [['say "hi"', 'x']]],
    ['an empty quoted field', '"",x\n', [['', 'x']]],
    ['a line break inside quotes', 'a,"line 1\nline 2",b\n', [['a', 'line 1\nline 2', 'b']]],
    ['a CRLF inside quotes is kept as written', 'a,"1\r\n2"\r\n', [['a', '1\r\n2']]],
    ['a quote inside an unquoted field is literal', 'a,b"c,d\n', [['a', 'b"c', 'd']]],
    ['a trailing delimiter gives an empty last cell', 'a,b,\n1,2,\n', [['a', 'b', ''], ['1', '2', '']]],
    ['a blank line is one empty cell', 'a\n\nb\n', [['a'], [''], ['b']]],
    ['Chinese and an astral character', '部门,𠮷野家\n', [['部门', '𠮷野家']]],
  ])('%s', (_what, text, expected) => {
    expect(cells(read(text))).toEqual(expected)
  })

  it.each([
    ['tab', '\t' as const, 'a\tb,c\t"d\te"\n', [['a', 'b,c', 'd\te']]],
    ['semicolon', ';' as const, 'a;b,c;"d;e"\n', [['a', 'b,c', 'd;e']]],
  ])('splits on %s', (_what, delimiter, text, expected) => {
    expect(cells(read(text, { delimiter }))).toEqual(expected)
  })

  it('numbers each record by the line it starts on, a multi-line record by its first line', () => {
    const recs = read('h1,h2\n1,"a\nb\nc"\n2,x\r\n3,"p\r\nq"\r\n4,y')
    expect(lines(recs)).toEqual([
      [1, 1],
      [2, 3],
      [5, 1],
      [6, 2],
      [8, 1],
    ])
  })

  it('reads the same records whatever the chunk size, even a CRLF or a doubled quote cut in two', () => {
    const text = 'id,comment\r\n1,"he said ""ok""\r\nthen left"\r\n2,plain\r\n3,"a,b"\r\n4,"x"\r\n'
    const whole = read(text)
    for (let chunk = 1; chunk <= text.length; chunk++) {
      const recs = read(text, { chunk })
      expect(cells(recs), `chunk ${chunk}`).toEqual(cells(whole))
      expect(lines(recs), `chunk ${chunk}`).toEqual(lines(whole))
    }
    expect(cells(whole)[1]).toEqual(['1', 'he said "ok"\r\nthen left'])
  })

  it('marks a record whose quote never closes, naming its line and how far it runs', () => {
    const recs = read('a,b\n1,"open\n2,x\n3,y\n')
    expect(recs).toHaveLength(2)
    expect(recs[1]).toMatchObject({ line: 2, lines: 3 })
    expect(recs[1]!.error).toBe('unbalanced quote: the quoted field opened on line 2 never closes (it runs to the end of the file, 3 lines)')
    expect(read('a\n"x')[1]!.error).toBe('unbalanced quote: the quoted field opened on line 2 never closes')
  })

  it('marks text after a closing quote, and keeps the next records', () => {
    const recs = read('a,b\n"x"y,z\n1,2\n')
    expect(recs[1]).toMatchObject({ line: 2, cells: ['xy', 'z'] })
    expect(recs[1]!.error).toMatch(/^text after a closing quote in field 1 \('y'\)/)
    expect(recs[2]).toEqual({ line: 3, lines: 1, cells: ['1', '2'] })
  })

  it('gives up on a record longer than maxRecordChars while reading, naming its line (memory stays bounded)', () => {
    const text = `a\n1\n"${'x'.repeat(500)}`
    expect(() => read(text, { chunk: 100, maxRecordChars: 200 })).toThrow(/^line 3: a quoted field opens on this line and does not close within 200 characters/)
  })

  it('reads a record of exactly maxRecordChars, and refuses one more character, naming the line', () => {
    // "a\n" then line 2: 10 characters; with a limit of 10 it is read, with 9 refused
    const text = 'a\n123456,789\nb\n'
    expect(cells(read(text, { maxRecordChars: 10 }))).toEqual([['a'], ['123456', '789'], ['b']])
    for (const chunk of [1, 4, text.length]) {
      expect(() => read(text, { maxRecordChars: 9, chunk }), `chunk ${chunk}`).toThrow(
        'line 2 is longer than 9 characters, the most one line may hold',
      )
    }
  })

  it('says a long line is a long line, not an unbalanced quote, when no quote is open', () => {
    const text = `h\n${'x'.repeat(500)}\n`
    expect(() => read(text, { chunk: 100, maxRecordChars: 200 })).toThrow(/^line 2 is longer than 200 characters/)
    // a quote inside an unquoted field is literal: still a long line
    expect(() => read(`h\nab"${'x'.repeat(500)}`, { chunk: 100, maxRecordChars: 200 })).toThrow(/^line 2 is longer than 200 characters/)
  })

  it('refuses a line over 1 MB (1,048,576 characters) by default, whatever the chunks', () => {
    expect(MAX_RECORD_CHARS).toBe(1_048_576)
    const text = `h\n${'x'.repeat(MAX_RECORD_CHARS + 1)}\n`
    for (const chunk of [65_536, text.length]) {
      expect(() => read(text, { chunk })).toThrow('line 2 is longer than 1,048,576 characters (1 MB), the most one line may hold')
    }
    expect(read(`h\n${'x'.repeat(MAX_RECORD_CHARS)}\n`, { chunk: 65_536 })).toHaveLength(2)
  })

  it('refuses a record with more than maxColumns cells, naming its line; maxColumns cells are fine', () => {
    // 3 cells "a,b,c": read with a limit of 3, refused with 2
    expect(cells(read('h\na,b,c\n', { maxColumns: 3 }))).toEqual([['h'], ['a', 'b', 'c']])
    expect(() => read('h\na,b,c\n', { maxColumns: 2 })).toThrow('line 2 has more than 2 columns, the most a record may have')
    expect(MAX_COLUMNS).toBe(1000)
    expect(read(`${','.repeat(999)}\n`)[0]!.cells).toHaveLength(1000)
    expect(() => read(`${','.repeat(1000)}\n`)).toThrow(/^line 1 has more than 1,000 columns/)
  })

  it('throws a CsvLimitError that knows its line and can name the file', () => {
    let err: unknown
    try {
      read('h\n\n\na,b,c\n', { maxColumns: 2 })
    } catch (e) {
      err = e
    }
    expect(err).toBeInstanceOf(CsvLimitError)
    expect((err as CsvLimitError).line).toBe(4)
    expect((err as CsvLimitError).inFile('units.csv').message).toBe('units.csv line 4 has more than 2 columns, the most a record may have')
  })

  it.each(['service-basic.csv', 'tencent-utf8-bom.csv', 'wjx-gb18030.csv', 'traditional-utf16le.txt'])(
    'reads %s exactly as csv-parse does, in chunks of any size',
    (file) => {
      const bytes = new Uint8Array(readFileSync(new URL(`../fixtures/surveys/${file}`, import.meta.url)))
      const text = createStrictDecoder(detectEncoding(bytes, true).encoding).decode(bytes)
      const delimiter = detectDelimiter(text.slice(0, 4000))
      const expected = parse(text, { delimiter, relax_column_count: true }) as string[][]
      for (const chunk of [1, 7, 64, 4096, text.length]) {
        expect(cells(read(text, { delimiter, chunk }))).toEqual(expected)
      }
    },
  )
})
