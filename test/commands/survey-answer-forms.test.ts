import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { FIXTURES, dbState, queryRows, writeFile } from '../helpers/harness.js'
import { withSurvey } from '../helpers/scenarios.js'

const fixture = (name: string) => path.join(FIXTURES, 'surveys', name)

const HEADER = 'ID,Your department,Rated department,Overall satisfaction,Loyalty,Submission time'

describe('survey import: dates as written and answer forms', () => {
  it('imports US dates, stars, 5分, numbered labels and a 0–10 loyalty column, stating each conversion', async () => {
    const t = await withSurvey()
    const r = await t.ok(['survey', 'import', 'S', fixture('forms-us-dates.csv'), '--json'])
    const s = r.json()
    expect(s).toMatchObject({ read: 6, imported: 6, alreadyPresent: 0, rejected: 0 })
    expect(s.conversions).toEqual([
      "submitted_at (Submission time): dates read as month/day/year, since '4/18/2026 8:14 PM' has a second part over 12",
      'loyalty: 0–10 scale (values up to 10, and 0) read as 1 + 4 × v / 10, rounded',
      "stars ('★★★★☆') read as the number of filled stars (first in accuracy)",
      "scores with a unit ('5分') read as their number (first in timeliness)",
      "'5 - Very satisfied' read as its number (first in overall)",
      "numbered labels ('(5)非常满意') read as their number (first in timeliness)",
    ])
    const got = await queryRows(t.db, `select r.*, u.code as rated from survey_responses r join units u on u.id = r.rated_id order by r.line`)
    // line 2: ★★★★☆ → 4, 5分 → 5, '5 - Very satisfied' → 5, loyalty 9 of 10 → 1 + 3.6 = 4.6 → 5, 8:14 PM local (UTC+8) → 12:14Z
    expect(got[0]).toMatchObject({ response_id: '1', rated: 'IT', accuracy: 4, timeliness: 5, overall: 5, loyalty: 5, comment: 'Quick fixes', submitted_at: '2026-04-18T12:14:00.000Z' })
    // line 5: loyalty 0 → 1; 5/3/2026 is 3 May; 12:30 PM → 04:30Z
    expect(got[3]).toMatchObject({ rated: 'FIN', accuracy: 2, loyalty: 1, submitted_at: '2026-05-03T04:30:00.000Z' })
    // line 7: 12:05 AM is five past midnight, 2026-06-01 00:05 local
    expect(got[5]).toMatchObject({ loyalty: null, submitted_at: '2026-05-31T16:05:00.000Z' })
    const human = await t.run(['survey', 'import', 'S', fixture('forms-us-dates.csv'), '--show-mapping'])
    expect(human.stdout).toContain('conversion: loyalty: 0–10 scale')
  })

  it('refuses a date column whose dates are all ambiguous (exit 3, saying so), and reads it with --date-order or "date_order"', async () => {
    const t = await withSurvey()
    const file = writeFile(t.dir, 'dmy.csv', `${HEADER}\n1,HR,IT,4,,5/3/2026 9:03\n2,FIN,IT,5,,6/3/2026 10:00\n`)
    const before = await dbState(t.db)
    const r = await t.run(['survey', 'import', 'S', file])
    expect(r.code).toBe(3)
    expect(r.stderr).toBe(
      "icm: submitted_at (Submission time): every date in the column could be month/day or day/month ('5/3/2026 9:03' could be 3 May or 5 March) (say which with --date-order mdy (Microsoft Forms, Google Forms, US Excel) or --date-order dmy, or \"date_order\" in the --map file)\n",
    )
    expect(await dbState(t.db)).toEqual(before)
    const ok = await t.ok(['survey', 'import', 'S', file, '--date-order', 'dmy', '--json'])
    expect(ok.json().conversions).toEqual(['submitted_at (Submission time): dates read as day/month/year (given with --date-order)'])
    expect((await queryRows(t.db, 'select submitted_at from survey_responses order by line')).map((x) => x.submitted_at)).toEqual([
      '2026-03-05T01:03:00.000Z',
      '2026-03-06T02:00:00.000Z',
    ])
    const other = writeFile(t.dir, 'mdy.csv', `${HEADER}\n3,HR,IT,4,,5/3/2026 9:03\n`)
    const map = writeFile(t.dir, 'map.json', '{"date_order": "mdy"}')
    await t.ok(['survey', 'import', 'S', other, '--map', map])
    expect((await queryRows(t.db, "select submitted_at from survey_responses where response_id = '3'"))[0].submitted_at).toBe('2026-05-03T01:03:00.000Z')
  })

  it('refuses a 0–10 loyalty value above 10 (exit 3) and a bad --date-order (exit 2)', async () => {
    const t = await withSurvey()
    const file = writeFile(t.dir, 'l.csv', `${HEADER}\n1,HR,IT,4,9,2026-05-03 09:03\n2,FIN,IT,5,11,2026-05-03 09:03\n`)
    const r = await t.run(['survey', 'import', 'S', file])
    expect(r.code).toBe(3)
    expect(r.stderr).toContain('l.csv line 3: Loyalty: score 11 is out of range 0–10; nothing imported')
    expect((await t.run(['survey', 'import', 'S', file, '--date-order', 'ymd'])).code).toBe(2)
    const low = writeFile(t.dir, 'low.csv', `${HEADER}\n1,HR,IT,4,4,\n2,FIN,IT,5,3,\n`)
    const scaled = await t.ok(['survey', 'import', 'S', low, '--loyalty-scale', '10', '--json'])
    expect(scaled.json().imported).toBe(2)
    expect((await queryRows(t.db, 'select loyalty from survey_responses order by line')).map((x) => x.loyalty)).toEqual([3, 2]) // 4 → 2.6 → 3, 3 → 2.2 → 2
  })

  it('reads a loyalty question that says 0–10 on that scale even when no answer is over 5', async () => {
    const t = await withSurvey()
    // two files of one survey: the first happens to have answers over 5, the second does not; both are 0–10
    const high = writeFile(t.dir, 'a.csv', '序号,1、您的部门,2、评价的部门,3、总体满意度,4、您向同事推荐该部门的可能性（0-10分）\n1,HR,IT,4,9\n2,FIN,IT,5,10\n')
    const low = writeFile(t.dir, 'b.csv', '序号,1、您的部门,2、评价的部门,3、总体满意度,4、您向同事推荐该部门的可能性（0-10分）\n3,HR,IT,4,5\n4,FIN,IT,5,4\n')
    const r = (await t.ok(['survey', 'import', 'S', high, low, '--json'])).json()
    expect(r[1].conversions).toContain("loyalty: the question '4、您向同事推荐该部门的可能性（0-10分）' is on a 0–10 scale, read as 1 + 4 × v / 10, rounded")
    // 9 → 4.6 → 5, 10 → 5, 5 → 3, 4 → 2.6 → 3
    expect((await queryRows(t.db, 'select loyalty from survey_responses order by response_id')).map((x) => x.loyalty)).toEqual([5, 5, 3, 3])
  })
})
