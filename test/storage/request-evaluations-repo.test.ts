import { describe, expect, it } from 'vitest'
import { scheduleOf } from '../../src/domain/calendar/business-time.js'
import { openRequest } from '../../src/domain/requests/request-steps.js'
import { evaluationSummaries, listEvaluations, supersedeEvaluations, upsertEvaluation } from '../../src/storage/request-evaluations-repo.js'
import { insertRequest } from '../../src/storage/requests-repo.js'
import { BACKEND } from '../helpers/harness.js'
import { storeWithUnits } from '../helpers/repo-store.js'

const at = (n: number) => new Date(Date.UTC(2026, 2, 2, 2, n)).toISOString()
const scores = (r: number, f: number, i: number, c: number) => ({ reasonableness: r, feasibility: f, impact: i, costBenefit: c })

async function withRequest() {
  const { store, unit } = await storeWithUnits()
  const fields = { customerId: unit('SALES'), providerId: unit('IT'), serviceId: null, channel: 'online', title: 'A', description: null, neededBy: null }
  const r = await store.write((trx) => insertRequest(trx, openRequest(fields, new Date(at(0)), 8, scheduleOf('09:00-18:00', '1-5', []), new Date(at(0)))))
  return { store, r }
}

describe(`request-evaluations-repo (${BACKEND})`, () => {
  it("keeps one current entry per evaluator (re-evaluating replaces it) and sums up the current ones: means and the latest explicit flags", async () => {
    const { store, r } = await withRequest()
    await store.write(async (trx) => {
      expect(await upsertEvaluation(trx, r.id, { evaluator: '张伟', ...scores(4, 3, 5, 2), important: null, urgent: true, note: null, at: at(1) })).toEqual({ replaced: false })
      expect(await upsertEvaluation(trx, r.id, { evaluator: '王敏', ...scores(2, 3, 4, 4), important: false, urgent: null, note: 'n', at: at(2) })).toEqual({ replaced: false })
      expect(await upsertEvaluation(trx, r.id, { evaluator: '张伟', ...scores(5, 3, 5, 2), important: null, urgent: true, note: null, at: at(3) })).toEqual({ replaced: true })
    })
    const list = await listEvaluations(store.db, r.id)
    expect(list.map((e) => [e.evaluator, e.reasonableness, e.important, e.urgent, e.supersededAt])).toEqual([
      ['王敏', 2, false, null, null],
      ['张伟', 5, null, true, null],
    ])
    // reasonableness (5 + 2) / 2 = 3.5, impact (5 + 4) / 2 = 4.5, cost-benefit (2 + 4) / 2 = 3
    expect((await evaluationSummaries(store.db, [r.id])).get(r.id)).toEqual({ count: 2, reasonableness: 3.5, feasibility: 3, impact: 4.5, costBenefit: 3, important: false, urgent: true })
  })

  it('stops counting the evaluations a change of scope supersedes; a new entry then starts afresh', async () => {
    const { store, r } = await withRequest()
    await store.write(async (trx) => {
      await upsertEvaluation(trx, r.id, { evaluator: '张伟', ...scores(4, 3, 5, 2), important: null, urgent: null, note: null, at: at(1) })
      expect(await supersedeEvaluations(trx, r.id, at(5))).toBe(1)
      expect(await upsertEvaluation(trx, r.id, { evaluator: '张伟', ...scores(1, 1, 1, 1), important: null, urgent: null, note: null, at: at(6) })).toEqual({ replaced: false })
    })
    expect((await listEvaluations(store.db, r.id)).map((e) => [e.impact, e.supersededAt])).toEqual([
      [5, at(5)],
      [1, null],
    ])
    expect((await evaluationSummaries(store.db, [r.id])).get(r.id)).toMatchObject({ count: 1, impact: 1 })
    expect((await evaluationSummaries(store.db, [r.id + 1])).size).toBe(0)
  })
})
