import { describe, expect, it } from 'vitest'
import { canonicalDateTime, canonicalPeriod, normaliseInput } from '../../src/domain/calendar/written-forms.js'

describe('normaliseInput', () => {
  it.each([
    ['８８', '88'],
    ['ＨＲ', 'HR'],
    ['  行政部，财务部 ', '行政部,财务部'],
    ['10：00', '10:00'],
  ])('%j → %j', (text, expected) => expect(normaliseInput(text)).toBe(expected))
})

describe('canonicalDateTime: dates and times as people write them', () => {
  it.each([
    ['2026-03-05', '2026-03-05'],
    ['2026/3/20', '2026-03-20'],
    ['2026-3-20', '2026-03-20'],
    ['2026.3.5', '2026-03-05'],
    ['2026年3月20日', '2026-03-20'],
    ['2026年3月20号', '2026-03-20'],
    ['２０２６年３月５日', '2026-03-05'],
    ['2026-03-05 10：00', '2026-03-05T10:00'],
    ['2026/4/25 9:03:10', '2026-04-25T09:03:10'],
    ['2026-03-05T10:00', '2026-03-05T10:00'],
    ['2026-03-05T10:00+08:00', '2026-03-05T10:00+08:00'],
    ['2026年4月18日 20:14', '2026-04-18T20:14'],
    ['2026年4月18日 下午3:05', '2026-04-18T15:05'],
    ['2026年4月18日 上午12:30', '2026-04-18T00:30'],
    ['2026-04-18 3:05 PM', '2026-04-18T15:05'],
    ['2026-04-18 12:00 PM', '2026-04-18T12:00'],
    ['2026-04-18 12:15 AM', '2026-04-18T00:15'],
    ['2026年4月18日 14点30分', '2026-04-18T14:30'],
    ['2026年4月18日 9点', '2026-04-18T09:00'],
  ])('%j → %j', (text, expected) => expect(canonicalDateTime(text)).toBe(expected))

  it.each([['next monday'], ['2026/13/5x'], ['5/3/2026'], ['2026-04-18 下午15:00'], ['2026-04-18 13:00 PM']])('leaves %j for the strict parser to refuse', (text) => {
    expect(canonicalDateTime(text)).toBe(text)
  })

  it('does not check that the day exists (the strict parser does)', () => {
    expect(canonicalDateTime('2026年2月30日')).toBe('2026-02-30')
    expect(canonicalDateTime('2026/13/5')).toBe('2026-13-05')
  })
})

describe('canonicalPeriod: periods as people say them', () => {
  it.each([
    ['2026-H1', '2026-H1'],
    ['2026H1', '2026-H1'],
    ['2026h2', '2026-H2'],
    ['2026 H1', '2026-H1'],
    ['2026上半年', '2026-H1'],
    ['2026年下半年', '2026-H2'],
    ['2026年上半年度', '2026-H1'],
    ['2026Q3', '2026-Q3'],
    ['2026-q4', '2026-Q4'],
    ['2026年第三季度', '2026-Q3'],
    ['2026年第1季度', '2026-Q1'],
    ['2026年2季度', '2026-Q2'],
    ['2026年', '2026'],
    ['2026年度', '2026'],
    ['２０２６Ｈ１', '2026-H1'],
    ['2026', '2026'],
    ['2026年1-6月', '2026-H1'],
    ['2026年1月-6月', '2026-H1'],
    ['2026年7月至12月', '2026-H2'],
    ['2026年7～12月', '2026-H2'],
    ['2026年 10-12 月份', '2026-Q4'],
    ['2026年4月到6月', '2026-Q2'],
    ['2026年01-03月', '2026-Q1'],
    ['2026年1-12月', '2026'],
    ['2026年7〜9月', '2026-Q3'],
  ])('%j → %j', (text, expected) => expect(canonicalPeriod(text)).toBe(expected))

  it.each([['2026H3', '2026-H3'], ['2026年第五季度', '2026年第五季度'], ['H1 2026', 'H1 2026'], ['2026年2-5月', '2026年2-5月'], ['2026年6-1月', '2026年6-1月']])('%j stays %j for the strict parser to refuse', (text, expected) => {
    expect(canonicalPeriod(text)).toBe(expected)
  })
})
