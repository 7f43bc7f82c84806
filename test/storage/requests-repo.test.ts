import { describe, expect, it } from 'vitest'
import { scheduleOf } from '../../src/domain/calendar/business-time.js'
import { boundsOf, parsePeriod } from '../../src/domain/calendar/period.js'
import type { Request } from '../../src/domain/requests/request.js'
import { openRequest, respondToRequest } from '../../src/domain/requests/request-steps.js'
import { coUnitsOf, findRequestByCode, insertRequest, listOverdueCandidates, listRequests, saveRequest, setCoUnits } from '../../src/storage/requests-repo.js'
import { BACKEND } from '../helpers/harness.js'
import { storeWithUnits } from '../helpers/repo-store.js'

const s = scheduleOf('09:00-18:00', '1-5', [])
const t = (local: string) => new Date(`${local}:00+08:00`)

/** Three requests: SALES→IT logged Mon 03-02 10:00, HR→IT Tue 03-03 10:00, SALES→FIN Wed 07-01 10:00 (8 h to respond). */
async function withRequests() {
  const { store, unit } = await storeWithUnits()
  const log = (from: string, to: string, at: string, title: string) =>
    store.write((trx) =>
      insertRequest(trx, openRequest({ customerId: unit(from), providerId: unit(to), serviceId: null, channel: 'online', title, description: null, neededBy: null }, t(at), 8, s, t(at))),
    )
  const a = await log('SALES', 'IT', '2026-03-02T10:00', 'A')
  const b = await log('HR', 'IT', '2026-03-03T10:00', 'B')
  const c = await log('SALES', 'FIN', '2026-07-01T10:00', 'C')
  return { store, unit, a, b, c }
}

describe(`requests-repo (${BACKEND})`, () => {
  it('numbers new requests REQ-0001, REQ-0002 … and gives back what it stored', async () => {
    const { store, a, b } = await withRequests()
    expect([a.code, b.code]).toEqual(['REQ-0001', 'REQ-0002'])
    expect(a).toMatchObject({ status: 'new', title: 'A', loggedAt: t('2026-03-02T10:00').toISOString(), responseDue: t('2026-03-02T18:00').toISOString(), responseOnTime: null, pausedMinutes: 0 })
    expect(await findRequestByCode(store.db, ' req-0001 ')).toEqual(a)
    expect(await findRequestByCode(store.db, 'REQ-0099')).toBeUndefined()
  })

  it('saves every field of a request and reads the booleans back as booleans', async () => {
    const { store, a } = await withRequests()
    const accepted = respondToRequest(a, { accept: true, expected: '2026-03-09', resolutionDays: 5, schedule: s }, t('2026-03-02T17:00'), t('2026-03-02T17:01'), s).request
    const changed: Request = { ...accepted, description: 'd', neededBy: '2026-03-20', pausedMinutes: 90.5, waitingReason: 'w', satisfaction: 4 }
    expect(await store.write((trx) => saveRequest(trx, changed))).toEqual(changed)
    expect(await findRequestByCode(store.db, a.code)).toEqual(changed)
    const late = { ...changed, responseOnTime: false }
    await store.write((trx) => saveRequest(trx, late))
    expect((await findRequestByCode(store.db, a.code))!.responseOnTime).toBe(false)
  })

  it('replaces the co-responsible units and lists them per request, by unit id', async () => {
    const { store, unit, a, b } = await withRequests()
    await store.write(async (trx) => {
      await setCoUnits(trx, a.id, [unit('HR'), unit('FIN')])
      await setCoUnits(trx, b.id, [unit('FIN')])
      await setCoUnits(trx, b.id, [])
    })
    const co = await coUnitsOf(store.db, [a.id, b.id])
    expect(co.get(a.id)).toEqual([unit('HR'), unit('FIN')].sort((x, y) => x - y))
    expect(co.get(b.id)).toBeUndefined()
  })

  it('filters by status, customer, unit (provider or co-responsible) and the period the response was due in, oldest first', async () => {
    const { store, unit, a, b, c } = await withRequests()
    await store.write((trx) => setCoUnits(trx, c.id, [unit('IT')]))
    const codes = async (f: Parameters<typeof listRequests>[1]) => (await listRequests(store.db, f)).map((r) => r.code)
    expect(await codes({})).toEqual([a.code, b.code, c.code])
    expect(await codes({ customerId: unit('SALES') })).toEqual([a.code, c.code])
    expect(await codes({ unitId: unit('IT') })).toEqual([a.code, b.code, c.code])
    expect(await codes({ unitId: unit('FIN') })).toEqual([c.code])
    expect(await codes({ statuses: ['accepted'] })).toEqual([])
    expect(await codes({ responseDueIn: boundsOf(parsePeriod('2026-H1')) })).toEqual([a.code, b.code])
    expect(await codes({ responseDueIn: boundsOf(parsePeriod('2026-Q3')) })).toEqual([c.code])
    expect(await codes({ limit: 1 })).toEqual([a.code])
  })

  it('finds the candidates overdue at an instant: unanswered past the response due time (the domain decides the rest)', async () => {
    const { store, unit, a, b } = await withRequests()
    // Tue 03-03 12:00: A (due Mon 18:00) is late, B (due Tue 18:00) is not, C is not logged yet
    const asOf = t('2026-03-03T12:00')
    expect((await listRequests(store.db, { overdueAsOf: asOf })).map((r) => r.code)).toEqual([a.code])
    expect(await listRequests(store.db, { overdueAsOf: asOf, customerId: unit('HR') })).toEqual([])
    const candidates = await listOverdueCandidates(store.db, t('2026-03-04T12:00'))
    expect(candidates.map((r) => r.code).sort()).toEqual([a.code, b.code])
    expect(candidates.find((r) => r.code === a.code)).toEqual({
      id: a.id,
      code: a.code,
      status: 'new',
      customerId: unit('SALES'),
      providerId: unit('IT'),
      title: 'A',
      responseDue: a.responseDue,
      respondedAt: null,
      cancelledAt: null,
      resolutionDue: null,
      resolvedAt: null,
      waitingSince: null,
    })
  })
})
