import { describe, expect, it } from 'vitest'
import { decideReport, findReportByCode, insertReport, listReports, listSealedIdentities, nextReportCode, sealedIdentityOf } from '../../src/storage/reports-repo.js'
import { addUnits, repoStore } from '../helpers/repo-fixture.js'

const filed = new Date('2026-06-01T02:00:00Z')
const now = new Date('2026-07-01T02:00:00Z')
const sealed = { iv: 'aXY=', tag: 'dGFn', ciphertext: 'Y2lwaGVy' }

/** RPT-0001 about PUR, anonymous; RPT-0002 about WH with a sealed identity. */
async function withReports() {
  const store = await repoStore()
  const u = await addUnits(store.db, ['PUR', 'WH'])
  await store.write(async (trx) => {
    await insertReport(trx, { code: await nextReportCode(trx), aboutId: u.PUR!, description: '未比价', sealed: null, filedAt: filed, createdAt: now })
    await insertReport(trx, { code: await nextReportCode(trx), aboutId: u.WH!, description: '代签', sealed, filedAt: filed, createdAt: now })
  })
  return { store, u }
}

describe('reports', () => {
  it('files a received report under the code taken for it, anonymous or with the sealed identity only', async () => {
    const { store, u } = await withReports()
    const a = (await findReportByCode(store.db, ' rpt-0001'))!
    expect(a).toMatchObject({
      code: 'RPT-0001', about_id: u.PUR, description: '未比价', status: 'received', validity: null, reward_cents: null, decision_note: null, decided_at: null,
      reporter_iv: null, reporter_tag: null, reporter_ciphertext: null, filed_at: '2026-06-01T02:00:00.000Z', created_at: '2026-07-01T02:00:00.000Z',
    })
    expect(sealedIdentityOf(a)).toBeNull()
    const b = (await findReportByCode(store.db, 'RPT-0002'))!
    expect(sealedIdentityOf(b)).toEqual(sealed)
    expect(await listSealedIdentities(store.db)).toEqual([{ code: 'RPT-0002', ...sealed }])
    expect(await findReportByCode(store.db, 'RPT-0003')).toBeUndefined()
  })

  it('records a decision and lists reports by status and unit', async () => {
    const { store, u } = await withReports()
    const a = (await findReportByCode(store.db, 'RPT-0001'))!
    const d = await store.write((trx) => decideReport(trx, a.id, { validity: 'valid', rewardCents: 8850, note: '属实', decidedAt: now }))
    expect(d).toMatchObject({ status: 'decided', validity: 'valid', reward_cents: 8850, decision_note: '属实', decided_at: '2026-07-01T02:00:00.000Z' })
    expect((await listReports(store.db)).map((r) => r.code)).toEqual(['RPT-0001', 'RPT-0002'])
    expect((await listReports(store.db, { status: 'received' })).map((r) => r.code)).toEqual(['RPT-0002'])
    expect((await listReports(store.db, { aboutId: u.PUR })).map((r) => r.code)).toEqual(['RPT-0001'])
    expect(await listReports(store.db, { status: 'decided', aboutId: u.WH })).toEqual([])
  })
})
