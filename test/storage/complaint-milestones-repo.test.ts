import { describe, expect, it } from 'vitest'
import { receiveComplaint } from '../../src/domain/complaints/complaint-steps.js'
import { listMilestones, markMilestoneDone, milestonesByComplaint, replaceOpenMilestones } from '../../src/storage/complaint-milestones-repo.js'
import { insertComplaint } from '../../src/storage/complaints-repo.js'
import { BACKEND } from '../helpers/harness.js'
import { storeWithUnits } from '../helpers/repo-store.js'

const t = (local: string) => new Date(`${local}:00+08:00`)

describe(`complaint-milestones-repo (${BACKEND})`, () => {
  it('numbers milestones within a complaint, marks one done and supersedes the open ones on a new plan', async () => {
    const { store, unit } = await storeWithUnits()
    const open = () =>
      store.write((trx) => insertComplaint(trx, receiveComplaint({ complainantId: unit('HR'), againstId: unit('IT'), requestId: null, channel: 'email', summary: 'x', handler: '王敏' }, t('2026-04-01T09:00'), t('2026-04-01T09:00'))))
    const a = await open()
    const b = await open()
    const first = await store.write((trx) => replaceOpenMilestones(trx, a.id, [{ due: '2026-04-10', title: '备用服务器上线' }, { due: '2026-04-20', title: '监控告警上线' }], t('2026-04-02T10:00')))
    expect(first.map((m) => [m.seq, m.due, m.title])).toEqual([[1, '2026-04-10', '备用服务器上线'], [2, '2026-04-20', '监控告警上线']])
    await store.write((trx) => replaceOpenMilestones(trx, b.id, [{ due: '2026-04-30', title: 'b' }], t('2026-04-02T10:00')))
    await store.write((trx) => markMilestoneDone(trx, a.id, 1, t('2026-04-09T15:00')))
    const second = await store.write((trx) => replaceOpenMilestones(trx, a.id, [{ due: '2026-04-25', title: '新方案' }], t('2026-04-15T10:00')))
    expect(second.map((m) => m.seq)).toEqual([3])
    const list = await listMilestones(store.db, a.id)
    expect(list.map((m) => [m.seq, m.doneAt, m.supersededAt])).toEqual([
      [1, t('2026-04-09T15:00').toISOString(), null],
      [2, null, t('2026-04-15T10:00').toISOString()],
      [3, null, null],
    ])
    const both = await milestonesByComplaint(store.db, [a.id, b.id])
    expect([both.get(a.id)?.length, both.get(b.id)?.map((m) => m.seq)]).toEqual([3, [1]])
    expect(await milestonesByComplaint(store.db, [])).toEqual(new Map())
  })
})
