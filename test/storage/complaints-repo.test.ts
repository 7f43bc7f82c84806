import { describe, expect, it } from 'vitest'
import { scheduleOf } from '../../src/domain/calendar/business-time.js'
import { boundsOf, parsePeriod } from '../../src/domain/calendar/period.js'
import type { Complaint } from '../../src/domain/complaints/complaint.js'
import { receiveComplaint } from '../../src/domain/complaints/complaint-steps.js'
import { openRequest } from '../../src/domain/requests/request-steps.js'
import {
  addInvestigationUnits,
  addTeamMembers,
  appendComplaintStep,
  findComplaintByCode,
  insertComplaint,
  insertEvidence,
  listComplaints,
  listComplaintSteps,
  listEvidence,
  listInvestigationUnitIds,
  listTeamMembers,
  requestCodesByIds,
  saveComplaint,
} from '../../src/storage/complaints-repo.js'
import { insertRequest } from '../../src/storage/requests-repo.js'
import { BACKEND } from '../helpers/harness.js'
import { storeWithUnits } from '../helpers/repo-store.js'

const t = (local: string) => new Date(`${local}:00+08:00`)
const iso = (local: string) => t(local).toISOString()

/** Two complaints against IT: from HR received 03-02, anonymous received 07-01; one against FIN from SALES on 03-05. */
async function withComplaints() {
  const { store, unit } = await storeWithUnits()
  const open = (against: string, from: string | null, at: string) =>
    store.write((trx) =>
      insertComplaint(trx, receiveComplaint({ complainantId: from === null ? null : unit(from), againstId: unit(against), requestId: null, channel: 'email', summary: `${against} ${at}`, handler: '王敏' }, t(at), t(at))),
    )
  const a = await open('IT', 'HR', '2026-03-02T09:30')
  const b = await open('IT', null, '2026-07-01T09:30')
  const c = await open('FIN', 'SALES', '2026-03-05T09:30')
  return { store, unit, a, b, c }
}

describe(`complaints-repo (${BACKEND})`, () => {
  it('numbers complaints CMP-0001 … and finds one by code, any case', async () => {
    const { store, unit, a, b } = await withComplaints()
    expect([a.code, b.code]).toEqual(['CMP-0001', 'CMP-0002'])
    expect(a).toMatchObject({ status: 'received', complainantId: unit('HR'), againstId: unit('IT'), receivedAt: iso('2026-03-02T09:30'), plan: null, feedback: null, verification: null, rootCause: null })
    expect(b.complainantId).toBeNull()
    expect(await findComplaintByCode(store.db, ' cmp-0001 ')).toEqual(a)
    expect(await findComplaintByCode(store.db, 'CMP-0099')).toBeUndefined()
  })

  it('saves the whole state of a complaint: plan, feedback, verification and root cause, and clears them again', async () => {
    const { store, unit, a } = await withComplaints()
    const full: Complaint = {
      ...a,
      status: 'verified',
      investigatedAt: iso('2026-03-02T10:00'),
      plan: { responsibleId: unit('IT'), measures: '扩容', deadline: '2026-03-11', plannedAt: iso('2026-03-04T10:00') },
      feedback: { accepted: true, note: null, at: iso('2026-03-05T10:00') },
      verification: { resolved: true, satisfaction: 4, note: '好了', at: iso('2026-03-10T10:00') },
      rootCause: { category: 'system', analysis: '容量', at: iso('2026-03-06T10:00') },
      statusChangedAt: iso('2026-03-10T10:00'),
      updatedAt: iso('2026-03-10T10:01'),
    }
    expect(await store.write((trx) => saveComplaint(trx, full))).toEqual(full)
    expect(await findComplaintByCode(store.db, a.code)).toEqual(full)
    const disputed: Complaint = { ...full, status: 'investigating', feedback: { accepted: false, note: 'no', at: iso('2026-03-05T10:00') }, verification: { resolved: false, satisfaction: 1, note: null, at: iso('2026-03-10T10:00') } }
    expect(await store.write((trx) => saveComplaint(trx, disputed))).toEqual(disputed)
    const replanned: Complaint = { ...disputed, feedback: null, verification: null }
    expect(await store.write((trx) => saveComplaint(trx, replanned))).toEqual(replanned)
  })

  it('filters by status, the units complained about, the period received in and overdue plans, oldest received first', async () => {
    const { store, unit, a, b, c } = await withComplaints()
    await store.write((trx) => saveComplaint(trx, { ...c, status: 'planned', plan: { responsibleId: unit('FIN'), measures: 'm', deadline: '2026-03-11', plannedAt: iso('2026-03-06T10:00') } }))
    const codes = async (f: Parameters<typeof listComplaints>[1]) => (await listComplaints(store.db, f)).map((x) => x.code)
    expect(await codes({})).toEqual([a.code, c.code, b.code])
    expect(await codes({ status: 'planned' })).toEqual([c.code])
    expect(await codes({ againstIds: [unit('IT')] })).toEqual([a.code, b.code])
    expect(await codes({ againstIds: [] })).toEqual([])
    expect(await codes({ receivedIn: boundsOf(parsePeriod('2026-Q1')) })).toEqual([a.code, c.code])
    expect(await codes({ overdueBefore: '2026-03-12' })).toEqual([c.code])
    expect(await codes({ overdueBefore: '2026-03-11' })).toEqual([])
  })

  it('keeps each team member and unit of an investigation once', async () => {
    const { store, unit, a } = await withComplaints()
    await store.write(async (trx) => {
      await addTeamMembers(trx, a.id, ['王敏', '张伟'])
      await addTeamMembers(trx, a.id, ['张伟', '李娜'])
      await addTeamMembers(trx, a.id, [])
      await addInvestigationUnits(trx, a.id, [unit('IT'), unit('HR')])
      await addInvestigationUnits(trx, a.id, [unit('IT')])
    })
    expect(await listTeamMembers(store.db, a.id)).toEqual(['张伟', '李娜', '王敏'].sort())
    expect((await listInvestigationUnitIds(store.db, a.id)).sort()).toEqual([unit('IT'), unit('HR')].sort())
  })

  it('numbers evidence within its complaint and reads file sizes as numbers (a bigint column)', async () => {
    const { store, a, b } = await withComplaints()
    const file = { name: 'log.txt', size: 5_000_000_000, sha256: 'ab'.repeat(32) }
    await store.write(async (trx) => {
      expect(await insertEvidence(trx, { complaintId: a.id, kind: 'document', note: '日志', file, at: t('2026-03-02T11:00'), actor: 'tester' })).toEqual({ seq: 1, kind: 'document', note: '日志', file, at: iso('2026-03-02T11:00'), actor: 'tester' })
      expect((await insertEvidence(trx, { complaintId: a.id, kind: 'interview', note: '访谈', file: null, at: t('2026-03-02T12:00'), actor: 'tester' })).seq).toBe(2)
      expect((await insertEvidence(trx, { complaintId: b.id, kind: 'site_visit', note: '现场', file: null, at: t('2026-07-01T12:00'), actor: 'tester' })).seq).toBe(1)
    })
    const listed = await listEvidence(store.db, a.id)
    expect(listed.map((e) => [e.seq, e.kind, e.file])).toEqual([
      [1, 'document', file],
      [2, 'interview', null],
    ])
  })

  it('keeps the timeline in the order things happened, the details as given', async () => {
    const { store, a } = await withComplaints()
    await store.write(async (trx) => {
      await appendComplaintStep(trx, { complaintId: a.id, at: t('2026-03-02T10:00'), actor: 'tester', step: 'investigate', statusBefore: 'received', statusAfter: 'investigating', details: { team: ['王敏'] } })
      await appendComplaintStep(trx, { complaintId: a.id, at: t('2026-03-02T09:30'), actor: 'tester', step: 'received', statusBefore: null, statusAfter: 'received', details: { channel: 'email' } })
    })
    expect(await listComplaintSteps(store.db, a.id)).toEqual([
      { at: iso('2026-03-02T09:30'), step: 'received', actor: 'tester', statusBefore: null, statusAfter: 'received', details: { channel: 'email' } },
      { at: iso('2026-03-02T10:00'), step: 'investigate', actor: 'tester', statusBefore: 'received', statusAfter: 'investigating', details: { team: ['王敏'] } },
    ])
  })

  it('names related requests by code', async () => {
    const { store, unit } = await withComplaints()
    const at = t('2026-03-02T10:00')
    const fields = { customerId: unit('HR'), providerId: unit('IT'), serviceId: null, channel: 'online', title: 'A', description: null, neededBy: null }
    const r = await store.write((trx) => insertRequest(trx, openRequest(fields, at, 8, scheduleOf('09:00-18:00', '1-5', []), at)))
    expect(await requestCodesByIds(store.db, [r.id, r.id])).toEqual(new Map([[r.id, 'REQ-0001']]))
    expect(await requestCodesByIds(store.db, [])).toEqual(new Map())
  })
})
