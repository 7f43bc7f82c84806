import { describe, expect, it } from 'vitest'
import { parsePeriod } from '../../src/domain/calendar/period.js'
import { insertRecognition, listRecognitions } from '../../src/storage/recognitions-repo.js'
import { addUnits, bounds, repoStore } from '../helpers/repo-fixture.js'

const at = new Date('2026-07-01T02:00:00Z')

/** IT for 2026-H1 and 2026-Q3, 李娜 for 2026-H1, HR for the year 2026, IT for 2025-H2. */
async function withRecognitions() {
  const store = await repoStore()
  const u = await addUnits(store.db, ['IT', 'HR'])
  const add = (unit: string | null, person: string | null, period: string) =>
    store.write((trx) => insertRecognition(trx, { unitId: unit === null ? null : u[unit]!, person, period: parsePeriod(period), reason: `for ${period}`, createdAt: at }))
  await add('IT', null, '2026-H1')
  await add(null, '李娜', '2026-H1')
  await add('HR', null, '2026')
  await add('IT', null, '2026-Q3')
  await add('IT', null, '2025-H2')
  return { store, u }
}

describe('insertRecognition', () => {
  it('keeps a reward in cents, a large one exactly, and null without one', async () => {
    const store = await repoStore()
    const u = await addUnits(store.db, ['IT'])
    const a = await store.write((trx) => insertRecognition(trx, { unitId: u.IT!, person: null, period: bounds('2026-H1'), reason: 'r', rewardCents: 150050, createdAt: at }))
    const b = await store.write((trx) => insertRecognition(trx, { unitId: u.IT!, person: null, period: bounds('2026-H1'), reason: 'r', rewardCents: 123456789012, createdAt: at }))
    const c = await store.write((trx) => insertRecognition(trx, { unitId: u.IT!, person: null, period: bounds('2026-H1'), reason: 'r', createdAt: at }))
    expect([a.reward_cents, b.reward_cents, c.reward_cents]).toEqual([150050, 123456789012, null])
    expect((await listRecognitions(store.db)).map((r) => r.reward_cents)).toEqual([150050, 123456789012, null])
    await expect(store.write((trx) => insertRecognition(trx, { unitId: u.IT!, person: null, period: bounds('2026-H1'), reason: 'r', rewardCents: -1, createdAt: at }))).rejects.toThrow()
  })

  it('records a unit or a person for a period (RCG-0001 …) with the period days', async () => {
    const store = await repoStore()
    const u = await addUnits(store.db, ['IT'])
    const a = await store.write((trx) => insertRecognition(trx, { unitId: u.IT!, person: null, period: bounds('2026-H1'), reason: 'ERP 按期上线', createdAt: at }))
    const b = await store.write((trx) => insertRecognition(trx, { unitId: null, person: '李娜', period: parsePeriod('2026-q2'), reason: '协助月结', createdAt: at }))
    expect(a).toMatchObject({ code: 'RCG-0001', unit_id: u.IT, person: null, period: '2026-H1', period_start: '2026-01-01', period_end: '2026-06-30', reason: 'ERP 按期上线', created_at: '2026-07-01T02:00:00.000Z' })
    expect(b).toMatchObject({ code: 'RCG-0002', unit_id: null, person: '李娜', period: '2026-Q2', period_start: '2026-04-01', period_end: '2026-06-30' })
  })
})

describe('listRecognitions', () => {
  it.each([
    ['everything, by period start then code', undefined, ['2025-H2', '2026-H1', '2026-H1', '2026', '2026-Q3']],
    ['a year: its halves and quarters too', '2026', ['2026-H1', '2026-H1', '2026', '2026-Q3']],
    ['a half: not the year it is in', '2026-H2', ['2026-Q3']],
  ])('%s', async (_what, period, periods) => {
    const { store } = await withRecognitions()
    const rows = await listRecognitions(store.db, period === undefined ? {} : { period: bounds(period) })
    expect(rows.map((r) => r.period)).toEqual(periods)
  })

  it("keeps to one unit's recognitions", async () => {
    const { store, u } = await withRecognitions()
    expect((await listRecognitions(store.db, { unitId: u.IT, period: bounds('2026') })).map((r) => r.period)).toEqual(['2026-H1', '2026-Q3'])
  })

  it('still takes the days of a period as from and to (assess annual passes its year so)', async () => {
    const { store } = await withRecognitions()
    expect((await listRecognitions(store.db, { from: '2026-01-01', to: '2026-12-31' })).map((r) => r.period)).toEqual(['2026-H1', '2026-H1', '2026', '2026-Q3'])
  })
})
