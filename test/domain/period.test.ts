import { describe, expect, it } from 'vitest'
import { parseInstant } from '../../src/domain/calendar/dates.js'
import { UserError } from '../../src/domain/errors.js'
import {
  halvesOf,
  parsePeriod,
  periodContainsDate,
  periodContainsInstant,
  periodEnd,
  periodStart,
  yearOf,
} from '../../src/domain/calendar/period.js'

// vitest pins TZ=Asia/Shanghai; instants below are local.

describe('parsePeriod', () => {
  it.each([
    ['2026-H1', '2026-H1', 'half', '2026-01-01', '2026-06-30'],
    ['2026-h2', '2026-H2', 'half', '2026-07-01', '2026-12-31'],
    ['2026-Q1', '2026-Q1', 'quarter', '2026-01-01', '2026-03-31'],
    ['2026-q2', '2026-Q2', 'quarter', '2026-04-01', '2026-06-30'],
    ['2026-Q3', '2026-Q3', 'quarter', '2026-07-01', '2026-09-30'],
    ['2026-Q4', '2026-Q4', 'quarter', '2026-10-01', '2026-12-31'],
    ['2026', '2026', 'year', '2026-01-01', '2026-12-31'],
    [' 2028-Q1 ', '2028-Q1', 'quarter', '2028-01-01', '2028-03-31'],
  ])('%j → %s, %s, %s … %s', (text, code, kind, startDate, endDate) => {
    const year = Number(code.slice(0, 4))
    expect(parsePeriod(text)).toEqual({ code, kind, year, startDate, endDate })
  })

  it.each([
    ['2026H1', '2026-H1'],
    ['2026上半年', '2026-H1'],
    ['2026年下半年', '2026-H2'],
    ['2026Q3', '2026-Q3'],
    ['2026年第三季度', '2026-Q3'],
    ['2026年', '2026'],
    ['２０２６－Ｈ１', '2026-H1'],
  ])('reads %j as people say it: %s (DESIGN.md §7)', (text, code) => {
    expect(parsePeriod(text).code).toBe(code)
  })

  it.each(['2026-H3', '26H1', '2026-Q5', '', '2026-1', '2026-H0', '2026-Q0', '2026H3', '2026-Y', 'H1-2026', '1899', '3000-H1'])(
    'refuses %j with a hint listing the accepted forms',
    (text) => {
      let error: unknown
      try {
        parsePeriod(text)
      } catch (e) {
        error = e
      }
      expect(error).toBeInstanceOf(UserError)
      expect((error as UserError).hint).toMatch(/2026-H1, 2026-H2, 2026-Q1 … 2026-Q4 or 2026 \(also 2026H1, 2026上半年/)
    },
  )
})

describe('periodStart and periodEnd', () => {
  it.each([
    ['2026-H1', '2026-01-01T00:00', '2026-07-01T00:00'],
    ['2026-H2', '2026-07-01T00:00', '2027-01-01T00:00'],
    ['2026-Q1', '2026-01-01T00:00', '2026-04-01T00:00'],
    ['2026', '2026-01-01T00:00', '2027-01-01T00:00'],
  ])('%s runs from local %s to %s (exclusive)', (code, start, end) => {
    const p = parsePeriod(code)
    expect(periodStart(p)).toEqual(parseInstant(start))
    expect(periodEnd(p)).toEqual(parseInstant(end))
  })
})

describe('periodContainsInstant', () => {
  it.each([
    ['2026-H1', '2026-01-01T00:00', true],
    ['2026-H1', '2026-06-30T23:59', true],
    ['2026-H1', '2026-06-30T23:59:59.999', true],
    ['2026-H1', '2026-07-01T00:00', false],
    ['2026-H2', '2026-07-01T00:00', true],
    ['2026-H2', '2026-06-30T23:59', false],
    ['2026-H2', '2026-12-31T23:59', true],
    ['2026-H2', '2027-01-01T00:00', false],
    ['2026-H1', '2025-12-31T23:59', false],
    ['2026-Q1', '2026-03-31T23:59', true],
    ['2026-Q2', '2026-03-31T23:59', false],
    ['2026-Q2', '2026-04-01T00:00', true],
    ['2026', '2026-12-31T23:59', true],
    ['2026', '2027-01-01T00:00', false],
    // 2026-06-30T16:30Z is 2026-07-01 00:30 in Shanghai: the local day decides
    ['2026-H1', '2026-06-30T16:30Z', false],
    ['2026-H2', '2026-06-30T16:30Z', true],
  ])('%s contains %s: %s', (code, instant, expected) => {
    expect(periodContainsInstant(parsePeriod(code), parseInstant(instant))).toBe(expected)
  })
})

describe('periodContainsDate', () => {
  it.each([
    ['2026-H1', '2026-01-01', true],
    ['2026-H1', '2026-06-30', true],
    ['2026-H1', '2026-07-01', false],
    ['2026-H2', '2026-07-01', true],
    ['2026-Q4', '2026-09-30', false],
    ['2026-Q4', '2026-12-31', true],
    ['2026', '2025-12-31', false],
    ['2026', '2026-02-28', true],
  ])('%s contains %s: %s', (code, date, expected) => {
    expect(periodContainsDate(parsePeriod(code), date)).toBe(expected)
  })
})

describe('halvesOf', () => {
  it('gives H1 and H2 of the year', () => {
    const [h1, h2] = halvesOf(2026)
    expect([h1.code, h1.startDate, h1.endDate]).toEqual(['2026-H1', '2026-01-01', '2026-06-30'])
    expect([h2.code, h2.startDate, h2.endDate]).toEqual(['2026-H2', '2026-07-01', '2026-12-31'])
  })

  it.each([1899, 3000, 2026.5])('refuses year %s', (year) => {
    expect(() => halvesOf(year)).toThrow(UserError)
  })
})

describe('yearOf', () => {
  it.each([
    ['2026', 2026],
    [' 1900 ', 1900],
    ['2999', 2999],
  ])('%j → %i', (text, year) => {
    expect(yearOf(text)).toBe(year)
  })

  it.each(['', '26', '1899', '3000', '2026-H1', '20266', 'abcd', '2026.0'])('refuses %j', (text) => {
    expect(() => yearOf(text)).toThrow(UserError)
  })
})
