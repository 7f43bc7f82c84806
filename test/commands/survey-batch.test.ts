import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { FIXTURES, queryRows, writeFile } from '../helpers/harness.js'
import { withSurvey } from '../helpers/scenarios.js'

const fixture = (name: string) => path.join(FIXTURES, 'surveys', name)

describe('survey import of several files', () => {
  it('imports each file as its own batch; a renamed copy of an earlier file is refused (exit 5), the others imported', async () => {
    const t = await withSurvey()
    const copy = writeFile(t.dir, 'renamed.csv', fs.readFileSync(fixture('service-basic.csv')))
    const r = await t.run(['survey', 'import', 'S', fixture('service-basic.csv'), copy, fixture('wjx-free-worded.csv')])
    expect(r.code).toBe(5)
    expect(r.stderr).toContain('icm: renamed.csv was already imported into S as service-basic.csv (batch 1')
    expect(r.stderr).toContain('✓ 5 of 5 responses imported into S from wjx-free-worded.csv (batch 2)')
    expect(r.stderr).toMatch(/icm: 1 of 3 files not imported: renamed\.csv \(exit 5\); the others were/)
    expect(r.stdout).toContain(
      [
        'file\tread\timported\talready present\trejected\tstatus',
        'service-basic.csv\t60\t60\t0\t0\timported',
        'renamed.csv\t\t\t\t\tfailed (exit 5)',
        'wjx-free-worded.csv\t5\t5\t0\t0\timported',
      ].join('\n'),
    )
    expect((await queryRows(t.db, 'select count(*) as n from survey_responses'))[0].n).toBe(65)
    // again: none is imported, and the last line does not say the others were
    const again = await t.run(['survey', 'import', 'S', fixture('service-basic.csv'), copy])
    expect(again.code).toBe(5)
    expect(again.stderr).toMatch(/icm: none of the 2 files was imported: service-basic\.csv \(exit 5\), renamed\.csv \(exit 5\) \(/)
    const fresh = writeFile(t.dir, 'fresh.csv', 'response_id,respondent_unit,rated_unit,overall\n9001,HR,IT,4\n')
    const dry = await t.run(['survey', 'import', 'S', copy, fresh, '--dry-run'])
    expect(dry.stderr).toMatch(/icm: 1 of 2 files would not be imported: renamed\.csv \(exit 5\); the others would \(/)
  })

  it('gives one JSON object per file, and the worst exit code', async () => {
    const t = await withSurvey()
    const bad = writeFile(t.dir, 'bad.csv', 'rated_unit,overall\nIT,9\n')
    const r = await t.run(['survey', 'import', 'S', fixture('forms-us-dates.csv'), bad, '--json'])
    expect(r.code).toBe(3)
    const docs = r.json()
    expect(docs.map((d: any) => [d.file, d.status, d.imported ?? null, d.exitCode ?? 0])).toEqual([
      ['forms-us-dates.csv', 'imported', 6, 0],
      ['bad.csv', 'failed', null, 3],
    ])
    expect(docs[1].error).toContain('bad.csv line 2: overall: score 9 is out of range 1–5; nothing imported')
    expect((await queryRows(t.db, 'select count(*) as n from survey_responses'))[0].n).toBe(6)
  })

  it('writes one rejects file per file with --skip-invalid', async () => {
    const t = await withSurvey()
    const a = writeFile(t.dir, 'a.csv', 'rated_unit,overall\nIT,4\nIT,9\n')
    const b = writeFile(t.dir, 'b.csv', 'rated_unit,overall\nHR,4\nHR,0\n')
    await t.ok(['survey', 'import', 'S', a, b, '--skip-invalid', '--rejects', 'bad.csv'])
    expect(fs.readFileSync(path.join(t.dir, 'bad-a.csv'), 'utf8')).toContain('score 9 is out of range')
    expect(fs.readFileSync(path.join(t.dir, 'bad-b.csv'), 'utf8')).toContain('score 0 is out of range')
  })
})
