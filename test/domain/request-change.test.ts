import { describe, expect, it } from 'vitest'
import { scheduleOf } from '../../src/domain/calendar/business-time.js'
import type { Request } from '../../src/domain/requests/request.js'
import { changeRequest, diffRequest, type ChangeTerms, type RequestChange } from '../../src/domain/requests/request-change.js'

// TZ is Asia/Shanghai in vitest.config.ts; times below are local. Working hours 09:00–18:00, Mon–Fri.
const s = scheduleOf('09:00-18:00', '1-5', [])
const t = (local: string) => new Date(`${local}:00+08:00`)
const iso = (local: string) => t(local).toISOString()

const IT = { id: 2, code: 'IT' }
const HR = { id: 3, code: 'HR' }
const LEGAL = { id: 4, code: 'LEGAL' }
const FIN = { id: 5, code: 'FIN' }

/**
 * REQ-0007 from SALES (1) to IT: logged Mon 03-02 10:00 (response due 18:00 the same day),
 * accepted late on Tue 03-03 10:00 with resolution due Tue 03-10 10:00, work started Tue 11:00.
 */
const inProgress: Request = {
  id: 7,
  code: 'REQ-0007',
  customerId: 1,
  providerId: IT.id,
  serviceId: null,
  channel: 'online',
  title: 'CRM 导出报表',
  description: null,
  status: 'in_progress',
  neededBy: '2026-03-20',
  loggedAt: iso('2026-03-02T10:00'),
  responseDue: iso('2026-03-02T18:00'),
  respondedAt: iso('2026-03-03T10:00'),
  responseOnTime: false,
  decision: 'accepted',
  expectedDate: '2026-03-10',
  rejectReason: null,
  resolutionDue: iso('2026-03-10T10:00'),
  pausedMinutes: 0,
  waitingSince: null,
  waitingReason: null,
  startedAt: iso('2026-03-03T11:00'),
  resolvedAt: null,
  resolutionNote: null,
  closedAt: null,
  satisfaction: null,
  cancelledAt: null,
  cancelReason: null,
  lastStepAt: iso('2026-03-03T11:00'),
  updatedAt: iso('2026-03-03T11:00'),
}

const terms: ChangeTerms = { provider: IT, also: [HR], service: undefined, defaults: { responseHours: 8, resolutionDays: 5 }, schedule: s }
const why = { reason: '销售部追加回款字段', impact: null }
const change = (edit: Partial<RequestChange>): RequestChange => ({ ...why, ...edit })
const now = t('2026-03-06T17:00')

describe('a change of scope', () => {
  it('sends an in-progress request back to new: a new response clock from the change (Wed 10:00 + 8 h = Wed 18:00), the response and the work forgotten', () => {
    const out = changeRequest(inProgress, change({ title: 'CRM 导出报表(含回款字段)' }), terms, t('2026-03-04T10:00'), now)
    expect(out.scopeChange).toBe(true)
    expect(out.supersedeEvaluations).toBe(true)
    expect([out.statusBefore, out.statusAfter]).toEqual(['in_progress', 'new'])
    expect(out.changes).toEqual({ title: { from: 'CRM 导出报表', to: 'CRM 导出报表(含回款字段)' } })
    expect(out.request).toEqual({
      ...inProgress,
      title: 'CRM 导出报表(含回款字段)',
      status: 'new',
      responseDue: iso('2026-03-04T18:00'),
      respondedAt: null,
      responseOnTime: null,
      decision: null,
      expectedDate: null,
      resolutionDue: null,
      startedAt: null,
      lastStepAt: iso('2026-03-04T10:00'),
      updatedAt: now.toISOString(),
    })
    // what the event log keeps: the earlier response (late) and the new due time
    expect(out.details).toEqual({
      at: iso('2026-03-04T10:00'),
      changes: out.changes,
      reason: why.reason,
      impact: null,
      scopeChange: true,
      statusBefore: 'in_progress',
      statusAfter: 'new',
      previousResponse: { decision: 'accepted', at: iso('2026-03-03T10:00'), onTime: false },
      responseDue: iso('2026-03-04T18:00'),
    })
    // the clock it ends, kept with the change so that T still counts the late answer
    expect(out.superseded).toEqual({ providerId: IT.id, responseDue: iso('2026-03-02T18:00'), respondedAt: iso('2026-03-03T10:00') })
  })

  it('keeps the ended clock of the provider it had, when the provider changes', () => {
    const out = changeRequest(inProgress, change({ provider: FIN }), terms, t('2026-03-04T10:00'), now)
    expect(out.superseded).toEqual({ providerId: IT.id, responseDue: iso('2026-03-02T18:00'), respondedAt: iso('2026-03-03T10:00') })
  })

  it("restarts with the service's response hours while the provider still provides it: Fri 16:00 + 4 h = 2 h Fri + 2 h Mon → Mon 11:00", () => {
    const withService = { ...inProgress, serviceId: 9 }
    const service = { providerId: IT.id, responseHours: 4, resolutionDays: 1 }
    const out = changeRequest(withService, change({ description: '加回款字段' }), { ...terms, service }, t('2026-03-06T16:00'), now)
    expect(out.request.responseDue).toBe(iso('2026-03-09T11:00'))
    expect(out.request.serviceId).toBe(9)
  })

  it('leaves the service when the new provider does not provide it, with the default 8 h: Fri 16:00 → 2 h Fri + 6 h Mon → Mon 15:00', () => {
    const withService = { ...inProgress, serviceId: 9 }
    const service = { providerId: IT.id, responseHours: 4, resolutionDays: 1 }
    const out = changeRequest(withService, change({ provider: FIN }), { ...terms, service }, t('2026-03-06T16:00'), now)
    expect(out.changes).toEqual({ provider: { from: 'IT', to: 'FIN' } })
    expect(out.request).toMatchObject({ providerId: FIN.id, serviceId: null, status: 'new', responseDue: iso('2026-03-09T15:00') })
  })

  it('also reopens a rejected request for a new answer', () => {
    const rejected: Request = { ...inProgress, status: 'rejected', decision: 'rejected', rejectReason: '不在职责范围', expectedDate: null, resolutionDue: null, startedAt: null }
    const out = changeRequest(rejected, change({ provider: FIN }), terms, t('2026-03-04T10:00'), now)
    expect(out.request).toMatchObject({ status: 'new', decision: null, rejectReason: null, respondedAt: null })
  })
})

describe('a change that is not of scope', () => {
  it('keeps the status, the response and the evaluations: only the needed-by date moves', () => {
    const out = changeRequest(inProgress, change({ neededBy: '2026-03-27' }), terms, t('2026-03-04T10:00'), now)
    expect(out.scopeChange).toBe(false)
    expect(out.supersedeEvaluations).toBe(false)
    expect(out.superseded).toBeUndefined()
    expect(out.request).toEqual({ ...inProgress, neededBy: '2026-03-27', lastStepAt: iso('2026-03-04T10:00'), updatedAt: now.toISOString() })
    expect(out.details).toEqual({ at: iso('2026-03-04T10:00'), changes: { neededBy: { from: '2026-03-20', to: '2026-03-27' } }, reason: why.reason, impact: null, scopeChange: false })
  })

  it('records the co-responsible units by code in id order, and returns their ids', () => {
    const out = changeRequest(inProgress, change({ also: [FIN, LEGAL] }), terms, t('2026-03-04T10:00'), now)
    expect(out.changes).toEqual({ also: { from: ['HR'], to: ['LEGAL', 'FIN'] } })
    expect(out.also).toEqual([4, 5])
    expect(out.request.status).toBe('in_progress')
  })

  it('may still change the dates of a resolved request', () => {
    const resolved = { ...inProgress, status: 'resolved' as const, resolvedAt: iso('2026-03-05T10:00'), lastStepAt: iso('2026-03-05T10:00') }
    expect(changeRequest(resolved, change({ neededBy: null }), terms, t('2026-03-06T10:00'), now).request.neededBy).toBeNull()
  })
})

describe('refused changes', () => {
  it.each<[string, Partial<Request>, Partial<RequestChange>, string]>([
    ['the same values', {}, { title: 'CRM 导出报表', provider: IT, also: [HR] }, 'nothing changes: REQ-0007 already has those values'],
    ['a change of scope once resolved', { status: 'resolved' }, { title: 'x' }, 'cannot change REQ-0007 in status resolved'],
    ['any change once closed', { status: 'closed' }, { neededBy: null }, 'REQ-0007 is closed: it can no longer change'],
    ['any change once cancelled', { status: 'cancelled' }, { also: [] }, 'REQ-0007 is cancelled: it can no longer change'],
  ])('%s', (_what, state, edit, message) => {
    expect(() => changeRequest({ ...inProgress, ...state }, change(edit), terms, t('2026-03-04T10:00'), now)).toThrow(message)
  })
})

describe('diffRequest', () => {
  it('lists the fields that differ in a fixed order: title, description, provider, neededBy, also', () => {
    const diff = diffRequest(inProgress, { also: [], neededBy: null, provider: HR, description: 'd', title: 't' }, terms)
    expect(Object.keys(diff)).toEqual(['title', 'description', 'provider', 'neededBy', 'also'])
  })
})
