import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { responseValue } from '../../src/domain/assessment/kpi.js'
import type { Store } from '../../src/storage/database.js'
import { openStore } from '../../src/storage/open.js'
import type { StoredResponse } from '../../src/domain/surveys/survey-export.js'
import {
  countResponses,
  findBatchBySha256,
  findSurveyByCode,
  finishBatch,
  hasBatchOfSize,
  insertBatch,
  insertSurvey,
  iterateResponses,
  listSurveyComments,
  listBatches,
  listSurveys,
  satisfactionAggregates,
  surveyScoreSums,
} from '../../src/storage/surveys-repo.js'
import { FIXTURES, cli, writeFile } from '../helpers/harness.js'
import { bounds, repoStore } from '../helpers/repo-fixture.js'

const stores: Store[] = []
afterEach(async () => {
  while (stores.length) await stores.pop()!.close()
})
async function open(file: string): Promise<Store> {
  const s = await openStore(file)
  stores.push(s)
  return s
}

/** Surveys of several periods and kinds with a few responses each (respondent→rated: overall, loyalty). */
async function withSurveys() {
  const t = cli()
  await t.ok(['unit', 'import', path.join(FIXTURES, 'org.csv')])
  const survey = async (code: string, period: string, kind: string, csv: string) => {
    await t.ok(['survey', 'create', code, '--title', code, '--period', period, '--kind', kind])
    await t.ok(['survey', 'import', code, writeFile(t.dir, `${code}.csv`, `ID,respondent_unit,rated_unit,accuracy,timeliness,overall,loyalty\n${csv}`)])
  }
  await survey('H1', '2026-H1', 'service', '1,HR,IT,,,4,3\n2,FIN,IT,,,2,\n3,,IT,3,4,,\n4,HR,FIN,,,5,5\n')
  await survey('Q2', '2026-Q2', 'relationship', '1,HR,IT,,,3,4\n')
  await survey('Y', '2026', 'service', '1,HR,IT,,,1,1\n')
  await survey('H2', '2026-H2', 'service', '1,HR,IT,,,2,2\n')
  const store = await open(t.db)
  const ids = new Map((await store.db.selectFrom('units').select(['id', 'code']).execute()).map((u) => [u.code, u.id]))
  return { t, store, id: (code: string) => ids.get(code)! }
}

describe('satisfactionAggregates', () => {
  it('adds up, per rated unit, the responses of the surveys whose period lies within the assessment period', async () => {
    const { store, id } = await withSurveys()
    const rows = await satisfactionAggregates(store.db, { from: '2026-01-01', to: '2026-06-30', kind: 'any', groupBy: 'rated' })
    expect(rows).toEqual([
      // IT: 4, 2, the mean of 3 and 4 (3.5) from H1, 3 from Q2 → 12.5 over 4; loyalty 3 and 4. Not Y (the whole year) nor H2.
      { ratedId: id('IT'), respondentId: null, count: 4, valueSum: 12.5, loyaltyCount: 2, loyaltySum: 7 },
      { ratedId: id('FIN'), respondentId: null, count: 1, valueSum: 5, loyaltyCount: 1, loyaltySum: 5 },
    ].sort((a, b) => a.ratedId - b.ratedId))
  })

  it('keeps to one kind of survey when asked', async () => {
    const { store, id } = await withSurveys()
    const service = await satisfactionAggregates(store.db, { from: '2026-01-01', to: '2026-06-30', kind: 'service', groupBy: 'rated' })
    expect(service.find((r) => r.ratedId === id('IT'))).toMatchObject({ count: 3, valueSum: 9.5 })
    const relationship = await satisfactionAggregates(store.db, { from: '2026-01-01', to: '2026-06-30', kind: 'relationship', groupBy: 'rated' })
    expect(relationship).toEqual([{ ratedId: id('IT'), respondentId: null, count: 1, valueSum: 3, loyaltyCount: 1, loyaltySum: 4 }])
  })

  it('groups per respondent→rated pair, leaving out responses without a respondent', async () => {
    const { store, id } = await withSurveys()
    const pairs = await satisfactionAggregates(store.db, { from: '2026-01-01', to: '2026-12-31', kind: 'any', groupBy: 'pair' })
    const it = (respondent: string) => pairs.find((p) => p.ratedId === id('IT') && p.respondentId === id(respondent))
    // the whole year: H1 (4), Q2 (3), Y (1) and H2 (2)
    expect(it('HR')).toEqual({ ratedId: id('IT'), respondentId: id('HR'), count: 4, valueSum: 10, loyaltyCount: 4, loyaltySum: 10 })
    expect(it('FIN')).toEqual({ ratedId: id('IT'), respondentId: id('FIN'), count: 1, valueSum: 2, loyaltyCount: 0, loyaltySum: 0 })
    expect(pairs.some((p) => p.respondentId === null)).toBe(false)
  })
})

describe('survey_score_sums', () => {
  it('holds exactly what the responses add up to, on the main thread and through the worker', async () => {
    const t = cli()
    await t.ok(['unit', 'import', path.join(FIXTURES, 'org.csv')])
    await t.ok(['survey', 'create', 'A', '--title', 'a', '--period', '2026-H1'])
    await t.ok(['survey', 'create', 'B', '--title', 'b', '--period', '2026-H1'])
    await t.ok(['survey', 'import', 'A', path.join(FIXTURES, 'surveys', 'wjx-gb18030.csv')], { env: { ICM_IMPORT_WORKER: '1' } })
    await t.ok(['survey', 'import', 'B', path.join(FIXTURES, 'surveys', 'traditional-utf16le.txt')], { env: { ICM_IMPORT_WORKER: '0' } })
    const store = await open(t.db)
    for (const [code, count] of [
      ['A', 80],
      ['B', 30],
    ] as const) {
      const survey = await store.db.selectFrom('surveys').select('id').where('code', '=', code).executeTakeFirstOrThrow()
      const responses = await store.db.selectFrom('survey_responses').selectAll().where('survey_id', '=', survey.id).execute()
      expect(responses).toHaveLength(count)
      const expected = new Map<number, { n: number; overall: number; overallN: number; value: number; loyalty: number }>()
      for (const r of responses) {
        const e = expected.get(r.rated_id) ?? { n: 0, overall: 0, overallN: 0, value: 0, loyalty: 0 }
        e.n++
        if (r.overall !== null) {
          e.overall += r.overall
          e.overallN++
        }
        e.value += responseValue(r) ?? 0
        e.loyalty += r.loyalty ?? 0
        expected.set(r.rated_id, e)
      }
      const sums = await surveyScoreSums(store.db, survey.id, 'rated')
      expect(sums.length).toBe(expected.size)
      for (const s of sums) {
        const e = expected.get(s.unitId)!
        expect([s.responses, s.overallSum, s.overallN, s.loyaltySum]).toEqual([e.n, e.overall, e.overallN, e.loyalty])
        expect(s.valueSum).toBeCloseTo(e.value, 9)
      }
    }
  })
})

describe('surveys and their import batches', () => {
  const at = new Date('2026-07-01T02:00:00Z')

  it('creates surveys with their period days, finds them by code in any case, lists them newest period first with their counts', async () => {
    const store = await repoStore()
    const h1 = await store.write((trx) => insertSurvey(trx, { code: '2026H1-SERVICE', title: '上半年', kind: 'service', period: bounds('2026-H1'), createdAt: at }))
    expect(h1).toMatchObject({ code: '2026H1-SERVICE', title: '上半年', kind: 'service', period: '2026-H1', period_start: '2026-01-01', period_end: '2026-06-30', created_at: '2026-07-01T02:00:00.000Z' })
    await store.write((trx) => insertSurvey(trx, { code: 'REL-Q3', title: '三季度', kind: 'relationship', period: bounds('2026-Q3'), createdAt: at }))
    expect(await findSurveyByCode(store.db, ' 2026h1-service ')).toEqual(h1)
    expect(await findSurveyByCode(store.db, 'NOPE')).toBeUndefined()
    const b = await store.write(async (trx) => {
      const batch = await insertBatch(trx, { surveyId: h1.id, fileName: 'a.csv', sha256: 'abc', bytes: 120, encoding: 'UTF-8', forced: false, actor: 'tester', at })
      return finishBatch(trx, batch.id, { rows: 3, imported: 2, alreadyPresent: 0, rejected: 1 })
    })
    expect(b).toMatchObject({ survey_id: h1.id, file_name: 'a.csv', sha256: 'abc', bytes: 120, encoding: 'UTF-8', rows: 3, imported: 2, already_present: 0, rejected: 1, forced: 0, actor: 'tester', at: '2026-07-01T02:00:00.000Z' })
    expect((await listSurveys(store.db)).map((s) => [s.code, s.responses, s.batches])).toEqual([
      ['REL-Q3', 0, 0],
      ['2026H1-SERVICE', 0, 1],
    ])
    expect(await listBatches(store.db, h1.id)).toEqual([b])
  })

  it('finds a batch by its file sha256 (the first, in any survey) or only whether one had a size', async () => {
    const store = await repoStore()
    const s = await store.write((trx) => insertSurvey(trx, { code: 'S', title: 's', kind: 'service', period: bounds('2026'), createdAt: at }))
    await store.write(async (trx) => {
      await insertBatch(trx, { surveyId: s.id, fileName: 'a.csv', sha256: 'abc', bytes: 120, encoding: 'UTF-8', forced: false, actor: 'tester', at })
      await insertBatch(trx, { surveyId: s.id, fileName: 'again.csv', sha256: 'abc', bytes: 120, encoding: 'UTF-8', forced: true, actor: 'tester', at })
    })
    expect(await findBatchBySha256(store.db, 'abc')).toMatchObject({ file_name: 'a.csv', survey_code: 'S' })
    expect(await findBatchBySha256(store.db, 'def')).toBeUndefined()
    expect(await hasBatchOfSize(store.db, 120)).toBe(true)
    expect(await hasBatchOfSize(store.db, 121)).toBe(false)
  })

  it('gives the responses of a survey in import order a page at a time, in the domain shape', async () => {
    const t = cli()
    await t.ok(['unit', 'import', path.join(FIXTURES, 'org.csv')])
    await t.ok(['survey', 'create', 'S', '--title', 's', '--period', '2026-H1'])
    await t.ok(['survey', 'import', 'S', writeFile(t.dir, 's.csv', 'ID,respondent_unit,rated_unit,accuracy,overall,loyalty,comment,submitted_at\n7,HR,IT,4,,5,"好\n很好",2026-04-25T01:45:35Z\n8,,FIN,,3,,,\n9,HR,FIN,,2,,,\n')])
    const store = await open(t.db)
    const s = (await findSurveyByCode(store.db, 'S'))!
    expect(await countResponses(store.db, s.id)).toBe(3)
    const pages: StoredResponse[][] = []
    for await (const page of iterateResponses(store.db, s.id, 2)) pages.push(page)
    expect(pages.map((p) => p.map((r) => r.responseId))).toEqual([['7', '8'], ['9']])
    const ids = new Map((await store.db.selectFrom('units').select(['id', 'code']).execute()).map((u) => [u.code, u.id]))
    expect(pages[0]![0]).toEqual({
      responseId: '7', respondentUnitId: ids.get('HR'), ratedUnitId: ids.get('IT'),
      accuracy: 4, timeliness: null, completeness: null, professionalism: null, overall: null, loyalty: 5,
      comment: '好\n很好', submittedAt: '2026-04-25T01:45:35.000Z', batchId: 1, line: 2,
    })
    expect(pages[0]![1]).toMatchObject({ respondentUnitId: null, overall: 3, comment: null, submittedAt: null, line: 4 })
  })

  it("walks a survey's responses by id across other surveys' batches: only its own, in import order", async () => {
    const t = cli()
    await t.ok(['unit', 'import', path.join(FIXTURES, 'org.csv')])
    for (const code of ['S', 'T']) await t.ok(['survey', 'create', code, '--title', code, '--period', '2026-H1'])
    const head = 'ID,respondent_unit,rated_unit,overall,comment\n'
    // ids 1–2 for S, 3–5 for T, 6–7 for S again
    await t.ok(['survey', 'import', 'S', writeFile(t.dir, 's1.csv', `${head}1,HR,IT,4,甲\n2,HR,FIN,3,\n`)])
    await t.ok(['survey', 'import', 'T', writeFile(t.dir, 't.csv', `${head}1,HR,IT,1,T1\n2,HR,IT,2,T2\n3,HR,IT,3,T3\n`)])
    await t.ok(['survey', 'import', 'S', writeFile(t.dir, 's2.csv', `${head}3,FIN,IT,5,乙\n4,FIN,HR,2,丙\n`)])
    const store = await open(t.db)
    const s = (await findSurveyByCode(store.db, 'S'))!
    const tt = (await findSurveyByCode(store.db, 'T'))!
    const ids = async (surveyId: number, pageSize: number) => {
      const pages: (string | null)[][] = []
      for await (const page of iterateResponses(store.db, surveyId, pageSize)) pages.push(page.map((r) => r.responseId))
      return pages
    }
    expect(await ids(s.id, 3)).toEqual([['1', '2', '3'], ['4']])
    expect(await ids(s.id, 2)).toEqual([['1', '2'], ['3', '4']])
    expect(await ids(tt.id, 2)).toEqual([['1', '2'], ['3']])
    expect((await listSurveyComments(store.db, s.id)).map((c) => c.comment)).toEqual(['甲', '乙', '丙'])
    expect((await listSurveyComments(store.db, tt.id)).map((c) => c.comment)).toEqual(['T1', 'T2', 'T3'])
    // a survey without responses
    await t.ok(['survey', 'create', 'U', '--title', 'U', '--period', '2026-H1'])
    const u = (await findSurveyByCode(store.db, 'U'))!
    expect(await ids(u.id, 2)).toEqual([])
    expect(await listSurveyComments(store.db, u.id)).toEqual([])
  })
})
