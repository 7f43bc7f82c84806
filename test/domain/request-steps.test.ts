import { describe, expect, it } from 'vitest'
import { scheduleOf } from '../../src/domain/calendar/business-time.js'
import type { Request } from '../../src/domain/requests/request.js'
import { checkAfterLastStep, evaluateRequest, openRequest, respondToRequest, workOnRequest } from '../../src/domain/requests/request-steps.js'
import { deadlinesOf } from '../../src/domain/requests/service.js'

// TZ is Asia/Shanghai in vitest.config.ts; times below are local. Working hours 09:00–18:00, Mon–Fri.
const s = scheduleOf('09:00-18:00', '1-5', [])
const t = (local: string) => new Date(`${local}:00+08:00`)
const iso = (local: string) => t(local).toISOString()
const now = t('2026-03-13T12:00')

const fields = { customerId: 1, providerId: 2, serviceId: null, channel: 'hotline', title: 'CRM 导出报表', description: null, neededBy: '2026-03-20' }

/** Logged Mon 2026-03-02 10:00 with 8 response hours: due 18:00 the same day. */
const logged: Request = { id: 7, code: 'REQ-0007', ...openRequest(fields, t('2026-03-02T10:00'), 8, s, t('2026-03-02T10:00')) }

describe('openRequest', () => {
  it('starts new, with its response clock: Fri 17:00 + 8 h = 1 h Fri + 7 h Mon → Mon 16:00', () => {
    const r = openRequest(fields, t('2026-03-06T17:00'), 8, s, now)
    expect(r).toMatchObject({ status: 'new', loggedAt: iso('2026-03-06T17:00'), responseDue: iso('2026-03-09T16:00'), lastStepAt: iso('2026-03-06T17:00'), pausedMinutes: 0, respondedAt: null, updatedAt: now.toISOString() })
  })
})

describe('deadlinesOf', () => {
  it("takes the service's own deadlines where it sets them, else the policy's", () => {
    const defaults = { responseHours: 8, resolutionDays: 5 }
    expect(deadlinesOf({ responseHours: 4, resolutionDays: null }, defaults)).toEqual({ responseHours: 4, resolutionDays: 5 })
    expect(deadlinesOf(undefined, defaults)).toEqual(defaults)
  })
})

describe('respondToRequest', () => {
  it('accepts on time (Mon 17:00 ≤ 18:00) and starts the resolution clock: Mon 17:00 + 5 business days → Mon 03-09 17:00', () => {
    const { request, details } = respondToRequest(logged, { accept: true, expected: '2026-03-09', resolutionDays: 5, schedule: s }, t('2026-03-02T17:00'), now, s)
    expect(request).toMatchObject({ status: 'accepted', decision: 'accepted', responseOnTime: true, respondedAt: iso('2026-03-02T17:00'), expectedDate: '2026-03-09', resolutionDue: iso('2026-03-09T17:00') })
    expect(details).toEqual({ at: iso('2026-03-02T17:00'), onTime: true, responseDue: iso('2026-03-02T18:00'), expected: '2026-03-09', resolutionDue: iso('2026-03-09T17:00'), reason: null })
  })

  it('rejects late (Tue 09:30 > Mon 18:00) with the reason, no resolution clock', () => {
    const { request, details } = respondToRequest(logged, { accept: false, reason: '不在职责范围' }, t('2026-03-03T09:30'), now, s)
    expect(request).toMatchObject({ status: 'rejected', decision: 'rejected', responseOnTime: false, rejectReason: '不在职责范围', resolutionDue: null })
    expect(details).toMatchObject({ onTime: false, expected: null, resolutionDue: null, reason: '不在职责范围' })
  })

  it('answers at 09:00 on the next working day to a response due at 18:00: on time, no working time passed', () => {
    // due Mon 03-02 18:00; answered Tue 03-03 09:00 → 0 business minutes late → on time; 09:01 → 1 minute → late
    expect(respondToRequest(logged, { accept: false, reason: 'x' }, t('2026-03-03T09:00'), now, s).request.responseOnTime).toBe(true)
    expect(respondToRequest(logged, { accept: false, reason: 'x' }, t('2026-03-03T09:01'), now, s).request.responseOnTime).toBe(false)
  })

  it.each<[string, () => unknown, string]>([
    ['a second response', () => respondToRequest({ ...logged, status: 'accepted', decision: 'accepted', respondedAt: iso('2026-03-02T11:00') }, { accept: false, reason: 'x' }, t('2026-03-02T12:00'), now, s), 'REQ-0007 was already accepted on 2026-03-02T11:00:00+08:00'],
    ['an expected date before the request was logged', () => respondToRequest(logged, { accept: true, expected: '2026-03-01', resolutionDays: 5, schedule: s }, t('2026-03-02T12:00'), now, s), '--expected 2026-03-01 is before REQ-0007 was logged (2026-03-02)'],
    ['a response dated before the last step', () => respondToRequest(logged, { accept: false, reason: 'x' }, t('2026-03-02T09:00'), now, s), 'is before the last recorded step of REQ-0007'],
    ['a response to a cancelled request', () => respondToRequest({ ...logged, status: 'cancelled' }, { accept: false, reason: 'x' }, t('2026-03-02T12:00'), now, s), 'cannot reject REQ-0007 in status cancelled'],
  ])('refuses %s', (_what, fn, message) => {
    expect(fn).toThrow(message)
  })
})

describe('workOnRequest', () => {
  const accepted = respondToRequest(logged, { accept: true, expected: null, resolutionDays: 5, schedule: s }, t('2026-03-02T10:00'), now, s).request
  const started = workOnRequest(accepted, { action: 'start' }, t('2026-03-02T11:00'), now).request
  // resolution due Mon 03-09 10:00; waiting Mon 03-02 14:00 → Tue 03-03 10:00
  const waiting = workOnRequest(started, { action: 'wait', reason: '等待字段清单' }, t('2026-03-02T14:00'), now).request

  it('pauses the resolution clock while waiting, and moves the due time by the paused business time: 4 h Mon + 1 h Tue = 300 min → Mon 03-09 15:00', () => {
    expect(waiting).toMatchObject({ status: 'waiting', waitingSince: iso('2026-03-02T14:00'), waitingReason: '等待字段清单' })
    const { request, details } = workOnRequest(waiting, { action: 'resume', schedule: s }, t('2026-03-03T10:00'), now)
    expect(request).toMatchObject({ status: 'in_progress', waitingSince: null, pausedMinutes: 300, resolutionDue: iso('2026-03-09T15:00') })
    expect(details).toEqual({ at: iso('2026-03-03T10:00'), pausedMinutes: 300, resolutionDue: iso('2026-03-09T15:00'), previousResolutionDue: iso('2026-03-09T10:00') })
  })

  it('adds a second wait to the first: 300 + 60 (Tue 17:00 → Wed 09:00 is 1 h) = 360 min', () => {
    const resumed = workOnRequest(waiting, { action: 'resume', schedule: s }, t('2026-03-03T10:00'), now).request
    const again = workOnRequest(resumed, { action: 'wait', reason: 'again' }, t('2026-03-03T17:00'), now).request
    expect(workOnRequest(again, { action: 'resume', schedule: s }, t('2026-03-04T09:00'), now).request).toMatchObject({ pausedMinutes: 360, resolutionDue: iso('2026-03-09T16:00') })
  })

  it('ends a wait when the request is cancelled', () => {
    const { request, details } = workOnRequest(waiting, { action: 'cancel', reason: '需求方已撤回' }, t('2026-03-02T15:00'), now)
    expect(request).toMatchObject({ status: 'cancelled', waitingSince: null, cancelledAt: iso('2026-03-02T15:00'), cancelReason: '需求方已撤回' })
    expect(details).toEqual({ at: iso('2026-03-02T15:00'), reason: '需求方已撤回' })
  })

  it('resolves on time when by the resolution due time, and closes with the satisfaction', () => {
    const { request, details } = workOnRequest(started, { action: 'resolve', note: '报表已上线' }, t('2026-03-09T10:00'), now)
    expect(details).toEqual({ at: iso('2026-03-09T10:00'), note: '报表已上线', onTime: true })
    const closed = workOnRequest(request, { action: 'close', satisfaction: 5 }, t('2026-03-09T11:00'), now)
    expect(closed.request).toMatchObject({ status: 'closed', closedAt: iso('2026-03-09T11:00'), satisfaction: 5 })
    expect(workOnRequest(started, { action: 'resolve', note: null }, t('2026-03-09T10:01'), now).details.onTime).toBe(false)
  })

  it('refuses a step the state machine does not allow, naming the next ones', () => {
    expect(() => workOnRequest(logged, { action: 'start' }, t('2026-03-02T11:00'), now)).toThrow('cannot start REQ-0007 in status new')
  })
})

describe('evaluateRequest and checkAfterLastStep', () => {
  it('moves new to evaluated and keeps the step clock', () => {
    expect(evaluateRequest(logged, t('2026-03-02T11:00'), now)).toMatchObject({ status: 'evaluated', lastStepAt: iso('2026-03-02T11:00') })
  })

  it('refuses a step dated before the last one, at the same minute allowed', () => {
    expect(() => checkAfterLastStep(logged, t('2026-03-02T09:59'))).toThrow('--at 2026-03-02T09:59:00+08:00 is before the last recorded step of REQ-0007 (2026-03-02T10:00:00+08:00)')
    expect(() => checkAfterLastStep(logged, t('2026-03-02T10:00'))).not.toThrow()
  })
})
