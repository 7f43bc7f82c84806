import { describe, expect, it } from 'vitest'
import { ColumnProfiler, headerSaysZeroToTen } from '../../src/domain/surveys/file-reading.js'
import { UserError } from '../../src/domain/errors.js'

// columns: 0 rated_unit, 1 overall, 2 loyalty, 3 submitted_at
const columns = { rated_unit: 0, overall: 1, loyalty: 2, submitted_at: 3 }
function profile(rows: string[][]) {
  const p = new ColumnProfiler(columns)
  for (const r of rows) p.add(r)
  return p
}

describe('ColumnProfiler', () => {
  it('reads a loyalty column as 0–10 when its question says so, even if no answer is over 5', () => {
    const p = profile([['HR', '5', '5', ''], ['HR', '4', '4', '']])
    const r = p.reading({}, 'submitted_at', ['4、您向同事推荐该部门的可能性（0-10分）'])
    expect(r.loyaltyScale).toBe(10)
    expect(r.conversions).toEqual(["loyalty: the question '4、您向同事推荐该部门的可能性（0-10分）' is on a 0–10 scale, read as 1 + 4 × v / 10, rounded"])
    // what the user gives still decides
    expect(p.reading({ loyaltyScale: 5 }, 'submitted_at', ['推荐(0-10)']).loyaltyScale).toBe(5)
  })

  it.each([
    ['8、您有多大可能向同事推荐该部门的服务？(0-10分)', true],
    ['推荐意愿（0～10分）', true],
    ['推荐可能性 0到10', true],
    ['推荐可能性（０－１０）', true],
    ['How likely are you to recommend IT? (0 to 10)', true],
    ['Likelihood to recommend, 0–10', true],
    ['推荐可能性（0分-10分）', true],
    ['推荐可能性（0〜10）', true],
    ['推荐意愿（1-5分）', false],
    ['推荐意愿（0-100）', false],
    ['2010-2020 年度推荐', false],
    ['推荐(10-0)', false],
  ])('headerSaysZeroToTen(%j) is %j', (header, expected) => expect(headerSaysZeroToTen(header)).toBe(expected))

  it('reads a loyalty column with a value over 5 as 0–10, and says so', () => {
    const r = profile([['HR', '5', '9', ''], ['HR', '4', '0', '']]).reading({}, 'submitted_at')
    expect(r.loyaltyScale).toBe(10)
    expect(r.conversions).toEqual(['loyalty: 0–10 scale (values up to 9, and 0) read as 1 + 4 × v / 10, rounded'])
  })

  it('keeps 1–5 when every loyalty value is 5 or less, unless told', () => {
    const p = profile([['HR', '5', '4', '']])
    expect(p.reading({}, 'x').loyaltyScale).toBe(5)
    expect(p.reading({ loyaltyScale: 10 }, 'x').conversions).toEqual(['loyalty: 0–10 scale read as 1 + 4 × v / 10, rounded (given with --loyalty-scale)'])
  })

  it('decides the date order from a part over 12 and states it', () => {
    const r = profile([['HR', '5', '', '5/3/2026 9:03'], ['HR', '5', '', '5/13/2026 9:03']]).reading({}, "submitted_at ('Completion time')")
    expect(r.dateOrder).toBe('mdy')
    expect(r.conversions).toEqual(["submitted_at ('Completion time'): dates read as month/day/year, since '5/13/2026 9:03' has a second part over 12"])
  })

  it('refuses an all-ambiguous date column without an order (exit 3), and takes the order given', () => {
    const p = profile([['HR', '5', '', '5/3/2026 9:03']])
    expect(p.needsMore({})).toBe(true)
    expect(() => p.reading({}, 'submitted_at')).toThrow(UserError)
    expect(() => p.reading({}, 'submitted_at')).toThrow("submitted_at: every date in the column could be month/day or day/month ('5/3/2026 9:03' could be 3 May or 5 March)")
    expect(p.reading({ dateOrder: 'dmy', dateOrderFrom: 'the mapping file' }, 'submitted_at').conversions).toEqual([
      'submitted_at: dates read as day/month/year (given with the mapping file)',
    ])
  })

  it('lists the answer forms met', () => {
    const r = profile([['HR', '★★★★☆', '', ''], ['HR', '(5)非常满意', '', '']]).reading({}, 'x')
    expect(r.conversions).toEqual([
      "stars ('★★★★☆') read as the number of filled stars (first in overall)",
      "numbered labels ('(5)非常满意') read as their number (first in overall)",
    ])
  })
})
