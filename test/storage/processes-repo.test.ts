import { describe, expect, it } from 'vitest'
import { findProcessByCode, insertProcess, insertStep, listAllSteps, listProcesses, listSteps } from '../../src/storage/processes-repo.js'
import { AT, BACKEND, addUnits, freshStore } from '../helpers/stores.js'

describe(`processes-repo (${BACKEND})`, () => {
  it('adds a process and finds it by code in any case', async () => {
    const store = await freshStore()
    const p = await store.write((trx) => insertProcess(trx, { code: 'P2P', name: '采购到付款' }, AT))
    expect(p).toEqual({ id: p.id, code: 'P2P', name: '采购到付款', createdAt: AT })
    expect(await findProcessByCode(store.db, 'p2p')).toEqual(p)
    expect(await findProcessByCode(store.db, 'O2C')).toBeUndefined()
  })

  it('keeps the steps a step follows as a list (none for a first step)', async () => {
    const store = await freshStore()
    const ids = await addUnits(store, [['PUR'], ['WH'], ['FIN']])
    const p = await store.write((trx) => insertProcess(trx, { code: 'P2P', name: '采购到付款' }, AT))
    await store.write(async (trx) => {
      expect(await insertStep(trx, p.id, { seq: 1, unitId: ids.get('PUR')!, output: '采购订单', afterSeqs: [] }, AT)).toEqual({ seq: 1, unitId: ids.get('PUR'), output: '采购订单', afterSeqs: [] })
      await insertStep(trx, p.id, { seq: 2, unitId: ids.get('WH')!, output: '验收单', afterSeqs: [1] }, AT)
      await insertStep(trx, p.id, { seq: 3, unitId: ids.get('FIN')!, output: '付款', afterSeqs: [1, 2] }, AT)
    })
    expect((await listSteps(store.db, p.id)).map((s) => [s.seq, s.afterSeqs])).toEqual([
      [1, []],
      [2, [1]],
      [3, [1, 2]],
    ])
  })

  it('lists processes by code with their number of steps, and every step with its process code', async () => {
    const store = await freshStore()
    const ids = await addUnits(store, [['SALES'], ['WH']])
    await store.write(async (trx) => {
      const o2c = await insertProcess(trx, { code: 'O2C', name: '订单到收款' }, AT)
      await insertProcess(trx, { code: 'HIRE', name: '招聘' }, AT)
      await insertStep(trx, o2c.id, { seq: 1, unitId: ids.get('SALES')!, output: '销售订单', afterSeqs: [] }, AT)
      await insertStep(trx, o2c.id, { seq: 2, unitId: ids.get('WH')!, output: '发货单', afterSeqs: [1] }, AT)
    })
    expect((await listProcesses(store.db)).map((p) => [p.code, p.steps])).toEqual([
      ['HIRE', 0],
      ['O2C', 2],
    ])
    expect(await listAllSteps(store.db)).toEqual([
      { processCode: 'O2C', seq: 1, unitId: ids.get('SALES'), output: '销售订单', afterSeqs: [] },
      { processCode: 'O2C', seq: 2, unitId: ids.get('WH'), output: '发货单', afterSeqs: [1] },
    ])
  })
})
