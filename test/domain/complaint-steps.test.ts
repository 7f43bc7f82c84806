import { describe, expect, it } from 'vitest'
import { complaintFacts, type Complaint } from '../../src/domain/complaints/complaint.js'
import { checkComplaintStep, complaintAfter, receiveComplaint, type ComplaintStep } from '../../src/domain/complaints/complaint-steps.js'
import { checkActionDone } from '../../src/domain/supervision/action.js'

// TZ is Asia/Shanghai in vitest.config.ts; times below are local.
const t = (local: string) => new Date(`${local}:00+08:00`)
const iso = (local: string) => t(local).toISOString()
const now = t('2026-03-20T12:00')

/** CMP-0001 against IT (2) from HR (3), received Mon 2026-03-02 09:30. */
const received: Complaint = {
  id: 1,
  code: 'CMP-0001',
  ...receiveComplaint({ complainantId: 3, againstId: 2, requestId: null, channel: 'email', summary: '考勤系统月底宕机', handler: '王敏' }, t('2026-03-02T09:30'), t('2026-03-02T09:31')),
}

/** Runs steps one after another, each at its own time. */
function after(c: Complaint, ...steps: [ComplaintStep, string][]): Complaint {
  return steps.reduce((x, [step, at]) => complaintAfter(x, step, t(at), now), c)
}

const plan: ComplaintStep = { action: 'plan', responsibleId: 2, measures: '扩容考勤服务器', deadline: '2026-03-11' }
const planned = after(received, [{ action: 'investigate' }, '2026-03-02T10:00'], [plan, '2026-03-04T10:00'])

describe('receiveComplaint', () => {
  it('starts received, its status clock at the intake, nothing planned or verified', () => {
    expect(received).toMatchObject({ status: 'received', receivedAt: iso('2026-03-02T09:30'), statusChangedAt: iso('2026-03-02T09:30'), createdAt: iso('2026-03-02T09:31'), plan: null, feedback: null, verification: null, rootCause: null })
  })
})

describe('complaintAfter', () => {
  it('records the investigation and the plan, moving the status clock with each', () => {
    expect(planned).toMatchObject({
      status: 'planned',
      investigatedAt: iso('2026-03-02T10:00'),
      plan: { responsibleId: 2, measures: '扩容考勤服务器', deadline: '2026-03-11', plannedAt: iso('2026-03-04T10:00') },
      statusChangedAt: iso('2026-03-04T10:00'),
      updatedAt: now.toISOString(),
    })
  })

  it('sends a disputed plan back to investigation, keeping the answer', () => {
    const disputed = after(planned, [{ action: 'feedback', accepted: false, note: '只重启不解决根本问题' }, '2026-03-05T10:00'])
    expect(disputed).toMatchObject({ status: 'investigating', feedback: { accepted: false, note: '只重启不解决根本问题', at: iso('2026-03-05T10:00') }, statusChangedAt: iso('2026-03-05T10:00') })
  })

  it('clears the earlier answer and verification when a new plan is made (the timeline keeps them)', () => {
    const reopened = after(
      planned,
      [{ action: 'feedback', accepted: true, note: null }, '2026-03-05T10:00'],
      [{ action: 'verify', resolved: false, satisfaction: 2, note: '仍然宕机' }, '2026-03-12T10:00'],
    )
    expect(reopened).toMatchObject({ status: 'investigating', verification: { resolved: false, satisfaction: 2 }, feedback: { accepted: true } })
    const replanned = after(reopened, [{ ...plan, deadline: '2026-03-20' }, '2026-03-13T10:00'])
    expect(replanned).toMatchObject({ status: 'planned', feedback: null, verification: null, plan: { deadline: '2026-03-20' } })
  })

  it('closes a complaint verified resolved once it has a root cause; the root cause does not move the status clock', () => {
    const confirmed = after(planned, [{ action: 'feedback', accepted: true, note: null }, '2026-03-05T10:00'])
    expect(() => after(confirmed, [{ action: 'verify', resolved: true, satisfaction: 4, note: null }, '2026-03-10T10:00'])).toThrow(
      'cannot verify CMP-0001 as resolved without a root cause',
    )
    const withCause = after(confirmed, [{ action: 'root_cause', category: 'system', analysis: '并发高峰超出容量' }, '2026-03-06T10:00'])
    expect(withCause.statusChangedAt).toBe(iso('2026-03-05T10:00'))
    const verified = after(withCause, [{ action: 'verify', resolved: true, satisfaction: 4, note: null }, '2026-03-10T10:00'])
    expect(verified).toMatchObject({ status: 'verified', verification: { resolved: true, satisfaction: 4, note: null, at: iso('2026-03-10T10:00') } })
    // verified 03-10 ≤ deadline 03-11: the facts the assessment reads
    expect(complaintFacts(verified)).toEqual({ status: 'verified', planDeadline: '2026-03-11', verifiedAt: t('2026-03-10T10:00'), satisfaction: 4 })
  })

  it('keeps the status for evidence and prevention actions', () => {
    expect(after(planned, [{ action: 'evidence' }, '2026-03-03T10:00'])).toMatchObject({ status: 'planned', statusChangedAt: iso('2026-03-04T10:00') })
    expect(after(planned, [{ action: 'prevention' }, '2026-03-04T11:00']).status).toBe('planned')
  })
})

describe('checkComplaintStep', () => {
  it.each<[string, Complaint, Parameters<typeof checkComplaintStep>[1], string, string]>([
    ['a step the state machine does not allow', received, { action: 'verify', resolved: true }, '2026-03-02T10:00', 'cannot verify CMP-0001 in status received'],
    ['a status step before the last status change', planned, { action: 'feedback', accepted: true }, '2026-03-04T09:00', 'is before CMP-0001 became planned'],
    ['an investigation before the complaint was received', received, { action: 'investigate' }, '2026-03-02T09:00', 'is before CMP-0001 was received'],
    ['evidence before the complaint was received', planned, { action: 'evidence' }, '2026-03-01T09:00', 'is before CMP-0001 was received'],
  ])('refuses %s', (_what, c, kind, at, message) => {
    expect(() => checkComplaintStep(c, kind, t(at))).toThrow(message)
  })

  it('allows evidence dated after the intake but before the plan (it only follows the intake)', () => {
    expect(checkComplaintStep(planned, { action: 'evidence' }, t('2026-03-03T10:00'))).toBe('planned')
  })
})

describe('checkActionDone', () => {
  const open = { code: 'ACT-0003', status: 'open' as const, doneNote: null, createdAt: iso('2026-03-02T10:00') }
  it('refuses an action already done, and one done before it was opened', () => {
    expect(() => checkActionDone({ ...open, status: 'done', doneNote: '已上线' }, t('2026-03-03T10:00'))).toThrow('ACT-0003 is already done (已上线)')
    expect(() => checkActionDone(open, t('2026-03-02T09:00'))).toThrow('is before ACT-0003 was opened')
    expect(() => checkActionDone(open, t('2026-03-02T10:00'))).not.toThrow()
  })
})
