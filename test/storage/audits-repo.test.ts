import { describe, expect, it } from 'vitest'
import { insertAction } from '../../src/storage/actions-repo.js'
import {
  closeFinding,
  findAuditByCode,
  findAuditById,
  findFindingByCode,
  insertAudit,
  insertFinding,
  linkFindingAction,
  listAudits,
  listFindings,
  listScope,
} from '../../src/storage/audits-repo.js'
import { addUnits, bounds, repoStore } from '../helpers/repo-fixture.js'

const at = new Date('2026-05-20T02:00:00Z')

/** AUD-0001 of IT and PUR on 2026-05-20 with two findings; AUD-0002 of HR on 2026-09-01. */
async function withAudits() {
  const store = await repoStore()
  const u = await addUnits(store.db, ['IT', 'PUR', 'HR'])
  const ids = await store.write(async (trx) => {
    const a = await insertAudit(trx, { title: '上半年审核', date: '2026-05-20', auditor: '赵磊', createdAt: at }, [u.PUR!, u.IT!])
    const b = await insertAudit(trx, { title: '三季度审核', date: '2026-09-01', auditor: '内审组', createdAt: at }, [u.HR!])
    await insertFinding(trx, { auditId: a.id, unitId: u.PUR!, severity: 'major', description: '评审记录缺失', due: '2026-06-30', createdAt: at })
    await insertFinding(trx, { auditId: a.id, unitId: u.IT!, severity: 'minor', description: '台账未更新', due: '2026-06-15', createdAt: at })
    return { a: a.id, b: b.id }
  })
  return { store, u, ids }
}

describe('audits and their scope', () => {
  it('records an audit (AUD-0001 …) with the units in its scope, found by code in any case or by id', async () => {
    const { store, u, ids } = await withAudits()
    const a = await findAuditByCode(store.db, ' aud-0001 ')
    expect(a).toMatchObject({ code: 'AUD-0001', title: '上半年审核', audit_date: '2026-05-20', auditor: '赵磊', created_at: '2026-05-20T02:00:00.000Z' })
    expect(await findAuditById(store.db, ids.b)).toMatchObject({ code: 'AUD-0002' })
    expect(await findAuditByCode(store.db, 'AUD-0003')).toBeUndefined()
    expect((await listScope(store.db, [ids.a, ids.b])).map((s) => [s.audit_id, s.unit_id])).toEqual(
      [
        [ids.a, Math.min(u.IT!, u.PUR!)],
        [ids.a, Math.max(u.IT!, u.PUR!)],
        [ids.b, u.HR],
      ],
    )
    expect(await listScope(store.db, [])).toEqual([])
  })

  it('lists audits dated in a period, by date', async () => {
    const { store } = await withAudits()
    expect((await listAudits(store.db)).map((a) => a.code)).toEqual(['AUD-0001', 'AUD-0002'])
    expect((await listAudits(store.db, { period: bounds('2026-H2') })).map((a) => a.code)).toEqual(['AUD-0002'])
    expect((await listAudits(store.db, { period: bounds('2026-Q2') })).map((a) => a.code)).toEqual(['AUD-0001'])
    expect(await listAudits(store.db, { period: bounds('2025') })).toEqual([])
  })
})

describe('findings', () => {
  it('records open findings (FND-0001 …) and lists them by code, per audit or unit', async () => {
    const { store, u, ids } = await withAudits()
    expect(await findFindingByCode(store.db, 'fnd-0001')).toMatchObject({
      code: 'FND-0001', audit_id: ids.a, unit_id: u.PUR, severity: 'major', description: '评审记录缺失', due: '2026-06-30',
      status: 'open', close_note: null, closed_at: null, action_id: null,
    })
    expect((await listFindings(store.db, { auditIds: [ids.a] })).map((f) => f.code)).toEqual(['FND-0001', 'FND-0002'])
    expect((await listFindings(store.db, { unitId: u.IT })).map((f) => f.code)).toEqual(['FND-0002'])
    expect(await listFindings(store.db, { auditIds: [ids.b] })).toEqual([])
    expect(await listFindings(store.db, { auditIds: [] })).toEqual([])
  })

  it('links the improvement action a finding opened, and closes a finding with its note and time', async () => {
    const { store, u } = await withAudits()
    const f = (await findFindingByCode(store.db, 'FND-0001'))!
    const linked = await store.write(async (trx) => {
      const a = await insertAction(trx, { source: 'audit', sourceRef: f.code, ownerId: u.PUR!, description: 'x', due: f.due, createdAt: at })
      return linkFindingAction(trx, f.id, a.id)
    })
    expect(linked.action_id).not.toBeNull()
    const closed = await store.write((trx) => closeFinding(trx, f.id, '已补齐', new Date('2026-06-20T07:00:00Z')))
    expect(closed).toMatchObject({ status: 'closed', close_note: '已补齐', closed_at: '2026-06-20T07:00:00.000Z', action_id: linked.action_id })
  })
})
