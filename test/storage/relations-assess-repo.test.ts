import type { Kysely } from 'kysely'
import { describe, expect, it } from 'vitest'
import { cancellation } from '../../src/domain/collaboration/project.js'
import { insertProject, updateProject, upsertMember } from '../../src/storage/projects-repo.js'
import { relationInputs, relationSurveys, requestCountsByPair } from '../../src/storage/relations-assess-repo.js'
import type { DB } from '../../src/storage/schema.js'
import { insertBatch, insertSurvey } from '../../src/storage/surveys-repo.js'
import { insertVisit } from '../../src/storage/visits-repo.js'
import { addUnits, bounds, repoStore } from '../helpers/repo-fixture.js'

const at = new Date('2026-07-01T02:00:00Z')
let requestNo = 0

/** A request from `customerId` to `providerId` whose response is due at `responseDue` (the columns the count reads, the rest plain). */
async function addRequest(db: Kysely<DB>, customerId: number, providerId: number, responseDue: string): Promise<void> {
  await db
    .insertInto('requests')
    .values({
      code: `REQ-T${++requestNo}`,
      customer_id: customerId,
      provider_id: providerId,
      service_id: null,
      channel: 'cli',
      title: 't',
      description: null,
      status: 'new',
      needed_by: null,
      important_override: null,
      urgent_override: null,
      created_at: responseDue,
      response_due: responseDue,
      responded_at: null,
      response_on_time: null,
      decision: null,
      expected_date: null,
      reject_reason: null,
      resolution_due: null,
      paused_minutes: 0,
      waiting_since: null,
      waiting_reason: null,
      started_at: null,
      resolved_at: null,
      resolution_note: null,
      closed_at: null,
      satisfaction: null,
      cancelled_at: null,
      cancel_reason: null,
      last_step_at: responseDue,
      updated_at: responseDue,
    })
    .execute()
}

describe('requestCountsByPair', () => {
  it('counts per supplier→customer pair the requests whose response was due in [period start, period end), in local time', async () => {
    const store = await repoStore()
    const u = await addUnits(store.db, ['IT', 'HR', 'FIN'])
    // 2026-H1 in Asia/Shanghai: [2025-12-31T16:00Z, 2026-06-30T16:00Z)
    await addRequest(store.db, u.HR!, u.IT!, '2025-12-31T16:00:00.000Z')
    await addRequest(store.db, u.HR!, u.IT!, '2026-06-30T15:59:59.000Z')
    await addRequest(store.db, u.HR!, u.IT!, '2026-06-30T16:00:00.000Z')
    await addRequest(store.db, u.HR!, u.IT!, '2025-12-31T15:59:59.000Z')
    await addRequest(store.db, u.FIN!, u.IT!, '2026-03-02T01:00:00.000Z')
    await addRequest(store.db, u.IT!, u.HR!, '2026-03-02T01:00:00.000Z')
    const counts = (await requestCountsByPair(store.db, bounds('2026-H1'))).sort((a, b) => a.supplierId - b.supplierId || a.customerId - b.customerId)
    expect(counts).toEqual(
      [
        { supplierId: u.IT, customerId: u.HR, count: 2 },
        { supplierId: u.IT, customerId: u.FIN, count: 1 },
        { supplierId: u.HR, customerId: u.IT, count: 1 },
      ].sort((a, b) => a.supplierId! - b.supplierId! || a.customerId! - b.customerId!),
    )
  })
})

describe('relationInputs', () => {
  it("reads a period's ratings, requests, visits and projects of every pair", async () => {
    const store = await repoStore()
    const u = await addUnits(store.db, ['IT', 'HR'])
    await store.write(async (trx) => {
      const s = await insertSurvey(trx, { code: 'H1', title: 'h1', kind: 'relationship', period: bounds('2026-H1'), createdAt: at })
      const b = await insertBatch(trx, { surveyId: s.id, fileName: 'a.csv', sha256: 'x', bytes: 1, encoding: 'UTF-8', forced: false, actor: 't', at })
      await trx
        .insertInto('survey_score_sums')
        .values({
          batch_id: b.id, survey_id: s.id, rated_id: u.IT!, respondent_id: u.HR!, responses: 2,
          accuracy_sum: 0, accuracy_n: 0, timeliness_sum: 0, timeliness_n: 0, completeness_sum: 0, completeness_n: 0, professionalism_sum: 0, professionalism_n: 0,
          overall_sum: 7, overall_n: 2, loyalty_sum: 6, loyalty_n: 2, value_sum: 7, value_n: 2,
        })
        .execute()
      await insertVisit(trx, { supplierId: u.IT!, customerId: u.HR!, date: '2026-05-01', satisfaction: 4, notes: null, createdAt: at })
      await insertVisit(trx, { supplierId: u.IT!, customerId: u.HR!, date: '2026-07-01', satisfaction: null, notes: null, createdAt: at })
      const p = await insertProject(trx, { name: 'p', kind: 'project', ownerId: u.HR!, startDate: '2026-02-01', due: '2026-06-30', createdAt: at })
      await upsertMember(trx, { projectId: p.id, unitId: u.IT!, duty: 'd', addedAt: at })
      const cancelled = await insertProject(trx, { name: 'q', kind: 'project', ownerId: u.HR!, startDate: '2026-02-01', due: '2026-05-31', createdAt: at })
      await updateProject(trx, cancelled.id, cancellation(cancelled, 'r', at), at)
    })
    await addRequest(store.db, u.HR!, u.IT!, '2026-03-02T01:00:00.000Z')
    const data = await relationInputs(store.db, bounds('2026-H1'))
    expect(data.ratings).toEqual([{ ratedId: u.IT, respondentId: u.HR, count: 2, valueSum: 7, loyaltyCount: 2, loyaltySum: 6 }])
    expect(data.requests).toEqual([{ supplierId: u.IT, customerId: u.HR, count: 1 }])
    expect(data.visits).toEqual([{ supplierId: u.IT, customerId: u.HR, lastDate: '2026-05-01', visits: 1, satisfactionCount: 1, satisfactionSum: 4 }])
    // the cancelled project is read too (its status says so); relationPairs leaves it out
    expect(data.projects.map((p) => [p.code, p.unitId, p.status])).toEqual([
      ['PRJ-0001', u.HR, 'open'],
      ['PRJ-0001', u.IT, 'open'],
      ['PRJ-0002', u.HR, 'cancelled'],
    ])
    expect(await relationInputs(store.db, bounds('2026-Q3'))).toMatchObject({ ratings: [], requests: [], projects: [] })
    // the half-year survey serves both its quarters
    const q2 = await relationInputs(store.db, bounds('2026-Q2'))
    expect(q2.ratings).toEqual([{ ratedId: u.IT, respondentId: u.HR, count: 2, valueSum: 7, loyaltyCount: 2, loyaltySum: 6 }])
    expect(q2.visits).toMatchObject([{ visits: 1, satisfactionCount: 1, satisfactionSum: 4 }])
    expect((await relationInputs(store.db, bounds('2026-Q1'))).ratings).toHaveLength(1)
    expect(await relationSurveys(store.db, bounds('2026-Q2'))).toEqual([{ code: 'H1', period: '2026-H1' }])
    expect(await relationSurveys(store.db, bounds('2026-Q3'))).toEqual([])
  })
})
