import { describe, expect, it } from 'vitest'
import type { UnitAssessment, UnitDetails } from '../../src/domain/assessment/assessment.js'
import { saveScoreTable } from '../../src/storage/assessments-repo.js'
import { finalTablesIntact, integrityProblems, verifyEventChain } from '../../src/storage/check-repo.js'
import { appendEvent } from '../../src/storage/events-repo.js'
import { AT, BACKEND, addUnits, freshStore } from '../helpers/stores.js'

const event = (action: string) => ({ at: AT, actor: 'admin', host: 'pc-1', action, entity: null, details: {} })

describe(`check-repo (${BACKEND})`, () => {
  it('reports the file sound on SQLite (PRAGMA integrity_check), and leaves it to the server on PostgreSQL', async () => {
    const store = await freshStore()
    expect(integrityProblems(store)).toEqual(BACKEND === 'sqlite' ? [] : null)
  })

  it('verifies the whole chain a page at a time, and names the first row written outside icm', async () => {
    const store = await freshStore()
    await store.write(async (trx) => {
      for (let i = 0; i < 5; i++) await appendEvent(trx, event(`a${i}`))
    })
    const ok = await verifyEventChain(store, 2)
    expect(ok).toMatchObject({ events: 5, breaks: 0, firstBreak: null, head: { seq: 5 } })
    await store.db.insertInto('events').values({ at: AT.toISOString(), actor: 'mallory', host: 'x', action: 'forged', entity: null, details: '{}', seq: null, prev_hash: null, hash: null }).execute()
    const broken = await verifyEventChain(store, 2)
    expect(broken).toMatchObject({ events: 6, breaks: 1, firstBreak: { kind: 'inserted', event: { action: 'forged' }, reason: 'was inserted outside icm: it has no hash' } })
  })

  it('tells for every final table whether its rows still match their hash (drafts are not checked)', async () => {
    const store = await freshStore()
    const id = await addUnits(store, [['IT']])
    const row: UnitAssessment = { unitId: id.get('IT')!, code: 'IT', name: 'IT', components: { S: 79, T: null, C: null, H: null, self: null, superior: null }, total: 79, insufficient: false, rank: 1, grade: 'C', bonus: 1, details: {} as UnitDetails }
    const policy = { weights: { S: 30, T: 20, C: 15, H: 15, self: 5, superior: 15 }, grades: { A: 90, B: 80, C: 70, D: 60 }, bonus: { A: 1.2, B: 1.1, C: 1, D: 0.9, E: 0.8 }, minResponses: 5, complaintFree: 2 }
    await store.write(async (trx) => {
      for (const [period, state] of [['2026-H1', 'final'], ['2025-H2', 'final'], ['2026-Q3', 'draft']] as const) {
        await saveScoreTable(trx, { period, level: 'department', state, policy, inputsHash: 'x', computedAt: AT, finalizedAt: AT, finalizedBy: 'admin' }, [row])
      }
    })
    expect(await finalTablesIntact(store.db)).toEqual([
      { period: '2025-H2', level: 'department', intact: true },
      { period: '2026-H1', level: 'department', intact: true },
    ])
    await store.db.updateTable('assessment_rows').set({ grade: 'A' }).where('period', '=', '2026-H1').execute()
    expect(await finalTablesIntact(store.db)).toEqual([
      { period: '2025-H2', level: 'department', intact: true },
      { period: '2026-H1', level: 'department', intact: false },
    ])
  })
})
