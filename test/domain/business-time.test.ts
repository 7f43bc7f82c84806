import { describe, expect, it } from 'vitest'
import {
  addBusinessDays,
  addBusinessHours,
  addBusinessMinutes,
  businessMinutesBetween,
  isWorkingDay,
  isWorkingTime,
  nextWorkingMoment,
  parseWorkDays,
  parseWorkHours,
  scheduleOf,
  type WorkSchedule,
} from '../../src/domain/calendar/business-time.js'
import { isoWeekday, localDate, parseInstant } from '../../src/domain/calendar/dates.js'
import { UserError } from '../../src/domain/errors.js'

// vitest pins TZ=Asia/Shanghai; all times below are local.
// The 2026 National Day holiday: Thu 2026-10-01 … Wed 2026-10-07 off, make-up workdays Sun
// 2026-09-20 and Sat 2026-10-10. Outside those dates, Mon–Fri 09:00–18:00 (9 h a day).
const nationalDay = scheduleOf('09:00-18:00', '1-5', [
  ...['01', '02', '03', '04', '05', '06', '07'].map((d) => ({ date: `2026-10-${d}`, type: 'holiday' as const })),
  { date: '2026-09-20', type: 'workday' },
  { date: '2026-10-10', type: 'workday' },
])
const plain = scheduleOf('09:00-18:00', '1-5', [])

const WEEKDAYS = ['', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun']

/** 'Wed 2026-09-30 17:00' → the local instant; the weekday is checked so the tables stay honest. */
function at(text: string): Date {
  const [wd, date, time] = text.split(' ') as [string, string, string]
  expect(WEEKDAYS[isoWeekday(date)], `weekday of ${date}`).toBe(wd)
  return parseInstant(`${date}T${time}`)
}

/** The instant as 'Thu 2026-10-08 16:00' (seconds shown only when not zero). */
function show(t: Date): string {
  const date = localDate(t)
  const hm = `${String(t.getHours()).padStart(2, '0')}:${String(t.getMinutes()).padStart(2, '0')}`
  const sec = t.getSeconds() === 0 ? '' : `:${String(t.getSeconds()).padStart(2, '0')}`
  return `${WEEKDAYS[isoWeekday(date)]} ${date} ${hm}${sec}`
}

describe('parseWorkHours', () => {
  it.each([
    ['09:00-18:00', 540, 1080],
    ['9:30-17:45', 570, 1065],
    [' 08:00 - 12:00 ', 480, 720],
    ['00:00-24:00', 0, 1440],
  ])('%s → %i … %i', (text, startMinute, endMinute) => {
    expect(parseWorkHours(text)).toEqual({ startMinute, endMinute })
  })

  it.each(['', '09:00', '9-18', '09:00-18', '0900-1800', '25:00-26:00', '09:60-18:00', '09:00-24:30', '18:00-09:00', '09:00-09:00'])(
    'refuses %j with a hint',
    (text) => {
      expect(() => parseWorkHours(text)).toThrow(UserError)
      try {
        parseWorkHours(text)
      } catch (e) {
        expect((e as UserError).hint).toMatch(/09:00-18:00/)
      }
    },
  )
})

describe('parseWorkDays', () => {
  it.each([
    ['1-5', [1, 2, 3, 4, 5]],
    ['1,2,3,4,5', [1, 2, 3, 4, 5]],
    ['1-5,7', [1, 2, 3, 4, 5, 7]],
    ['6', [6]],
    [' 1 - 3 , 5 ', [1, 2, 3, 5]],
    ['1-7', [1, 2, 3, 4, 5, 6, 7]],
  ])('%j → %j', (text, days) => {
    expect([...parseWorkDays(text)].sort()).toEqual(days)
  })

  it.each(['', ' ', '0', '8', '1-8', '0-5', '5-1', 'mon', '1,,2', '1-', '1-5;7'])('refuses %j', (text) => {
    expect(() => parseWorkDays(text)).toThrow(UserError)
  })
})

describe('isWorkingDay', () => {
  it.each([
    ['Mon 2026-09-28', true],
    ['Sat 2026-09-19', false], // an ordinary Saturday
    ['Sun 2026-09-20', true], // make-up workday
    ['Thu 2026-10-01', false], // National Day
    ['Wed 2026-10-07', false], // last day of the holiday
    ['Thu 2026-10-08', true],
    ['Sat 2026-10-10', true], // make-up workday
    ['Sun 2026-10-11', false],
  ])('%s → %s', (text, expected) => {
    const [wd, date] = text.split(' ') as [string, string]
    expect(WEEKDAYS[isoWeekday(date)]).toBe(wd)
    expect(isWorkingDay(nationalDay, date)).toBe(expected)
  })
})

describe('isWorkingTime', () => {
  it.each([
    ['Mon 2026-03-02 09:00', true], // start is in
    ['Mon 2026-03-02 08:59:59', false],
    ['Mon 2026-03-02 17:59:59', true],
    ['Mon 2026-03-02 18:00', false], // end is out
    ['Sat 2026-03-07 10:00', false],
    ['Thu 2026-10-01 10:00', false], // holiday on a Thursday
    ['Sun 2026-09-20 10:00', true], // make-up Sunday
    ['Sat 2026-10-10 09:00', true], // make-up Saturday
  ])('%s → %s', (text, expected) => {
    expect(isWorkingTime(nationalDay, at(text))).toBe(expected)
  })
})

describe('nextWorkingMoment', () => {
  it.each([
    ['Mon 2026-03-02 08:00', 'Mon 2026-03-02 09:00'],
    ['Mon 2026-03-02 18:00', 'Tue 2026-03-03 09:00'],
    ['Fri 2026-03-06 20:00', 'Mon 2026-03-09 09:00'],
    ['Sat 2026-09-19 10:00', 'Sun 2026-09-20 09:00'], // normal Saturday, make-up Sunday
    ['Wed 2026-09-30 18:00', 'Thu 2026-10-08 09:00'], // over the whole holiday
    ['Sat 2026-10-03 12:00', 'Thu 2026-10-08 09:00'],
  ])('%s → %s', (from, expected) => {
    expect(show(nextWorkingMoment(nationalDay, at(from)))).toBe(expected)
  })

  it('returns t itself in working time', () => {
    const t = at('Mon 2026-03-02 10:15')
    expect(nextWorkingMoment(nationalDay, t)).toBe(t)
  })
})

describe('addBusinessHours', () => {
  it.each([
    ['Mon 2026-03-02 10:00', 1, 'Mon 2026-03-02 11:00'],
    ['Mon 2026-03-02 10:00', 8, 'Mon 2026-03-02 18:00'], // ends exactly at the end of the day
    ['Mon 2026-03-02 09:00', 9, 'Mon 2026-03-02 18:00'],
    ['Mon 2026-03-02 10:00', 9, 'Tue 2026-03-03 10:00'],
    ['Mon 2026-03-02 07:00', 2, 'Mon 2026-03-02 11:00'], // clock starts at 09:00
    ['Fri 2026-03-06 20:00', 8, 'Mon 2026-03-09 17:00'], // logged after hours on Friday
    ['Fri 2026-03-06 16:00', 3, 'Mon 2026-03-09 10:00'], // 2 h Fri + 1 h Mon
    ['Mon 2026-03-02 10:00:30', 1, 'Mon 2026-03-02 11:00:30'], // seconds are kept
    ['Mon 2026-03-02 10:00', 1.5, 'Mon 2026-03-02 11:30'],
    // National Day
    ['Wed 2026-09-30 17:00', 8, 'Thu 2026-10-08 16:00'], // 1 h Wed + 7 h Thu after the holiday
    ['Fri 2026-10-09 15:00', 8, 'Sat 2026-10-10 14:00'], // 3 h Fri + 5 h on the make-up Saturday
    ['Sat 2026-09-19 10:00', 8, 'Sun 2026-09-20 17:00'], // normal Saturday → make-up Sunday 09:00
    ['Thu 2026-10-01 10:00', 1, 'Thu 2026-10-08 10:00'], // logged during the holiday
    ['Sat 2026-10-10 17:00', 2, 'Mon 2026-10-12 10:00'], // 1 h make-up Sat, Sun off, 1 h Mon
    ['Fri 2026-09-18 17:00', 2, 'Sun 2026-09-20 10:00'], // Sat off, Sun make-up
  ])('%s + %s h → %s', (from, hours, expected) => {
    expect(show(addBusinessHours(nationalDay, at(from), hours))).toBe(expected)
  })

  it.each([
    ['Mon 2026-03-02 10:00', -2, 'Fri 2026-02-27 17:00'], // 1 h Mon, 1 h back from Friday's end
    ['Mon 2026-03-02 18:00', -9, 'Mon 2026-03-02 09:00'], // back to exactly the start of the day
    ['Sat 2026-03-07 12:00', -1, 'Fri 2026-03-06 17:00'], // clock starts at Friday's end
    ['Thu 2026-10-08 10:00', -2, 'Wed 2026-09-30 17:00'], // back over the holiday
  ])('%s + (%s) h counts back → %s', (from, hours, expected) => {
    expect(show(addBusinessHours(nationalDay, at(from), hours))).toBe(expected)
  })

  it('adding 0 returns t unchanged, even outside working time', () => {
    const t = at('Sat 2026-03-07 03:00')
    expect(addBusinessHours(nationalDay, t, 0)).toEqual(t)
  })
})

describe('addBusinessMinutes', () => {
  it.each([
    ['Mon 2026-03-02 17:59:30', 1, 'Tue 2026-03-03 09:00:30'], // 30 s today, 30 s tomorrow
    ['Mon 2026-03-02 17:59', 1, 'Mon 2026-03-02 18:00'],
    ['Mon 2026-03-02 17:59', 2, 'Tue 2026-03-03 09:01'],
  ])('%s + %i min → %s', (from, minutes, expected) => {
    expect(show(addBusinessMinutes(nationalDay, at(from), minutes))).toBe(expected)
  })
})

describe('addBusinessDays', () => {
  it.each([
    ['Mon 2026-03-02 09:00', 5, 'Fri 2026-03-06 18:00'], // a working week, 5 × 9 h
    ['Mon 2026-03-02 10:00', 1, 'Tue 2026-03-03 10:00'],
    ['Fri 2026-09-25 12:00', 1, 'Mon 2026-09-28 12:00'], // 6 h Fri, weekend off, 3 h Mon
    ['Fri 2026-09-18 12:00', 1, 'Sun 2026-09-20 12:00'], // 6 h Fri, 3 h on the make-up Sunday
    ['Wed 2026-09-30 09:00', 2, 'Thu 2026-10-08 18:00'], // Wed, holiday, Thu
    ['Mon 2026-09-28 09:00', 5, 'Fri 2026-10-09 18:00'], // Mon Tue Wed, holiday, Thu Fri
  ])('%s + %i days → %s', (from, days, expected) => {
    expect(show(addBusinessDays(nationalDay, at(from), days))).toBe(expected)
  })

  it('steps a day at a time: 250 working days (50 weeks) at once', () => {
    // Mon 2026-03-02 + 49 weeks + 4 days = Fri 2027-02-12
    const started = performance.now()
    expect(show(addBusinessDays(plain, at('Mon 2026-03-02 09:00'), 250))).toBe('Fri 2027-02-12 18:00')
    expect(performance.now() - started).toBeLessThan(200)
  })
})

describe('businessMinutesBetween', () => {
  it.each([
    ['Mon 2026-03-02 10:00', 'Mon 2026-03-02 11:30', 90],
    ['Mon 2026-03-02 10:00', 'Mon 2026-03-02 10:00', 0],
    ['Mon 2026-03-02 00:00', 'Tue 2026-03-03 00:00', 540], // one full working day
    ['Fri 2026-03-06 17:00', 'Mon 2026-03-09 10:00', 120], // 1 h Fri + 1 h Mon across the weekend
    ['Sat 2026-03-07 08:00', 'Sun 2026-03-08 20:00', 0],
    ['Mon 2026-03-02 10:00:30', 'Mon 2026-03-02 11:00', 59.5],
    // National Day
    ['Wed 2026-09-30 17:00', 'Thu 2026-10-08 10:00', 120], // 1 h Wed + 1 h Thu across the holiday
    ['Thu 2026-10-01 09:00', 'Wed 2026-10-07 18:00', 0], // the holiday itself
    ['Sat 2026-09-19 00:00', 'Mon 2026-09-21 00:00', 540], // only the make-up Sunday
    ['Mon 2026-09-28 00:00', 'Mon 2026-10-12 00:00', 6 * 540], // Mon Tue Wed, Thu Fri Sat after
    // negative spans: −(b → a)
    ['Mon 2026-03-09 10:00', 'Fri 2026-03-06 17:00', -120],
    ['Thu 2026-10-08 10:00', 'Wed 2026-09-30 17:00', -120],
  ])('%s → %s = %s min', (a, b, expected) => {
    expect(businessMinutesBetween(nationalDay, at(a), at(b))).toBe(expected)
  })

  it('undoes addBusinessMinutes from a working moment', () => {
    const t = at('Wed 2026-09-30 11:20')
    for (const minutes of [1, 59, 540, 541, 5 * 540 + 7]) {
      expect(businessMinutesBetween(nationalDay, t, addBusinessMinutes(nationalDay, t, minutes))).toBe(minutes)
    }
  })
})

describe('a schedule with no working day', () => {
  const never: WorkSchedule = {
    startMinute: 540,
    endMinute: 1080,
    workDays: new Set(),
    holidays: new Set(),
    makeUpDays: new Set(),
  }

  it.each([
    ['nextWorkingMoment', () => nextWorkingMoment(never, at('Mon 2026-03-02 10:00'))],
    ['addBusinessHours', () => addBusinessHours(never, at('Mon 2026-03-02 10:00'), 8)],
    ['addBusinessHours back', () => addBusinessHours(never, at('Mon 2026-03-02 10:00'), -8)],
    ['addBusinessDays', () => addBusinessDays(never, at('Mon 2026-03-02 10:00'), 5)],
  ])('%s throws a UserError instead of looping', (_name, call) => {
    expect(call).toThrow(UserError)
  })

  it('still finds a lone make-up day', () => {
    const once: WorkSchedule = { ...never, makeUpDays: new Set(['2026-06-01']) }
    expect(show(addBusinessHours(once, at('Mon 2026-03-02 10:00'), 2))).toBe('Mon 2026-06-01 11:00')
  })
})
