import { describe, expect, it } from 'vitest'
import { scheduleOf } from '../../src/domain/calendar/business-time.js'
import { openRequest } from '../../src/domain/requests/request-steps.js'
import { findServiceByCode, findServiceById, insertService, listServices, serviceCodesById, serviceOf, serviceRequestCounts } from '../../src/storage/services-repo.js'
import { insertRequest, saveRequest } from '../../src/storage/requests-repo.js'
import { BACKEND } from '../helpers/harness.js'
import { storeWithUnits } from '../helpers/repo-store.js'

describe(`services-repo (${BACKEND})`, () => {
  it('stores a service and finds it by code (any case) or id, the catalogue by code', async () => {
    const { store, unit } = await storeWithUnits()
    const account = { code: 'IT-ACCOUNT', providerId: unit('IT'), name: '账号开通', responseHours: 4, resolutionDays: 0.5, standard: '当天开通', createdAt: '2026-03-01T01:00:00.000Z' }
    const pay = { code: 'FIN-PAY', providerId: unit('FIN'), name: '付款', responseHours: null, resolutionDays: null, standard: null, createdAt: '2026-03-01T01:00:00.000Z' }
    const [a, p] = await store.write(async (trx) => [await insertService(trx, account), await insertService(trx, pay)])
    expect(a).toEqual({ id: a!.id, ...account })
    expect(serviceOf((await findServiceByCode(store.db, ' it-account '))!)).toEqual(a)
    expect(await findServiceById(store.db, p!.id)).toEqual(p)
    expect(await findServiceById(store.db, 999)).toBeUndefined()
    expect((await listServices(store.db)).map((s) => s.code)).toEqual(['FIN-PAY', 'IT-ACCOUNT'])
    expect((await listServices(store.db, unit('IT'))).map((s) => s.code)).toEqual(['IT-ACCOUNT'])
    expect(await serviceCodesById(store.db)).toEqual(new Map([[a!.id, 'IT-ACCOUNT'], [p!.id, 'FIN-PAY']]))
  })

  it('counts the requests of a service, and how many are open', async () => {
    const { store, unit } = await storeWithUnits()
    const at = new Date('2026-03-02T02:00:00.000Z')
    const schedule = scheduleOf('09:00-18:00', '1-5', [])
    await store.write(async (trx) => {
      const svc = await insertService(trx, { code: 'S', providerId: unit('IT'), name: 's', responseHours: null, resolutionDays: null, standard: null, createdAt: at.toISOString() })
      const fields = { customerId: unit('SALES'), providerId: unit('IT'), serviceId: svc.id, channel: 'online', title: 'A', description: null, neededBy: null }
      await insertRequest(trx, openRequest(fields, at, 8, schedule, at))
      const closed = await insertRequest(trx, openRequest(fields, at, 8, schedule, at))
      await saveRequest(trx, { ...closed, status: 'closed' })
      expect(await serviceRequestCounts(trx, svc.id, ['new', 'evaluated'])).toEqual({ total: 2, open: 1 })
      expect(await serviceRequestCounts(trx, svc.id + 1, ['new'])).toEqual({ total: 0, open: 0 })
    })
  })
})
