import { describe, expect, it } from 'vitest'
import { deleteConfigValue, loadConfigValues, loadPolicy, setConfigValue } from '../../src/storage/config-repo.js'
import { AT, BACKEND, freshStore } from '../helpers/stores.js'

describe(`config-repo (${BACKEND})`, () => {
  it('holds only the values set: a set replaces, an unset removes', async () => {
    const store = await freshStore()
    expect(await loadConfigValues(store.db)).toEqual(new Map())
    await store.write(async (trx) => {
      await setConfigValue(trx, 'sla.response_hours', '4', AT)
      await setConfigValue(trx, 'sla.response_hours', '6', new Date('2026-03-03T00:00:00Z'))
      await setConfigValue(trx, 'complaint.handler', '王敏', AT)
    })
    expect(await loadConfigValues(store.db)).toEqual(new Map([['sla.response_hours', '6'], ['complaint.handler', '王敏']]))
    const [row] = await store.db.selectFrom('config').select('updated_at').where('key', '=', 'sla.response_hours').execute()
    expect(row!.updated_at).toBe('2026-03-03T00:00:00.000Z')
    await store.write((trx) => deleteConfigValue(trx, 'sla.response_hours'))
    expect(await loadConfigValues(store.db)).toEqual(new Map([['complaint.handler', '王敏']]))
  })

  it('gives the policy in force: the values set over the defaults', async () => {
    const store = await freshStore()
    expect(await loadPolicy(store.db)).toMatchObject({ responseHours: 8, complaintHandler: null, weights: { S: 30, T: 20, C: 15, H: 15, self: 5, superior: 15 }, minResponses: 5 })
    await store.write(async (trx) => {
      await setConfigValue(trx, 'sla.response_hours', '4', AT)
      await setConfigValue(trx, 'assess.weights', 'S=40,T=20,C=10,H=10,self=5,superior=15', AT)
    })
    expect(await loadPolicy(store.db)).toMatchObject({ responseHours: 4, weights: { S: 40, T: 20, C: 10, H: 10, self: 5, superior: 15 } })
  })
})
