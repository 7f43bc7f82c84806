import { describe, expect, it } from 'vitest'
import { isWorkingDay } from '../../src/domain/calendar/business-time.js'
import { boundsOf, parsePeriod } from '../../src/domain/calendar/period.js'
import { listCalendarDays, loadSchedule, upsertCalendarDay } from '../../src/storage/calendar-repo.js'
import { AT, BACKEND, freshStore } from '../helpers/stores.js'
import { setConfigValue } from '../../src/storage/config-repo.js'

describe(`calendar-repo (${BACKEND})`, () => {
  it('adds a day, or changes the one on that date and returns what it was', async () => {
    const store = await freshStore()
    expect(await store.write((trx) => upsertCalendarDay(trx, { date: '2026-10-01', type: 'holiday', name: '国庆节' }))).toBeUndefined()
    expect(await store.write((trx) => upsertCalendarDay(trx, { date: '2026-10-01', type: 'workday', name: null }))).toEqual({ date: '2026-10-01', type: 'holiday', name: '国庆节' })
    expect(await listCalendarDays(store.db)).toEqual([{ date: '2026-10-01', type: 'workday', name: null }])
  })

  it('lists every day in date order, or the days of a period (both ends inclusive)', async () => {
    const store = await freshStore()
    await store.write(async (trx) => {
      for (const date of ['2027-01-01', '2026-12-31', '2026-01-01', '2025-12-31', '2026-06-30', '2026-07-01']) await upsertCalendarDay(trx, { date, type: 'holiday', name: null })
    })
    expect((await listCalendarDays(store.db)).map((d) => d.date)).toEqual(['2025-12-31', '2026-01-01', '2026-06-30', '2026-07-01', '2026-12-31', '2027-01-01'])
    expect((await listCalendarDays(store.db, boundsOf(parsePeriod('2026')))).map((d) => d.date)).toEqual(['2026-01-01', '2026-06-30', '2026-07-01', '2026-12-31'])
    expect((await listCalendarDays(store.db, boundsOf(parsePeriod('2026-H1')))).map((d) => d.date)).toEqual(['2026-01-01', '2026-06-30'])
  })

  it('makes the business calendar of config and calendar days: Thu 2026-10-01 off, Sat 2026-10-10 on', async () => {
    const store = await freshStore()
    await store.write(async (trx) => {
      await upsertCalendarDay(trx, { date: '2026-10-01', type: 'holiday', name: '国庆节' })
      await upsertCalendarDay(trx, { date: '2026-10-10', type: 'workday', name: '国庆调休' })
    })
    const schedule = await loadSchedule(store.db)
    expect([isWorkingDay(schedule, '2026-10-01'), isWorkingDay(schedule, '2026-10-10'), isWorkingDay(schedule, '2026-10-11'), isWorkingDay(schedule, '2026-10-12')]).toEqual([false, true, false, true])
    // work days from config: Monday to Saturday makes Sat 2026-10-17 a working day
    await store.write((trx) => setConfigValue(trx, 'sla.work_days', '1-6', AT))
    expect(isWorkingDay(await loadSchedule(store.db), '2026-10-17')).toBe(true)
  })
})
