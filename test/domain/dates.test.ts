import { describe, expect, it } from 'vitest'
import { addDays, daysBetween, formatInstant, isoWeekday, parseDate, parseInstant } from '../../src/domain/calendar/dates.js'

// TZ is Asia/Shanghai (UTC+8) in vitest.config.ts.
describe('dates', () => {
  it.each([
    ['2026/3/20', '2026-03-20'],
    ['2026-3-20', '2026-03-20'],
    ['2026.3.5', '2026-03-05'],
    ['2026年3月20日', '2026-03-20'],
    ['２０２６－０３－２０', '2026-03-20'],
  ])('reads %j as people write it: %s (DESIGN.md §7)', (text, date) => {
    expect(parseDate(text)).toBe(date)
  })

  it.each(['2026-02-30', '2026-13-01', '2025-02-29', '2026-04-31', '2026/13/5', '2026年2月30日', 'tomorrow', ''])('refuses %j as a date', (text) => {
    expect(() => parseDate(text)).toThrow(/invalid date/)
  })

  it('accepts 29 February of a leap year', () => {
    expect(parseDate('2028-02-29')).toBe('2028-02-29')
  })

  it.each([
    ['2026-03-02', '2026-03-01T16:00:00.000Z'],
    ['2026-03-02T09:00', '2026-03-02T01:00:00.000Z'],
    ['2026-03-02 09:00:30', '2026-03-02T01:00:30.000Z'],
    ['2026-03-02T09:00:00Z', '2026-03-02T09:00:00.000Z'],
    ['2026-03-02T09:00:00+02:00', '2026-03-02T07:00:00.000Z'],
    ['2026-03-02T09:00:00.250-0130', '2026-03-02T10:30:00.250Z'],
  ])('reads %s as the instant %s', (text, iso) => {
    expect(parseInstant(text).toISOString()).toBe(iso)
  })

  it.each([
    ['2026/03/02 09:00', '2026-03-02T01:00:00.000Z'],
    ['2026-03-05 10：00', '2026-03-05T02:00:00.000Z'],
    ['2026年3月5日 下午3:05', '2026-03-05T07:05:00.000Z'],
  ])('reads the date-time %j as people write it', (text, iso) => {
    expect(parseInstant(text).toISOString()).toBe(iso)
  })

  it.each(['2026-02-30T09:00', '2026-03-02T24:00', '2026-03-02T09:60', '2026/03/02 9点99分', 'soon'])('refuses %j as a date-time', (text) => {
    expect(() => parseInstant(text)).toThrow(/invalid/)
  })

  it('prints instants in ISO 8601 with the local offset', () => {
    expect(formatInstant(new Date('2026-03-02T01:00:00Z'))).toBe('2026-03-02T09:00:00+08:00')
  })

  it('does calendar arithmetic across month and year ends', () => {
    expect(addDays('2026-12-30', 3)).toBe('2027-01-02')
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28')
    expect(daysBetween('2026-01-01', '2026-07-01')).toBe(181)
    expect(isoWeekday('2026-10-01')).toBe(4) // a Thursday
    expect(isoWeekday('2026-10-04')).toBe(7) // a Sunday
  })
})
