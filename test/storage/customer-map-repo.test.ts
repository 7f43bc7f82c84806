import { describe, expect, it } from 'vitest'
import { loadCustomerMap } from '../../src/storage/customer-map-repo.js'
import { insertProcess, insertStep } from '../../src/storage/processes-repo.js'
import { insertDependency, insertLink } from '../../src/storage/relations-repo.js'
import { updateUnit } from '../../src/storage/units-repo.js'
import { AT, BACKEND, addUnits, freshStore } from '../helpers/stores.js'

describe(`loadCustomerMap (${BACKEND})`, () => {
  it('derives the pairs from process steps, dependencies and links, leaving out inactive units', async () => {
    const store = await freshStore()
    const id = await addUnits(store, [['PUR'], ['WH'], ['FIN'], ['IT'], ['HR'], ['OLD']])
    await store.write(async (trx) => {
      const p = await insertProcess(trx, { code: 'P2P', name: '采购到付款' }, AT)
      await insertStep(trx, p.id, { seq: 1, unitId: id.get('PUR')!, output: '采购订单', afterSeqs: [] }, AT)
      await insertStep(trx, p.id, { seq: 2, unitId: id.get('WH')!, output: '验收单', afterSeqs: [1] }, AT)
      await insertDependency(trx, { customerId: id.get('FIN')!, supplierId: id.get('WH')!, support: '验收单' }, AT)
      await insertLink(trx, { supplierId: id.get('IT')!, customerId: id.get('HR')!, provides: '考勤系统维护' }, AT)
      await insertLink(trx, { supplierId: id.get('IT')!, customerId: id.get('OLD')!, provides: '旧系统' }, AT)
      await updateUnit(trx, id.get('OLD')!, { active: false }, AT)
    })
    expect((await loadCustomerMap(store.db)).map((p) => [p.supplier, p.customer, p.provides, p.sources])).toEqual([
      ['IT', 'HR', ['考勤系统维护'], ['link']],
      ['PUR', 'WH', ['采购订单'], ['process:P2P#1→#2']],
      ['WH', 'FIN', ['验收单'], ['dependency']],
    ])
  })

  it('is empty for an empty database', async () => {
    expect(await loadCustomerMap((await freshStore()).db)).toEqual([])
  })
})
