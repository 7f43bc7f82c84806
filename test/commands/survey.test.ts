import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { FIXTURES, cli, dbState, queryRows, writeFile } from '../helpers/harness.js'
import { withSurvey } from '../helpers/scenarios.js'

const SURVEYS = path.join(FIXTURES, 'surveys')
const fixture = (name: string) => path.join(SURVEYS, name)

/** A database with the fixture organisation and an empty 2026-H1 service survey S. */
const rows = queryRows

/** IT rated five times with overall 4, 4, 3, 5, 4 (DESIGN.md §3), HR twice. */
const WORKED_EXAMPLE = [
  'response_id,respondent_unit,rated_unit,accuracy,timeliness,completeness,professionalism,overall,loyalty,comment',
  '1,HR,IT,4,4,4,4,4,4,',
  '2,FIN,IT,4,3,4,4,4,3,',
  '3,PROD,IT,3,3,3,4,3,3,',
  '4,SALES,IT,5,4,5,5,5,5,',
  '5,ADM,IT,4,4,4,4,4,4,',
  '6,IT,HR,5,5,5,5,,5,no overall: the mean of the dimensions',
  '7,FIN,HR,2,,4,,,,',
].join('\n')

describe('icm survey create, list, show', () => {
  it('creates a survey with its period dates and lists it', async () => {
    const t = cli()
    const r = await t.ok(['survey', 'create', '2026H1-SERVICE', '--title', '上半年满意度', '--period', '2026-h1', '--json'])
    expect(r.json()).toMatchObject({ code: '2026H1-SERVICE', kind: 'service', period: '2026-H1', periodStart: '2026-01-01', periodEnd: '2026-06-30' })
    expect(r.stderr).toContain('✓ survey 2026H1-SERVICE created (service, 2026-H1 = 2026-01-01 … 2026-06-30)')
    await t.ok(['survey', 'create', 'REL-Q3', '--title', '三季度关系', '--period', '2026-Q3', '--kind', 'relationship'])
    const list = await t.ok(['survey', 'list', '--json'])
    expect(list.json().map((s: any) => [s.code, s.kind, s.responses, s.batches])).toEqual([
      ['REL-Q3', 'relationship', 0, 0],
      ['2026H1-SERVICE', 'service', 0, 0],
    ])
  })

  it('shows the counts and the import batches with file, sha256, rows, actor and time', async () => {
    const t = await withSurvey('2026年上半年内部服务满意度')
    await t.ok(['survey', 'import', 's', fixture('service-basic.csv')])
    const show = (await t.ok(['survey', 'show', 'S', '--json'])).json()
    expect(show).toMatchObject({ code: 'S', responses: 60 })
    expect(show.batches).toEqual([
      {
        batch: 1,
        file: 'service-basic.csv',
        sha256: '064c0911643a6e60bfbb59a0725d467f8bfa990815a999bc44a41bbee7502516',
        bytes: fs.statSync(fixture('service-basic.csv')).size,
        encoding: 'UTF-8',
        rows: 60,
        imported: 60,
        alreadyPresent: 0,
        rejected: 0,
        forced: false,
        idPrefix: null,
        actor: 'tester',
        at: '2026-07-01T10:00:00+08:00',
      },
    ])
    const human = await t.ok(['survey', 'show', 'S'])
    expect(human.stdout).toContain('Import batches:\nbatch\tfile\tsha256\trows')
  })

  it.each([
    ['a duplicate code, any case', ['survey', 'create', 's', '--title', 'x', '--period', '2026-H1'], 5, /survey S already exists/],
    ['a bad period', ['survey', 'create', 'X', '--title', 'x', '--period', '2026-H3'], 3, /invalid period '2026-H3'/],
    ['a bad kind', ['survey', 'create', 'X', '--title', 'x', '--period', '2026', '--kind', 'poll'], 3, /invalid survey kind 'poll'/],
    ['a bad code', ['survey', 'create', 'A B', '--title', 'x', '--period', '2026'], 3, /invalid survey code 'A B'/],
    ['a missing title without a terminal', ['survey', 'create', 'X', '--period', '2026'], 2, /missing required option --title/],
    ['an unknown survey to show', ['survey', 'show', 'NOPE'], 4, /unknown survey 'NOPE'/],
  ])('refuses %s with its exit code and no change', async (_what, args, code, message) => {
    const t = await withSurvey('2026年上半年内部服务满意度')
    const before = await dbState(t.db)
    const r = await t.run(args)
    expect([r.code, r.stdout]).toEqual([code, ''])
    expect(r.stderr).toMatch(message)
    expect(r.stderr.trim().split('\n')).toHaveLength(1)
    expect(await dbState(t.db)).toBe(before)
  })
})

describe('icm survey import: the sample exports', () => {
  it.each([
    ['service-basic.csv', 'UTF-8', 'comma', 60, []],
    ['tencent-utf8-bom.csv', 'UTF-8', 'comma', 50, ['开始答题时间', '答题时长', '地理位置国家和地区', '地理位置省', '地理位置市', '自定义字段']],
    ['wjx-gb18030.csv', 'GB18030', 'comma', 80, ['所用时间', '来源', '来源详情', '来自IP']],
    ['traditional-utf16le.txt', 'UTF-16LE', 'tab', 30, []],
  ])('imports %s (%s, %s): %i responses, ignored columns listed once', async (file, encoding, delimiter, count, ignored) => {
    const t = await withSurvey('2026年上半年内部服务满意度')
    const r = await t.ok(['survey', 'import', 'S', fixture(file), '--json'])
    expect(r.json()).toMatchObject({
      survey: 'S',
      file,
      batch: 1,
      encoding,
      delimiter,
      read: count,
      imported: count,
      alreadyPresent: 0,
      rejected: 0,
      ignoredColumns: ignored,
      dryRun: false,
    })
    expect((await rows(t.db, 'select count(*) as n from survey_responses'))[0].n).toBe(count)
    expect(r.stderr).toContain(`✓ ${count} of ${count} responses imported into S from ${file} (batch 1)`)
  })

  it('stores what the GB18030 export says: names, labels, local time, the 4-byte 𠮷, no U+FFFD', async () => {
    const t = await withSurvey('2026年上半年内部服务满意度')
    await t.ok(['survey', 'import', 'S', fixture('wjx-gb18030.csv')])
    const first = (await rows(t.db, `select r.*, u.code as rated from survey_responses r join units u on u.id = r.rated_id order by r.id limit 1`))[0]
    expect(first).toMatchObject({ key: 'id:1', response_id: '1', rated: 'FIN', accuracy: 4, overall: 4, loyalty: 3, comment: '𠮷野家的订餐系统能否接入?', submitted_at: '2026-04-25T01:45:35.000Z', line: 2 })
    expect((await rows(t.db, `select count(*) as n from survey_responses where comment like '%\uFFFD%'`))[0].n).toBe(0)
  })

  it('says which unit names it matched by folding or regional words, so a person can check them', async () => {
    const t = await withSurvey('2026年上半年内部服务满意度')
    const r = await t.ok(['survey', 'import', 'S', fixture('traditional-utf16le.txt')])
    expect(r.stdout).toMatch(/units matched\t.*品質管理部 → QA \(regional\)/)
    expect(r.stdout).toMatch(/資訊技術部 → IT \(folded\)/)
    const json = (await (await withSurvey('2026年上半年内部服务满意度')).ok(['survey', 'import', 'S', fixture('traditional-utf16le.txt'), '--json'])).json()
    expect(json.unitsMatched).toContainEqual({ text: '品質管理部', unit: 'QA', via: 'regional' })
  })

  it('stages through a worker thread with the same result as on the main thread', async () => {
    const a = await withSurvey('2026年上半年内部服务满意度')
    const b = await withSurvey('2026年上半年内部服务满意度')
    await a.ok(['survey', 'import', 'S', fixture('wjx-gb18030.csv')], { env: { ICM_IMPORT_WORKER: '0' } })
    await b.ok(['survey', 'import', 'S', fixture('wjx-gb18030.csv')], { env: { ICM_IMPORT_WORKER: '1' } })
    const q = 'select * from survey_responses order by id'
    expect(await rows(b.db, q)).toEqual(await rows(a.db, q))
    expect(await rows(b.db, 'select * from survey_score_sums order by rated_id, respondent_id')).toEqual(await rows(a.db, 'select * from survey_score_sums order by rated_id, respondent_id'))
    expect(await rows(b.db, `select action, details from events where action = 'survey.import'`)).toEqual(await rows(a.db, `select action, details from events where action = 'survey.import'`))
  })

  it('refuses bytes that do not decode with the same message when the stage worker reads the file', async () => {
    // the bad bytes in the fourth 64 KB chunk, which the worker decodes ahead of the main thread
    const file = Buffer.concat([Buffer.from('rated_unit,overall,comment\n' + 'IT,4,fine\n'.repeat(25_000)), Buffer.from('HR,3,'), Buffer.from([0xc3, 0x28]), Buffer.from('\nIT,4,x\n')])
    const messages: string[] = []
    for (const worker of ['0', '1']) {
      const t = await withSurvey('2026年上半年内部服务满意度')
      const before = await dbState(t.db)
      const r = await t.run(['survey', 'import', 'S', writeFile(t.dir, 'bad.csv', file)], { env: { ICM_IMPORT_WORKER: worker } })
      expect(r.code).toBe(3)
      expect(await dbState(t.db)).toBe(before)
      messages.push(r.stderr)
    }
    expect(messages[1]).toBe(messages[0])
    expect(messages[0]).toMatch(/^icm: line 25002: the file is not valid UTF-8 \(byte 0xC3 at offset 250032\)/)
  })

  it('shows progress on stderr on a terminal only', async () => {
    const t = await withSurvey('2026年上半年内部服务满意度')
    const tty = await t.run(['survey', 'import', 'S', fixture('service-basic.csv')], { tty: true })
    expect(tty.stderr).toContain('\rimporting: 100% · 60 rows')
    const u = await withSurvey('2026年上半年内部服务满意度')
    const piped = await u.ok(['survey', 'import', 'S', fixture('service-basic.csv')])
    expect(piped.stderr).not.toContain('importing')
  })

  it('writes an event with the counts in the same transaction', async () => {
    const t = await withSurvey('2026年上半年内部服务满意度')
    await t.ok(['survey', 'import', 'S', fixture('service-basic.csv')])
    const log = (await t.ok(['log', '--entity', 'S', '--json'])).json()
    expect(log.at(-1)).toMatchObject({
      action: 'survey.import',
      details: { file: 'service-basic.csv', batch: 1, read: 60, imported: 60, alreadyPresent: 0, rejected: 0, forced: false },
    })
  })
})

describe('icm survey import: all or nothing, and the bad lines', () => {
  it('refuses bad-rows.csv naming its first bad line, the reason and how many more, and imports nothing', async () => {
    const t = await withSurvey('2026年上半年内部服务满意度')
    const before = await dbState(t.db)
    const r = await t.run(['survey', 'import', 'S', fixture('bad-rows.csv')])
    expect(r.code).toBe(3)
    expect(r.stdout).toBe('')
    expect(r.stderr).toBe(
      'icm: bad-rows.csv line 3: accuracy: score 6 is out of range 1–5 (and 5 more bad lines); nothing imported (fix the file, or import the good rows and list the bad ones with --skip-invalid --rejects FILE)\n',
    )
    expect(await dbState(t.db)).toBe(before)
  })

  it('imports the good rows with --skip-invalid and writes every bad line with its number and reason to --rejects', async () => {
    const t = await withSurvey('2026年上半年内部服务满意度')
    const r = await t.ok(['survey', 'import', 'S', fixture('bad-rows.csv'), '--skip-invalid', '--rejects', 'bad.csv', '--json'])
    expect(r.json()).toMatchObject({ read: 8, imported: 2, alreadyPresent: 0, rejected: 6, rejectsFile: path.join(t.dir, 'bad.csv') })
    const rejects = fs.readFileSync(path.join(t.dir, 'bad.csv'), 'utf8')
    expect(rejects.split('\r\n').slice(0, 7)).toEqual([
      'line,reason,response_id,respondent_unit,rated_unit,accuracy,timeliness,completeness,professionalism,overall,comment',
      '3,accuracy: score 6 is out of range 1–5,2,FIN,IT,6,4,4,4,4,score 6 is out of range',
      "4,rated_unit: 'NOPE' is not a known unit code or name,3,FIN,NOPE,4,4,4,4,4,unknown rated unit",
      '5,"rated_unit: empty, but the rated unit is required",4,SALES,,3,3,3,3,3,missing rated unit',
      "6,accuracy: 'abc' is not a score (expected 1–5 or a label such as 满意 or satisfied),5,PROD,HR,abc,4,4,4,4,score is not a number",
      '8,response id 1 is also on line 2 with other content,1,HR,IT,2,2,2,2,2,"same response id as line 2, different content"',
      '9,unbalanced quote: the quoted field opened on line 9 never closes,7,ADM,FIN,4,4,4,4,4,"unbalanced quote\n"',
    ])
    expect((await rows(t.db, 'select line from survey_responses order by line')).map((x) => x.line)).toEqual([2, 7])
    expect(r.stderr).toContain('2 of 8 responses imported into S from bad-rows.csv, 6 rejected (see bad.csv)')
  })

  it.each(['0', '1'])('lists the bad lines of a long file in file order, invalid and conflicting alike (stage worker %s)', async (worker) => {
    const t = await withSurvey('2026年上半年内部服务满意度')
    const lines = ['ID,respondent_unit,rated_unit,overall,comment']
    for (let i = 1; i <= 3000; i++) {
      if (i % 700 === 0) lines.push(`${i},HR,IT,9,"bad score\non two lines"`)
      else if (i % 1000 === 0) lines.push(`${i - 999},HR,IT,1,conflicts with row ${i - 999}`)
      else lines.push(`${i},HR,IT,${(i % 5) + 1},row ${i}`)
    }
    const f = writeFile(t.dir, 'long.csv', `${lines.join('\n')}\n`)
    const r = await t.ok(['survey', 'import', 'S', f, '--skip-invalid', '--rejects', 'bad.csv', '--json'], { env: { ICM_IMPORT_WORKER: worker } })
    expect(r.json()).toMatchObject({ read: 3000, imported: 2993, rejected: 7 })
    const text = fs.readFileSync(path.join(t.dir, 'bad.csv'), 'utf8')
    // Lines of the file: each bad-score record spans two.
    expect(text.split('\r\n').filter(Boolean)).toEqual([
      'line,reason,ID,respondent_unit,rated_unit,overall,comment',
      '701,overall: score 9 is out of range 1–5,700,HR,IT,9,"bad score\non two lines"',
      '1002,response id 1 is also on line 2 with other content,1,HR,IT,1,conflicts with row 1',
      '1402,overall: score 9 is out of range 1–5,1400,HR,IT,9,"bad score\non two lines"',
      '2003,response id 1001 is also on line 1003 with other content,1001,HR,IT,1,conflicts with row 1001',
      '2103,overall: score 9 is out of range 1–5,2100,HR,IT,9,"bad score\non two lines"',
      '2804,overall: score 9 is out of range 1–5,2800,HR,IT,9,"bad score\non two lines"',
      '3005,response id 2001 is also on line 2004 with other content,2001,HR,IT,1,conflicts with row 2001',
    ])
  })

  it('still writes --rejects when the import is refused, so the bad lines can be fixed', async () => {
    const t = await withSurvey('2026年上半年内部服务满意度')
    const r = await t.run(['survey', 'import', 'S', fixture('bad-rows.csv'), '--rejects', 'bad.csv'])
    expect(r.code).toBe(3)
    expect(r.stderr).toMatch(/\(every bad line is in .*bad\.csv; fix them, or import the good rows with --skip-invalid\)/)
    expect(fs.readFileSync(path.join(t.dir, 'bad.csv'), 'utf8').split('\r\n').filter(Boolean)).toHaveLength(7)
    expect((await rows(t.db, 'select count(*) as n from survey_responses'))[0].n).toBe(0)
  })

  it('exits 5 for a first bad line that conflicts, naming both lines', async () => {
    const t = await withSurvey('2026年上半年内部服务满意度')
    const f = writeFile(t.dir, 'dup.csv', 'response_id,rated_unit,overall\n10,IT,4\n11,HR,5\n10,IT,2\n')
    const r = await t.run(['survey', 'import', 'S', f])
    expect(r.code).toBe(5)
    expect(r.stderr).toMatch(/^icm: dup\.csv line 4: response id 10 is also on line 2 with other content; nothing imported/)
  })

  it('skips a row already present (same key, same content) and counts it; the same id with other content conflicts with the earlier import', async () => {
    const t = await withSurvey('2026年上半年内部服务满意度')
    await t.ok(['survey', 'import', 'S', writeFile(t.dir, 'a.csv', 'response_id,rated_unit,overall\n1,IT,4\n2,HR,5\n')])
    const again = await t.ok(['survey', 'import', 'S', writeFile(t.dir, 'b.csv', 'response_id,rated_unit,overall\n2,HR,5\n3,FIN,3\n'), '--json'])
    expect(again.json()).toMatchObject({ read: 2, imported: 1, alreadyPresent: 1, rejected: 0 })
    const before = await dbState(t.db)
    const conflict = await t.run(['survey', 'import', 'S', writeFile(t.dir, 'c.csv', 'response_id,rated_unit,overall\n4,FIN,3\n1,IT,2\n')])
    expect(conflict.code).toBe(5)
    expect(conflict.stderr).toMatch(/^icm: c\.csv line 3: response id 1 is also in a\.csv line 2 \(imported before, batch 1\) with other content; nothing imported/)
    expect(await dbState(t.db)).toBe(before)
  })

  it('compares a later row of an id with the row the database has, else with the first row of the id in the file', async () => {
    const t = await withSurvey('2026年上半年内部服务满意度')
    await t.ok(['survey', 'import', 'S', writeFile(t.dir, 'a.csv', 'response_id,rated_unit,overall\n1,IT,4\n2,HR,5\n')])
    // id 1: other content than a.csv's (conflict), then a.csv's own (already present, not a conflict with line 2);
    // id 3: new, then other content (conflict with line 4), then the same again (already present).
    const b = writeFile(t.dir, 'b.csv', 'response_id,rated_unit,overall\n1,IT,2\n1,IT,4\n3,FIN,3\n3,FIN,1\n3,FIN,3\n')
    const r = await t.ok(['survey', 'import', 'S', b, '--skip-invalid', '--rejects', 'bad.csv', '--json'])
    expect(r.json()).toMatchObject({ read: 5, imported: 1, alreadyPresent: 2, rejected: 2 })
    expect(fs.readFileSync(path.join(t.dir, 'bad.csv'), 'utf8').split('\r\n')).toEqual([
      'line,reason,response_id,rated_unit,overall',
      '2,"response id 1 is also in a.csv line 2 (imported before, batch 1) with other content",1,IT,2',
      '5,response id 3 is also on line 4 with other content,3,FIN,1',
      '',
    ])
    expect(await rows(t.db, `select response_id, overall, line from survey_responses where batch_id = 2`)).toEqual([{ response_id: '3', overall: 3, line: 4 }])
  })

  it('keys rows without a response id by their content: the same answer again is already present, two identical answers with different ids are both kept', async () => {
    const t = await withSurvey('2026年上半年内部服务满意度')
    const a = await t.ok(['survey', 'import', 'S', writeFile(t.dir, 'a.csv', 'rated_unit,overall,comment\nIT,4,ok\nIT,4,ok\nHR,3,\n'), '--json'])
    expect((await rows(t.db, 'select count(*) as n from survey_responses'))[0].n).toBe(2)
    // the summary says why a line of a first import is "already present"
    expect(a.json()).toMatchObject({ imported: 2, alreadyPresent: 1, repeatedInFile: 1 })
    expect(a.stderr).toContain('of those already present, 1 line is identical to an earlier line of this file: without a response id column, identical answers are one answer')
    const r = await t.ok(['survey', 'import', 'S', writeFile(t.dir, 'b.csv', 'rated_unit,overall,comment\r\nHR,3,\r\nFIN,5,\r\n'), '--json'])
    expect(r.json()).toMatchObject({ imported: 1, alreadyPresent: 1 })
    await t.ok(['survey', 'import', 'S', writeFile(t.dir, 'c.csv', 'ID,rated_unit,overall\n1,IT,4\n2,IT,4\n')])
    expect((await rows(t.db, `select count(*) as n from survey_responses where response_id in ('1', '2')`))[0].n).toBe(2)
  })

  it('refuses the same file twice, even renamed, unless --force, which skips the rows already present', async () => {
    const t = await withSurvey('2026年上半年内部服务满意度')
    await t.ok(['survey', 'import', 'S', fixture('service-basic.csv')])
    const before = await dbState(t.db)
    const again = await t.run(['survey', 'import', 'S', fixture('service-basic.csv')])
    expect(again.code).toBe(5)
    expect(again.stderr).toBe(
      "icm: service-basic.csv was already imported into S as service-basic.csv (batch 1, by tester at 2026-07-01T10:00:00+08:00); nothing imported (a file is imported once, whatever its name; add --force to import it again, skipping the rows already present)\n",
    )
    fs.copyFileSync(fixture('service-basic.csv'), path.join(t.dir, 'renamed.csv'))
    const renamed = await t.run(['survey', 'import', 'S', 'renamed.csv'])
    expect(renamed.code).toBe(5)
    expect(renamed.stderr).toContain('renamed.csv was already imported into S as service-basic.csv')
    expect(await dbState(t.db)).toBe(before)
    const forced = await t.ok(['survey', 'import', 'S', 'renamed.csv', '--force', '--json'])
    expect(forced.json()).toMatchObject({ batch: 2, forced: true, read: 60, imported: 0, alreadyPresent: 60 })
    // into another survey: the hint asks to check the survey code, and says --force imports it there too
    await t.ok(['survey', 'create', 'T', '--title', 't', '--period', '2026-H1'])
    const other = await t.run(['survey', 'import', 'T', 'renamed.csv'])
    expect(other.code).toBe(5)
    expect(other.stderr).toMatch(/was already imported into S .* \(a file is imported once, whatever its name: check the survey code \(S holds it\); to import it into T as well, add --force\)\n$/)
  })

  it('checks everything with --dry-run and writes nothing', async () => {
    const t = await withSurvey('2026年上半年内部服务满意度')
    const before = await dbState(t.db)
    const r = await t.ok(['survey', 'import', 'S', fixture('wjx-gb18030.csv'), '--dry-run', '--json'])
    expect(r.json()).toMatchObject({ dryRun: true, batch: null, read: 80, imported: 80 })
    expect(r.stderr).toContain('✓ dry run: 80 of 80 responses would be imported into S; nothing written')
    expect(await dbState(t.db)).toBe(before)
    const bad = await t.run(['survey', 'import', 'S', fixture('bad-rows.csv'), '--dry-run'])
    expect(bad.code).toBe(3)
    await t.ok(['survey', 'import', 'S', fixture('wjx-gb18030.csv')])
    // not the rejects file either: the real run that follows writes it
    const rejects = path.join(t.dir, 'rejects.csv')
    const dry = await t.ok(['survey', 'import', 'S', fixture('bad-rows.csv'), '--dry-run', '--skip-invalid', '--rejects', rejects, '--json'])
    expect(dry.json()).toMatchObject({ dryRun: true, rejectsFile: null })
    expect(dry.json().rejected).toBeGreaterThan(0)
    expect(dry.stderr).toContain(`a dry run writes nothing: ${rejects} is written by the import itself (without --dry-run)`)
    expect(fs.existsSync(rejects)).toBe(false)
    // without --skip-invalid the first bad line stops the dry run (here a conflict with the rows imported above: exit 5), and still nothing is written
    const stopped = await t.run(['survey', 'import', 'S', fixture('bad-rows.csv'), '--dry-run', '--rejects', rejects])
    expect(stopped.code).toBe(5)
    expect(fs.existsSync(rejects)).toBe(false)
    const real = await t.ok(['survey', 'import', 'S', fixture('bad-rows.csv'), '--skip-invalid', '--rejects', rejects, '--json'])
    expect(real.json().rejected).toBe(dry.json().rejected)
    expect(fs.readFileSync(rejects, 'utf8').split('\n')[0]).toMatch(/^line,reason,/)
  })

  const GBK_IT = Buffer.from([0xd0, 0xc5, 0xcf, 0xa2, 0xbc, 0xbc, 0xca, 0xf5, 0xb2, 0xbf]) // 信息技术部 in GBK

  it.each([
    ['undecodable bytes', () => Buffer.concat([Buffer.from('rated_unit,overall\nIT,4\n'), Buffer.from([0xff, 0xfe, 0xff]), Buffer.from(',4\n')]), [], 3, /cannot tell the file's encoding: not UTF-8 \(byte 0xFF at offset 24\) and not GB18030/],
    ['bytes that are not the encoding given', () => Buffer.concat([Buffer.from('rated_unit,overall\n'), GBK_IT, Buffer.from(',4\n')]), ['--encoding', 'utf8'], 3, /^icm: line 2: the file is not valid UTF-8 \(byte 0xD0 at offset 19\)/],
    [
      'GBK bytes after 64 KB of ASCII (detected as UTF-8)',
      () => Buffer.concat([Buffer.from('rated_unit,overall,comment\n'), Buffer.from(`IT,4,${'x'.repeat(70_000)}\n`), Buffer.from('HR,3,'), GBK_IT, Buffer.from('\n')]),
      [],
      3,
      /^icm: line 3: the file is not valid UTF-8 \(byte 0xD0 at offset 70038\) \(name the encoding with --encoding/,
    ],
    ['no unit or score columns', () => 'name,score\nx,1\n', [], 3, /cannot find the column for rated_unit \(被评价部门\) and at least one score .* among the headers 'name', 'score'/],
    ['a duplicate header', () => 'rated_unit,overall,overall\nIT,4,5\n', [], 3, /header 'overall' appears twice \(columns 2 and 3\), so overall is ambiguous/],
    ['a respondent rating their own unit', () => 'respondent_unit,rated_unit,overall\nIT,信息技术部,4\n', [], 3, /line 2: respondent_unit and rated_unit: a respondent rating their own unit/],
    ['an empty file', () => '', [], 3, /x\.csv is empty/],
    ['a header without responses', () => 'rated_unit,overall\n\n,,\n', [], 3, /x\.csv has a header but no responses/],
    ['an unknown encoding', () => 'rated_unit,overall\nIT,4\n', ['--encoding', 'latin9'], 3, /unknown encoding 'latin9'/],
    ['an unknown delimiter', () => 'rated_unit,overall\nIT,4\n', ['--delimiter', '|'], 3, /unknown delimiter '\|'/],
    ['--show-mapping with --dry-run', () => 'rated_unit,overall\nIT,4\n', ['--show-mapping', '--dry-run'], 2, /--show-mapping only prints the mapping/],
    ['--skip-invalid without --rejects, no terminal', () => 'rated_unit,overall\nIT,4\n', ['--skip-invalid'], 2, /missing required option --rejects/],
  ])('refuses %s with a clear error, its exit code, and no change', async (_what, content, extra, code, message) => {
    const t = await withSurvey('2026年上半年内部服务满意度')
    const f = writeFile(t.dir, 'x.csv', content())
    const before = await dbState(t.db)
    const r = await t.run(['survey', 'import', 'S', f, ...extra])
    expect(r.stderr).toMatch(message)
    expect([r.code, r.stdout]).toEqual([code, ''])
    expect(r.stderr.trim().split('\n')).toHaveLength(1)
    expect(await dbState(t.db)).toBe(before)
  })

  it.each([
    ['an unknown survey', ['survey', 'import', 'NOPE', 'x.csv'], 4, /unknown survey 'NOPE'/],
    ['a missing file', ['survey', 'import', 'S', 'missing.csv'], 4, /file not found: missing\.csv/],
    ['a mapping file that is not JSON', ['survey', 'import', 'S', 'x.csv', '--map', 'bad.json'], 3, /the mapping file is not valid JSON/],
    ['a mapping file naming a header that does not exist', ['survey', 'import', 'S', 'x.csv', '--map', 'missing.json'], 3, /--map: overall is '总体', but no column has that header/],
    ['a mapping file naming a unit that does not exist', ['survey', 'import', 'S', 'x.csv', '--map', 'unit.json'], 3, /gives '某部' to 'NOPE', which is not a unit code/],
  ])('refuses %s', async (_what, args, code, message) => {
    const t = await withSurvey('2026年上半年内部服务满意度')
    writeFile(t.dir, 'x.csv', 'rated_unit,overall\nIT,4\n')
    writeFile(t.dir, 'bad.json', '{"overall": 2,}')
    writeFile(t.dir, 'missing.json', '{"overall": "总体"}')
    writeFile(t.dir, 'unit.json', '{"units": {"某部": "NOPE"}}')
    const before = await dbState(t.db)
    const r = await t.run(args)
    expect([r.code, r.stdout]).toEqual([code, ''])
    expect(r.stderr).toMatch(message)
    expect(await dbState(t.db)).toBe(before)
  })

  it('resolves duplicate headers, long questions, labels and unit names through --map', async () => {
    const t = await withSurvey('2026年上半年内部服务满意度')
    const f = writeFile(
      t.dir,
      'x.csv',
      'ID,Which department are you rating?,overall,overall,Your department\n1,品质部,Good,3,HR\n2,IT,Neutral,5,HR\n',
    )
    writeFile(t.dir, 'map.json', JSON.stringify({ response_id: 'ID', rated_unit: 'Which department are you rating?', overall: 3, respondent_unit: 5, labels: { Good: 4, Neutral: 3 }, units: { 品质部: 'QA' } }))
    const r = await t.ok(['survey', 'import', 'S', f, '--map', 'map.json', '--json'])
    expect(r.json()).toMatchObject({ imported: 2, ignoredColumns: ['overall'], unitsMatched: [{ text: '品质部', unit: 'QA', via: 'alias' }] })
    expect((await rows(t.db, 'select overall from survey_responses order by id')).map((x) => x.overall)).toEqual([4, 3])
  })

  it('prints which column feeds which field with --show-mapping, and imports nothing', async () => {
    const t = await withSurvey('2026年上半年内部服务满意度')
    const before = await dbState(t.db)
    const r = await t.ok(['survey', 'import', 'S', fixture('wjx-gb18030.csv'), '--show-mapping', '--json'])
    expect(r.json()).toMatchObject({ encoding: 'GB18030', delimiter: 'comma', headerLine: 1, ignoredColumns: ['所用时间', '来源', '来源详情', '来自IP'] })
    expect(r.json().mapping.slice(0, 3)).toEqual([
      { field: 'response_id', column: 1, header: '序号' },
      { field: 'respondent_unit', column: 7, header: '1、您所在的部门' },
      { field: 'rated_unit', column: 8, header: '2、被评价部门' },
    ])
    const human = await t.ok(['survey', 'import', 'S', fixture('wjx-gb18030.csv'), '--show-mapping'])
    expect(human.stdout).toContain('field\tcolumn\theader\nresponse_id\t1\t序号\n')
    expect(human.stdout).toContain('ignored columns: 所用时间, 来源, 来源详情, 来自IP\n')
    expect(await dbState(t.db)).toBe(before)
  })
})

describe('icm survey results', () => {
  it('gives per rated unit the responses, the means, loyalty, the satisfaction index and the lowest dimension (DESIGN.md §3: IT → 75)', async () => {
    const t = await withSurvey('2026年上半年内部服务满意度')
    await t.ok(['survey', 'import', 'S', writeFile(t.dir, 'w.csv', WORKED_EXAMPLE)])
    const r = (await t.ok(['survey', 'results', 'S', '--json'])).json()
    expect(r).toEqual([
      {
        unit: 'HR',
        name: '人力资源部',
        responses: 2,
        accuracy: 3.5,
        timeliness: 5,
        completeness: 4.5,
        professionalism: 5,
        overall: null,
        loyalty: 5,
        satisfaction: null,
        lowestDimension: 'accuracy',
      },
      {
        unit: 'IT',
        name: '信息技术部',
        responses: 5,
        accuracy: 4,
        timeliness: 3.6,
        completeness: 4,
        professionalism: 4.2,
        overall: 4,
        loyalty: 3.8,
        satisfaction: 75,
        lowestDimension: 'timeliness',
      },
    ])
  })

  it('counts a response without overall by the mean of its dimensions: HR (5 + 3) / 2 = 4 → 75 with assess.min_responses 2', async () => {
    const t = await withSurvey('2026年上半年内部服务满意度')
    await t.ok(['config', 'set', 'assess.min_responses', '2'])
    await t.ok(['survey', 'import', 'S', writeFile(t.dir, 'w.csv', WORKED_EXAMPLE)])
    const hr = (await t.ok(['survey', 'results', 'S', '--json'])).json().find((u: any) => u.unit === 'HR')
    expect(hr.satisfaction).toBe(75)
  })

  it('gives the view of the respondents with --by respondent, and CSV', async () => {
    const t = await withSurvey('2026年上半年内部服务满意度')
    await t.ok(['survey', 'import', 'S', writeFile(t.dir, 'w.csv', WORKED_EXAMPLE)])
    const r = (await t.ok(['survey', 'results', 'S', '--by', 'respondent', '--json'])).json()
    expect(r.map((u: any) => [u.unit, u.responses])).toEqual([
      ['ADM', 1],
      ['FIN', 2],
      ['HR', 1],
      ['IT', 1],
      ['PROD', 1],
      ['SALES', 1],
    ])
    const csv = await t.ok(['survey', 'results', 'S', '--csv'])
    expect(csv.stdout.split('\r\n')[0]).toBe('unit,name,responses,accuracy,timeliness,completeness,professionalism,overall,loyalty,satisfaction,lowest')
    expect(csv.stdout).toContain('IT,信息技术部,5,4.00,3.60,4.00,4.20,4.00,3.80,75.0,timeliness')
  })

  it('says so when there are no responses, and refuses an unknown view', async () => {
    const t = await withSurvey('2026年上半年内部服务满意度')
    const empty = await t.ok(['survey', 'results', 'S'])
    expect([empty.stdout, empty.stderr]).toEqual(['', 'no responses in S yet (import some with icm survey import S FILE.csv)\n'])
    const bad = await t.run(['survey', 'results', 'S', '--by', 'unit'])
    expect(bad.code).toBe(3)
  })
})

describe('icm survey export', () => {
  it('writes every response with unit codes and names, formula-safe, with a BOM for Excel, and the export imports again', async () => {
    const t = await withSurvey('2026年上半年内部服务满意度')
    await t.ok([
      'survey',
      'import',
      'S',
      writeFile(t.dir, 'a.csv', 'ID,respondent_unit,rated_unit,overall,loyalty,comment,submitted_at\n1,HR,IT,4,3,"=HYPERLINK(""x"")",2026/5/4 9:30\n2,,FIN,2,,"-3 分，\n太低",\n3,FIN,QA,5,5,@risk,\n'),
    ])
    const r = await t.ok(['survey', 'export', 'S', '--out', 'out.csv', '--excel', '--json'])
    expect(r.json()).toEqual({ survey: 'S', file: path.join(t.dir, 'out.csv'), responses: 3, excel: true, encoding: 'utf8-bom' })
    const text = fs.readFileSync(path.join(t.dir, 'out.csv'), 'utf8')
    expect(text.charCodeAt(0)).toBe(0xfeff)
    const lines = text.slice(1).split('\r\n')
    expect(lines[0]).toBe('survey,response_id,respondent_unit,respondent_name,rated_unit,rated_name,accuracy,timeliness,completeness,professionalism,overall,loyalty,comment,submitted_at,file,line')
    expect(lines[1]).toBe(`S,1,HR,人力资源部,IT,信息技术部,,,,,4,3,"'=HYPERLINK(""x"")",2026-05-04T09:30:00+08:00,a.csv,2`)
    expect(lines[2]).toBe(`S,2,,,FIN,财务部,,,,,2,,"'-3 分，`)
    expect(lines[3]).toBe(`太低",,a.csv,3`)
    expect(lines[4]).toBe(`S,3,FIN,财务部,QA,质量管理部,,,,,5,5,'@risk,,a.csv,5`)

    await t.ok(['survey', 'create', 'COPY', '--title', 'copy', '--period', '2026-H1'])
    const back = await t.ok(['survey', 'import', 'COPY', 'out.csv', '--json'])
    expect(back.json()).toMatchObject({ imported: 3, ignoredColumns: ['survey', 'respondent_name', 'rated_name', 'file', 'line'] })
    const fp = async (code: string) => await rows(t.db, `select r.fingerprint, r.comment from survey_responses r join surveys s on s.id = r.survey_id where s.code = '${code}' order by r.id`)
    expect(await fp('COPY')).toEqual(await fp('S'))
  })

  it('pages through many responses and writes the header once', async () => {
    const t = await withSurvey('2026年上半年内部服务满意度')
    const body = Array.from({ length: 12_000 }, (_, i) => `${i + 1},HR,IT,${(i % 5) + 1}`).join('\n')
    await t.ok(['survey', 'import', 'S', writeFile(t.dir, 'big.csv', `ID,respondent_unit,rated_unit,overall\n${body}\n`)])
    await t.ok(['survey', 'export', 'S', '--out', 'out.csv'])
    const lines = fs.readFileSync(path.join(t.dir, 'out.csv'), 'utf8').replace(/^\uFEFF/, '').split('\r\n').filter(Boolean)
    expect(lines).toHaveLength(12_001)
    expect(lines.filter((l) => l.startsWith('survey,'))).toHaveLength(1)
    expect(lines[12_000]).toMatch(/^S,12000,HR,/)
  })

  it.each([
    ['a missing --out without a terminal', ['survey', 'export', 'S'], 2, /missing required option --out/],
    ['a folder that does not exist', ['survey', 'export', 'S', '--out', 'no/such/x.csv'], 3, /folder .* does not exist/],
    ['an unknown survey', ['survey', 'export', 'NOPE', '--out', 'x.csv'], 4, /unknown survey 'NOPE'/],
    ['--out - (no file named -)', ['survey', 'export', 'S', '--out', '-'], 3, /^icm: --out -: icm writes a file here, and '-' is not a file name .* \(give a file name, e\.g\. --out out\.csv\)\n$/],
  ])('refuses %s', async (_what, args, code, message) => {
    const t = await withSurvey('2026年上半年内部服务满意度')
    const r = await t.run(args)
    expect([r.code, r.stdout]).toEqual([code, ''])
    expect(r.stderr).toMatch(message)
    expect(fs.existsSync(path.join(t.dir, 'x.csv'))).toBe(false)
    expect(fs.existsSync(path.join(t.dir, '-'))).toBe(false)
  })
})
