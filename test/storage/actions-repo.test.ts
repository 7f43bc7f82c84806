import { describe, expect, it } from 'vitest'
import { actionOf, findActionByCode, insertAction, listActions, markActionDone } from '../../src/storage/actions-repo.js'
import { BACKEND } from '../helpers/harness.js'
import { storeWithUnits } from '../helpers/repo-store.js'

const opened = new Date('2026-03-02T02:00:00.000Z')

describe(`actions-repo (${BACKEND})`, () => {
  it('opens actions ACT-0001 …, lists them by due date and filters them; done is recorded with its note', async () => {
    const { store, unit } = await storeWithUnits()
    const [a, b, c] = await store.write(async (trx) => [
      await insertAction(trx, { source: 'complaint', sourceRef: 'CMP-0001', ownerId: unit('IT'), description: '巡检', due: '2026-04-30', createdAt: opened }),
      await insertAction(trx, { source: 'manual', sourceRef: null, ownerId: unit('HR'), description: '培训', due: '2026-03-31', createdAt: opened }),
      await insertAction(trx, { source: 'audit', sourceRef: '2026-H1', ownerId: unit('IT'), description: '整改', due: '2026-06-30', createdAt: opened }),
    ])
    expect([a!.code, b!.code, c!.code]).toEqual(['ACT-0001', 'ACT-0002', 'ACT-0003'])
    expect(actionOf(a!)).toEqual({ id: a!.id, code: 'ACT-0001', source: 'complaint', sourceRef: 'CMP-0001', ownerId: unit('IT'), description: '巡检', due: '2026-04-30', status: 'open', doneNote: null, doneAt: null, createdAt: opened.toISOString() })
    expect((await findActionByCode(store.db, ' act-0002 '))?.id).toBe(b!.id)

    const done = await store.write((trx) => markActionDone(trx, c!.id, '已整改', new Date('2026-03-05T02:00:00.000Z')))
    expect(actionOf(done)).toMatchObject({ status: 'done', doneNote: '已整改', doneAt: '2026-03-05T02:00:00.000Z' })

    const codes = async (f: Parameters<typeof listActions>[1]) => (await listActions(store.db, f)).map((x) => x.code)
    expect(await codes({})).toEqual(['ACT-0002', 'ACT-0001', 'ACT-0003'])
    expect(await codes({ status: 'open' })).toEqual(['ACT-0002', 'ACT-0001'])
    expect(await codes({ status: 'done' })).toEqual(['ACT-0003'])
    // due 03-31 is overdue on 04-01; 04-30 not yet; a done action never
    expect(await codes({ status: 'overdue', today: '2026-04-01' })).toEqual(['ACT-0002'])
    expect(await codes({ ownerId: unit('IT') })).toEqual(['ACT-0001', 'ACT-0003'])
    expect(await codes({ source: 'complaint', sourceRef: 'CMP-0001' })).toEqual(['ACT-0001'])
  })
})
