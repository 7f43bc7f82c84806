import { describe, expect, it } from 'vitest'
import { parseDayType, weekdayName } from '../../src/domain/calendar/calendar-days.js'

describe('calendar days', () => {
  it.each([
    ['holiday', 'holiday'],
    [' Off ', 'holiday'],
    ['节假日', 'holiday'],
    ['放假', 'holiday'],
    ['workday', 'workday'],
    ['make-up', 'workday'],
    ['调休', 'workday'],
    ['上班', 'workday'],
  ])('reads the day type %j as %s', (text, type) => {
    expect(parseDayType(text)).toBe(type)
  })

  it('refuses another day type (exit 3)', () => {
    expect(() => parseDayType('weekend')).toThrow(expect.objectContaining({ exitCode: 3, message: "invalid day type 'weekend'" }))
  })

  it.each([
    ['2026-10-01', 'Thu'],
    ['2026-10-10', 'Sat'],
    ['2026-10-11', 'Sun'],
    ['2026-10-12', 'Mon'],
  ])('names the weekday of %s: %s', (date, name) => {
    expect(weekdayName(date)).toBe(name)
  })
})
