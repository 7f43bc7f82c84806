import { describe, expect, it } from 'vitest'
import { insertDependency, insertLink, listDependencies, listLinks } from '../../src/storage/relations-repo.js'
import { AT, BACKEND, addUnits, freshStore } from '../helpers/stores.js'

describe(`relations-repo (${BACKEND})`, () => {
  it('records dependencies and lists them in the order recorded', async () => {
    const store = await freshStore()
    const id = await addUnits(store, [['FIN-AP', 'department'], ['PUR-BUYER', 'department'], ['IT', 'department']])
    const first = await store.write((trx) => insertDependency(trx, { customerId: id.get('FIN-AP')!, supplierId: id.get('PUR-BUYER')!, support: '采购订单与验收单' }, AT))
    expect(first).toEqual({ id: first.id, customerId: id.get('FIN-AP'), supplierId: id.get('PUR-BUYER'), support: '采购订单与验收单', createdAt: AT })
    await store.write((trx) => insertDependency(trx, { customerId: id.get('FIN-AP')!, supplierId: id.get('IT')!, support: 'ERP 账号' }, AT))
    expect((await listDependencies(store.db)).map((d) => d.support)).toEqual(['采购订单与验收单', 'ERP 账号'])
  })

  it('records links and lists them in the order recorded', async () => {
    const store = await freshStore()
    const id = await addUnits(store, [['IT'], ['HR']])
    const l = await store.write((trx) => insertLink(trx, { supplierId: id.get('IT')!, customerId: id.get('HR')!, provides: '考勤系统维护' }, AT))
    expect(await listLinks(store.db)).toEqual([{ id: l.id, supplierId: id.get('IT'), customerId: id.get('HR'), provides: '考勤系统维护', createdAt: AT }])
  })
})
