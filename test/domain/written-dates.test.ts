import { describe, expect, it } from 'vitest'
import { DateOrderDetector, excelSerialToDate, parseWrittenDateTime, yearLastParts } from '../../src/domain/surveys/written-dates.js'
import { createSubmittedAtReader } from '../../src/domain/surveys/survey-row.js'

// TZ is Asia/Shanghai (UTC+8) in every test: 9:03 local is 01:03Z.
describe('parseWrittenDateTime', () => {
  it.each([
    ['5/3/2026 9:03:10', 'mdy', '2026-05-03T01:03:10.000Z'], // Microsoft Forms: 3 May
    ['5/3/2026 9:03:10', 'dmy', '2026-03-05T01:03:10.000Z'], // 5 March
    ['5/13/2026 9:03', undefined, '2026-05-13T01:03:00.000Z'], // second part over 12: month first
    ['13/5/2026 9:03', undefined, '2026-05-13T01:03:00.000Z'], // first part over 12: day first
    ['05.03.2026', 'dmy', '2026-03-04T16:00:00.000Z'],
    ['4/18/2026 8:14 PM', 'mdy', '2026-04-18T12:14:00.000Z'],
    ['4/18/2026 12:05 AM', 'mdy', '2026-04-17T16:05:00.000Z'], // 00:05
    ['4/18/2026 12:05 pm', 'mdy', '2026-04-18T04:05:00.000Z'], // 12:05
    ['4/18/2026 9:05 a.m.', 'mdy', '2026-04-18T01:05:00.000Z'],
    ['2026年4月18日 20:14', undefined, '2026-04-18T12:14:00.000Z'],
    ['2026年4月18日 下午3:05', undefined, '2026-04-18T07:05:00.000Z'],
    ['2026年4月18日下午3:05', undefined, '2026-04-18T07:05:00.000Z'],
    ['2026/4/18 上午9:05:30', undefined, '2026-04-18T01:05:30.000Z'],
    ['2026/4/18 上午12:30', undefined, '2026-04-17T16:30:00.000Z'], // 00:30
    ['2026/4/18 3:05 下午', undefined, '2026-04-18T07:05:00.000Z'],
    ['2026/4/18 中午12:10', undefined, '2026-04-18T04:10:00.000Z'],
    ['46130', undefined, '2026-04-17T16:00:00.000Z'], // Excel serial: 2026-04-18 00:00 local
    ['46130.5', undefined, '2026-04-18T04:00:00.000Z'], // 12:00 local
    ['46130.84306', undefined, '2026-04-18T12:14:00.000Z'], // 0.84306 × 86400 = 72840.4 s → 20:14:00
  ] as const)('%j (%s) → %s', (text, order, iso) => {
    expect(parseWrittenDateTime(text, order)?.toISOString()).toBe(iso)
  })

  it.each([
    ['5/3/2026 9:03', undefined], // ambiguous without an order
    ['13/5/2026', 'mdy'], // month 13
    ['2/30/2026', 'mdy'],
    ['4/18/2026 13:05 AM', 'mdy'],
    ['4/18/2026 0:05 PM', 'mdy'],
    ['4/18/2026 9:60', 'mdy'],
    ['123', undefined],
    ['19999', undefined], // too small for a serial
    ['yesterday', undefined],
  ] as const)('%j (%s) is not a date-time', (text, order) => {
    expect(parseWrittenDateTime(text, order)).toBeUndefined()
  })

  it('counts Excel serials from 1899-12-30', () => {
    expect(excelSerialToDate(45658)?.toISOString()).toBe('2024-12-31T16:00:00.000Z') // 2025-01-01 local
  })

  it('reads year-last parts', () => {
    expect(yearLastParts('5/13/2026 9:03')).toEqual([5, 13])
    expect(yearLastParts('2026/5/13')).toBeUndefined()
  })

  it('is what the import parser falls back to, after the year-first forms', () => {
    const read = createSubmittedAtReader('mdy')
    expect(read('5/3/2026 9:03:10')).toBe('2026-05-03T01:03:10.000Z')
    expect(read('2026-05-03 09:03:10')).toBe('2026-05-03T01:03:10.000Z')
    expect(createSubmittedAtReader()('5/3/2026 9:03:10')).toBeUndefined()
  })
})

describe('DateOrderDetector', () => {
  const decide = (...values: string[]) => {
    const d = new DateOrderDetector()
    for (const v of values) d.add(v)
    return d.decision()
  }
  it('decides the whole column from one part over 12', () => {
    expect(decide('5/3/2026 9:03', '5/13/2026 10:00', '6/1/2026')).toEqual({ kind: 'decided', order: 'mdy', example: '5/13/2026 10:00' })
    expect(decide('5/3/2026', '25/3/2026')).toEqual({ kind: 'decided', order: 'dmy', example: '25/3/2026' })
  })
  it('says when every date is ambiguous, when none has the year last, and when two contradict', () => {
    expect(decide('5/3/2026', '1/2/2026')).toEqual({ kind: 'ambiguous', example: '5/3/2026' })
    expect(decide('2026/5/3', '')).toEqual({ kind: 'none' })
    expect(decide('5/13/2026', '13/5/2026')).toEqual({ kind: 'conflict', mdy: '5/13/2026', dmy: '13/5/2026' })
  })
})
