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
    expect(flag.stderr).toBe("icm: --id-prefix: 'B 2' is not an id prefix (1 to 20 letters, digits or - _ . : /, not ending in a digit) (give a short tag for the questionnaire, e.g. --id-prefix B- (ids become B-1, B-2, …))\n")
    const long = await t.run(['survey', 'import', 'S', file, '--id-prefix', 'x'.repeat(21)])
    expect(long.code).toBe(2)
    const map = await t.run(['survey', 'import', 'S', file, '--map', writeFile(t.dir, 'm.json', '{"id_prefix": ""}')])
    expect(map.code).toBe(3)
    expect(map.stderr).toMatch(/^icm: the mapping file's id_prefix: '' is not an id prefix/)
    expect(await dbState(t.db)).toEqual(before)
  })

  it('--force must give the prefix the file had: another one, or none, would store its rows twice (exit 5, changing nothing)', async () => {
    const t = await withSurvey()
    await t.ok(['survey', 'import', 'S', writeFile(t.dir, 'a.csv', FIRST)])
    const second = writeFile(t.dir, 'b.csv', SECOND)
    await t.ok(['survey', 'import', 'S', second, '--id-prefix', 'B-'])
    const before = await dbState(t.db)
    const none = await t.run(['survey', 'import', 'S', second, '--force'])
    expect(none.code).toBe(5)
    expect(none.stderr).toBe(
      "icm: b.csv was imported into S with the id prefix 'B-' (batch 2); with another prefix, or none, its rows would be stored a second time under other ids (give the same prefix again: --id-prefix B- --force)\n",
    )
    const other = await t.run(['survey', 'import', 'S', second, '--force', '--id-prefix', 'C-'])
    expect(other.code).toBe(5)
    // the first file had none: a prefix now is refused too
    const first = await t.run(['survey', 'import', 'S', `${t.dir}/a.csv`, '--force', '--id-prefix', 'A-'])
    expect(first.code).toBe(5)
    expect(first.stderr).toContain('a.csv was imported into S without an id prefix (batch 1)')
    expect(await dbState(t.db)).toEqual(before)
    // survey show lists each batch's prefix
    const shown = (await t.ok(['survey', 'show', 'S', '--json'])).json()
    expect(shown.batches.map((b: any) => [b.file, b.idPrefix])).toEqual([
      ['a.csv', null],
      ['b.csv', 'B-'],
    ])
    const table = (await t.ok(['survey', 'show', 'S'])).stdout
    expect(table).toMatch(/\tid prefix\t/)
    expect(table).toMatch(/^2\tb\.csv\t.*\tB-\t/m)
    expect((await t.ok(['survey', 'import', 'S', second, '--force', '--id-prefix', 'B-', '--json'])).json()).toMatchObject({ imported: 0, alreadyPresent: 3 })
  })

  it('a prefix already taken, in a batch run of two questionnaires with one flag: the hint asks for a prefix each', async () => {
    const t = await withSurvey()
    await t.ok(['survey', 'import', 'S', writeFile(t.dir, 'a.csv', FIRST)])
    const b = writeFile(t.dir, 'b.csv', SECOND)
    const c = writeFile(t.dir, 'c.csv', `${HEADER}\n1,ADM,IT,1\n`)
    const r = await t.run(['survey', 'import', 'S', b, c, '--id-prefix', 'B-'])
    expect(r.code).toBe(5)
    expect(r.stderr).toContain('c.csv line 2: response id B-1 is also in b.csv line 2')
    expect(r.stderr).toContain('an earlier import has ids with the prefix B- too: if this file is another questionnaire, give it a prefix of its own (--id-prefix C-)')
    expect((await queryRows(t.db, "select count(*) as n from survey_responses where response_id like 'B-%'"))[0].n).toBe(3)
  })

  it('gives the id-clash hint only when the first bad line is a clash, keeps the rejects hint, and notes clashes under --skip-invalid', async () => {
    const t = await withSurvey()
    await t.ok(['survey', 'import', 'S', writeFile(t.dir, 'a.csv', FIRST)])
    // the first bad line is an unknown unit, not a clash
    const unknownFirst = writeFile(t.dir, 'u.csv', `${HEADER}\n7,HR,NOPE,3\n1,FIN,HR,2\n`)
    const u = await t.run(['survey', 'import', 'S', unknownFirst])
    expect(u.code).toBe(3)
    expect(u.stderr).not.toContain('--id-prefix')
    // with --rejects: the rejects hint, and the prefix
    const second = writeFile(t.dir, 'b.csv', SECOND)
    const rejects = `${t.dir}/bad.csv`
    const r = await t.run(['survey', 'import', 'S', second, '--rejects', rejects])
    expect(r.code).toBe(5)
    expect(r.stderr).toContain(`(every bad line is in ${rejects}; if this file is another questionnaire whose response ids also start at 1, give its ids a prefix of their own: --id-prefix B-`)
    // --skip-invalid --dry-run: the summary counts the clashes and the note says what to do
    const dry = await t.ok(['survey', 'import', 'S', second, '--skip-invalid', '--rejects', `${t.dir}/bad2.csv`, '--dry-run', '--json'])
    expect(dry.json()).toMatchObject({ imported: 0, rejected: 3, idClashes: 3 })
    expect(dry.stderr).toContain("of the rejected lines, 3 reuse an earlier import's response id with other content: if this file is another questionnaire whose ids also start at 1, import it with --id-prefix B- instead")
    // after a real import the advice would come too late: its other rows are in without a prefix
    const mixed = writeFile(t.dir, 'mixed.csv', `${HEADER}\n1,FIN,HR,2\n9,IT,HR,4\n`)
    const real = await t.ok(['survey', 'import', 'S', mixed, '--skip-invalid', '--rejects', `${t.dir}/bad3.csv`, '--json'])
    expect(real.json()).toMatchObject({ imported: 1, rejected: 1, idClashes: 1 })
    expect(real.stderr).toContain("of the rejected lines, 1 reuses an earlier import's response id with other content (another questionnaire numbered from 1 too? Such a file is best tried with --dry-run first, and imported with --id-prefix)")
  })

  it('says a prefix changes nothing in a file without a response id column, and keeps it out of the batch and the event', async () => {
    const t = await withSurvey()
    const file = writeFile(t.dir, 'noid.csv', '您所在的部门,被评价部门,总体满意度\nHR,IT,5\nFIN,IT,4\n')
    const r = await t.ok(['survey', 'import', 'S', file, '--id-prefix', 'B-', '--json'])
    expect(r.json().conversions).toEqual(["response_id: the file has no response id column, so the prefix 'B-' changes nothing (its rows are keyed by their content)"])
    expect((await t.ok(['survey', 'show', 'S', '--json'])).json().batches[0].idPrefix).toBeNull()
    const events = await queryRows(t.db, "select details from events where action = 'survey.import'")
    expect(JSON.parse(events[0].details).idPrefix).toBeUndefined()
    expect((await queryRows(t.db, 'select response_id from survey_responses')).map((x) => x.response_id)).toEqual([null, null])
  })

  it('prefixes the ids of a wide file: one response per rated unit, keyed by the prefixed id and the unit', async () => {
    const t = await withSurvey()
    const file = writeFile(t.dir, 'wide.csv', '序号,所在部门,财务部-总体满意度,信息技术部-总体满意度\n1,HR,4,5\n2,ADM,,3\n')
    const r = await t.ok(['survey', 'import', 'S', file, '--id-prefix', 'W-', '--json'])
    expect(r.json()).toMatchObject({ read: 2, imported: 3 })
    const rows = await queryRows(t.db, 'select response_id, key from survey_responses order by id')
    expect(rows.map((x) => [x.response_id, x.key])).toEqual([
      ['W-1@FIN', 'id:W-1@FIN'],
      ['W-1@IT', 'id:W-1@IT'],
      ['W-2@IT', 'id:W-2@IT'],
    ])
  })
})
