import { describe, expect, it } from 'vitest'
import { scheduleOf } from '../../src/domain/calendar/business-time.js'
import type { RequestChangeRecord } from '../../src/domain/requests/request-change.js'
import { openRequest } from '../../src/domain/requests/request-steps.js'
import { insertChange, listChanges } from '../../src/storage/request-changes-repo.js'
import { insertRequest } from '../../src/storage/requests-repo.js'
import { BACKEND } from '../helpers/harness.js'
import { storeWithUnits } from '../helpers/repo-store.js'

describe(`request-changes-repo (${BACKEND})`, () => {
  it('keeps the history of changes in the order recorded, the field changes as they were given', async () => {
    const { store, unit } = await storeWithUnits()
    const at = new Date('2026-03-02T02:00:00.000Z')
    const fields = { customerId: unit('SALES'), providerId: unit('IT'), serviceId: null, channel: 'online', title: 'A', description: null, neededBy: null }
    const r = await store.write((trx) => insertRequest(trx, openRequest(fields, at, 8, scheduleOf('09:00-18:00', '1-5', []), at)))
    const scope: RequestChangeRecord = { at: '2026-03-03T02:00:00.000Z', actor: 'tester', changes: { title: { from: 'A', to: 'A+' }, provider: { from: 'IT', to: 'FIN' } }, reason: 'r', impact: '延后2天', scopeChange: true, statusBefore: 'accepted', statusAfter: 'new' }
    const dates: RequestChangeRecord = { at: '2026-03-02T09:00:00.000Z', actor: 'tester', changes: { neededBy: { from: null, to: '2026-03-20' } }, reason: 'r2', impact: null, scopeChange: false, statusBefore: 'new', statusAfter: 'new' }
    await store.write(async (trx) => {
      await insertChange(trx, r.id, scope)
      await insertChange(trx, r.id, dates)
    })
    expect(await listChanges(store.db, r.id)).toEqual([scope, dates])
    expect(Object.keys((await listChanges(store.db, r.id))[0]!.changes)).toEqual(['title', 'provider'])
    expect(await listChanges(store.db, r.id + 1)).toEqual([])
  })
})
