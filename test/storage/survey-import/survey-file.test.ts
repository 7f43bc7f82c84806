import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { readRecords, readSurveyFileHead, sha256OfFile } from '../../../src/storage/survey-import/survey-file.js'
import { BACKEND, tempDir, writeFile } from '../../helpers/harness.js'

describe.skipIf(BACKEND === 'postgres')('reading a survey file', () => {
  it('reads its head: the encoding and why, the delimiter, the header record and its line', () => {
    const text = '\n\n序号;被评价部门;总体满意度\n1;IT;4\n2;HR;5\n'
    const file = writeFile(tempDir(), 'a.csv', Buffer.from(text, 'utf8'))
    const head = readSurveyFileHead(file, 'a.csv', {})
    expect(head).toMatchObject({ size: Buffer.byteLength(text), encoding: 'utf8', delimiter: ';', headers: ['序号', '被评价部门', '总体满意度'], headerLine: 3 })
    expect(head.encodingReason).toMatch(/UTF-8/)
    const ascii = writeFile(tempDir(), 'b.csv', 'id;rated_unit\n1;IT\n')
    expect(readSurveyFileHead(ascii, 'b.csv', { encoding: 'gb18030', delimiter: ',' })).toMatchObject({ encoding: 'gb18030', encodingReason: 'given with --encoding', delimiter: ',', headers: ['id;rated_unit'] })
  })

  it('refuses an empty file and one of blank lines only', () => {
    const dir = tempDir()
    expect(() => readSurveyFileHead(writeFile(dir, 'e.csv', ''), 'e.csv', {})).toThrow('e.csv is empty')
    expect(() => readSurveyFileHead(writeFile(dir, 'b.csv', '\n \n'), 'b.csv', {})).toThrow('b.csv is empty (it holds only blank lines)')
  })

  it('hashes the bytes of the file, and reads its records after the header again, with their lines', () => {
    const text = 'id,rated_unit,comment\n1,IT,"two\nlines"\n\n2,HR,x\n'
    const file = writeFile(tempDir(), 'r.csv', text)
    expect(sha256OfFile(file)).toBe(createHash('sha256').update(text).digest('hex'))
    const head = readSurveyFileHead(file, 'r.csv', {})
    const records = [...readRecords(file, head)].filter((r) => r.cells.some((c) => c !== ''))
    expect(records.map((r) => [r.line, r.cells])).toEqual([
      [2, ['1', 'IT', 'two\nlines']],
      [5, ['2', 'HR', 'x']],
    ])
  })
})
