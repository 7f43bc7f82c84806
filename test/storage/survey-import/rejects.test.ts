import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { writeRejects } from '../../../src/storage/survey-import/rejects.js'
import { readSurveyFileHead } from '../../../src/storage/survey-import/survey-file.js'
import { BACKEND, tempDir, writeFile } from '../../helpers/harness.js'

describe.skipIf(BACKEND === 'postgres')('the rejects file', () => {
  const text = 'id,rated_unit,overall\n1,IT,4\n2,NOPE,9\n3,HR,"=1+1"\n4,IT,5\n'

  it('writes every bad line with its reason and cells, read again from the file, a page at a time, once finished', async () => {
    const dir = tempDir()
    const file = writeFile(dir, 'a.csv', text)
    const target = path.join(dir, 'bad.csv')
    const bad = [
      { seq: 1, line: 3, reason: "rated_unit: 'NOPE' is not a known unit code or name" },
      { seq: 2, line: 4, reason: 'overall: bad score' },
    ]
    // pages of one bad line, as the staging area gives them after a seq
    const pages = async (after: number) => bad.filter((b) => b.seq > after).slice(0, 1)
    const out = await writeRejects(target, file, readSurveyFileHead(file, 'a.csv', {}), pages)
    expect(fs.existsSync(target)).toBe(false)
    out.finish()
    expect(fs.readFileSync(target, 'utf8')).toBe(
      'line,reason,id,rated_unit,overall\r\n' +
        "3,rated_unit: 'NOPE' is not a known unit code or name,2,NOPE,9\r\n" +
        "4,overall: bad score,3,HR,'=1+1\r\n",
    )
  })

  it('leaves nothing behind when discarded', async () => {
    const dir = tempDir()
    const file = writeFile(dir, 'a.csv', text)
    const target = path.join(dir, 'bad.csv')
    const out = await writeRejects(target, file, readSurveyFileHead(file, 'a.csv', {}), async () => [])
    out.discard()
    expect(fs.readdirSync(dir)).toEqual(['a.csv'])
  })
})
