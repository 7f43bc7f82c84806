import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { dbState, queryRows, writeFile } from '../helpers/harness.js'
import { withSurvey } from '../helpers/scenarios.js'

// Two questionnaires of one survey, each numbering its answers from 1 (问卷星's 序号).
const HEADER = '序号,您所在的部门,被评价部门,总体满意度'
const FIRST = `${HEADER}\n1,HR,IT,5\n2,HR,FIN,4\n3,FIN,IT,3\n`
const SECOND = `${HEADER}\n1,FIN,HR,2\n2,IT,HR,4\n3,IT,FIN,5\n`

describe('survey import --id-prefix: a second questionnaire whose response ids also start at 1', () => {
  it('refuses it without a prefix (exit 5, the hint naming --id-prefix) and imports it with one, as B-1, B-2, B-3', async () => {
    const t = await withSurvey()
    await t.ok(['survey', 'import', 'S', writeFile(t.dir, 'a.csv', FIRST)])
    const second = writeFile(t.dir, 'b.csv', SECOND)
    const before = await dbState(t.db)
    const r = await t.run(['survey', 'import', 'S', second])
    expect(r.code).toBe(5)
    expect(r.stderr).toContain('b.csv line 2: response id 1 is also in a.csv line 2 (imported before, batch 1) with other content (and 2 more bad lines); nothing imported')
    expect(r.stderr).toContain('give its ids a prefix of their own: --id-prefix B-')
    expect(await dbState(t.db)).toEqual(before)

    const ok = await t.ok(['survey', 'import', 'S', second, '--id-prefix', 'B-', '--json'])
    expect(ok.json()).toMatchObject({ read: 3, imported: 3, alreadyPresent: 0, rejected: 0 })
    expect(ok.json().conversions).toEqual(["response_id: 'B-' put before each id ('B-1' for 1), given with --id-prefix"])
    const rows = await queryRows(t.db, 'select response_id, key, line from survey_responses order by id')
    expect(rows.map((x) => [x.response_id, x.key])).toEqual([
      ['1', 'id:1'],
      ['2', 'id:2'],
      ['3', 'id:3'],
      ['B-1', 'id:B-1'],
      ['B-2', 'id:B-2'],
      ['B-3', 'id:B-3'],
    ])
    // the event says which prefix a re-import needs
    const events = await queryRows(t.db, "select details from events where action = 'survey.import' order by id")
    expect(JSON.parse(events[1].details)).toMatchObject({ file: 'b.csv', imported: 3, idPrefix: 'B-' })
    expect(JSON.parse(events[0].details).idPrefix).toBeUndefined()

    // again with the same prefix: the same rows, already present
    const again = await t.ok(['survey', 'import', 'S', second, '--id-prefix', 'B-', '--force', '--json'])
    expect(again.json()).toMatchObject({ imported: 0, alreadyPresent: 3 })
    // the export shows the ids as stored
    await t.ok(['survey', 'export', 'S', '--out', `${t.dir}/s.csv`])
    const exported = readFileSync(`${t.dir}/s.csv`, 'utf8').split(/\r?\n/).filter((l) => l !== '')
    expect(exported.slice(1).map((l) => l.split(',')[1])).toEqual(['1', '2', '3', 'B-1', 'B-2', 'B-3'])
  })

  it('takes "id_prefix" from the --map file (the flag wins), and survey map writes it back', async () => {
    const t = await withSurvey()
    await t.ok(['survey', 'import', 'S', writeFile(t.dir, 'a.csv', FIRST)])
    const second = writeFile(t.dir, 'b.csv', SECOND)
    const map = writeFile(t.dir, 'map.json', '{"id_prefix": "二部-"}')
    const mapped = await t.ok(['survey', 'map', second, '--map', map, '--json'])
    expect(mapped.json()).toMatchObject({ id_prefix: '二部-' })
    const ok = await t.ok(['survey', 'import', 'S', second, '--map', map, '--dry-run', '--json'])
    expect(ok.json().conversions).toEqual(["response_id: '二部-' put before each id ('二部-1' for 1), given with the mapping file's id_prefix"])
    await t.ok(['survey', 'import', 'S', second, '--map', map, '--id-prefix', 'C-'])
    expect((await queryRows(t.db, "select response_id from survey_responses where response_id like 'C-%' order by id")).map((x) => x.response_id)).toEqual(['C-1', 'C-2', 'C-3'])
  })

  it('refuses a prefix with a space or too long (exit 2 for the flag, 3 for the map file), changing nothing', async () => {
    const t = await withSurvey()
    const file = writeFile(t.dir, 'b.csv', SECOND)
    const before = await dbState(t.db)
    const flag = await t.run(['survey', 'import', 'S', file, '--id-prefix', 'B 2'])
    expect(flag.code).toBe(2)
    expect(flag.stderr).toBe("icm: --id-prefix: 'B 2' is not an id prefix (1 to 20 characters, no spaces) (give a short tag for the questionnaire, e.g. --id-prefix B- (ids become B-1, B-2, …))\n")
    const long = await t.run(['survey', 'import', 'S', file, '--id-prefix', 'x'.repeat(21)])
    expect(long.code).toBe(2)
    const map = await t.run(['survey', 'import', 'S', file, '--map', writeFile(t.dir, 'm.json', '{"id_prefix": ""}')])
    expect(map.code).toBe(3)
    expect(map.stderr).toMatch(/^icm: the mapping file's id_prefix: '' is not an id prefix/)
    expect(await dbState(t.db)).toEqual(before)
  })
})
