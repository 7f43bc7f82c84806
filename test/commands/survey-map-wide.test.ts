import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { BACKEND, FIXTURES, cli, dbState, queryRows, writeFile } from '../helpers/harness.js'
import { withSurvey } from '../helpers/scenarios.js'

/**
 * `survey map` of a wide file (issue 16): the mapping it writes names the columns that rate units
 * ("layout": "wide", "wide": header → unit and dimension), so that a scripted run with --map and
 * --no-input reads the file exactly as `survey import` reads it on its own. The fixture is the one
 * of survey-wide.test.ts: 4 respondent rows, 6 responses, 1 own-unit rating skipped.
 */
const fixture = path.join(FIXTURES, 'surveys', 'wide-matrix.csv')
const ROWS = 'select key, rated_id, respondent_id, accuracy, timeliness, overall, comment, submitted_at, line from survey_responses order by id'

describe('survey map of a wide file', () => {
  it('writes the wide columns, and the map reused with --map --no-input imports what auto does', async () => {
    const t = await withSurvey()
    const out = path.join(t.dir, 'matrix-map.json')
    const written = await t.ok(['survey', 'map', fixture, '--out', out])
    expect(written.stderr).toContain('✓ mapping of wide-matrix.csv written to')
    const map = JSON.parse(fs.readFileSync(out, 'utf8'))
    expect(map).toEqual({
      response_id: '序号',
      respondent_unit: '所在部门',
      comment: '意见建议',
      submitted_at: '提交时间',
      layout: 'wide',
      wide: {
        '6、请对以下部门的服务进行评价—财务部': { unit: 'FIN', dimension: 'overall' },
        '财务部-及时性': { unit: 'FIN', dimension: 'timeliness' },
        '对信息技术部的总体满意度': { unit: 'IT', dimension: 'overall' },
        '[IT] Timeliness': { unit: 'IT', dimension: 'timeliness' },
        '人力资源部-准确性': { unit: 'HR', dimension: 'accuracy' },
      },
      _unmatched_headers: [],
    })
    // no rated_unit guess among the unit columns (the long reading took one of them for it)
    expect(map.rated_unit).toBeUndefined()

    const mapped = await t.ok(['--no-input', 'survey', 'import', 'S', fixture, '--map', out, '--json'])
    expect(mapped.json()).toMatchObject({ read: 4, imported: 6, layout: 'wide', responses: 6, selfRatingsSkipped: 1 })
    const viaMap = await queryRows(t.db, ROWS)

    const u = await withSurvey()
    await u.ok(['--no-input', 'survey', 'import', 'S', fixture])
    expect(await queryRows(u.db, ROWS)).toEqual(viaMap)
  })

  it('reads a wide file long when the map says "layout": "long" (refused as before); --layout wide wins over the map', async () => {
    const t = await withSurvey()
    const long = writeFile(t.dir, 'long.json', JSON.stringify({ layout: 'long' }))
    const before = await dbState(t.db)
    const r = await t.run(['--no-input', 'survey', 'import', 'S', fixture, '--map', long])
    expect(r.code).toBe(3)
    expect(r.stderr).toMatch(/cannot tell which column to use/)
    expect(await dbState(t.db)).toEqual(before)
    expect((await t.ok(['--no-input', 'survey', 'import', 'S', fixture, '--map', long, '--layout', 'wide', '--json'])).json()).toMatchObject({ imported: 6 })
  })

  it.each([
    ['a "layout" that is none of the three', { layout: 'sideways' }, /the mapping file's "layout" is "sideways", not "auto", "long" or "wide"/],
    ['a "layout" that is not text', { layout: 2 }, /the mapping file's "layout" is 2, not/],
  ])('refuses a mapping file with %s: exit 3, nothing imported', async (_what, doc, message) => {
    const t = await withSurvey()
    const bad = writeFile(t.dir, 'bad.json', JSON.stringify(doc))
    const before = await dbState(t.db)
    for (const args of [['survey', 'map', fixture, '--map', bad], ['survey', 'import', 'S', fixture, '--map', bad]]) {
      const r = await t.run(args)
      expect(r.code, args.join(' ')).toBe(3)
      expect(r.stderr).toMatch(message)
    }
    expect(await dbState(t.db)).toEqual(before)
  })

  it.skipIf(BACKEND === 'postgres')('without a database (an SQLite file) describes the file long and says why; --layout wide then needs the database (exit 4); nothing is created', async () => {
    const t = cli()
    const r = await t.ok(['survey', 'map', fixture])
    expect(r.stderr).toMatch(/icm: no database at .*icm\.db: columns naming units are not recognised, so the file is described long/)
    expect(r.json().layout).toBeUndefined()
    expect((await t.ok(['survey', 'map', fixture, '--layout', 'long'])).stderr).toBe('')
    const wide = await t.run(['survey', 'map', fixture, '--layout', 'wide'])
    expect(wide.code).toBe(4)
    expect(fs.existsSync(t.db)).toBe(false)
  })
})
