import { describe, expect, it } from 'vitest'
import { scheduleOf } from '../../src/domain/calendar/business-time.js'
import {
  checkChannel,
  checkPlanDeadline,
  checkStepTime,
  complainantChoice,
  complaintOutcome,
  complaintStats,
  defaultPlanDeadline,
  feedbackChoice,
  isOverdueComplaint,
  parseEvidenceKind,
  parseResolved,
  parseRootCauseCategory,
  parseSatisfaction,
  resolvedByDeadline,
  type ComplaintFacts,
} from '../../src/domain/complaints/complaint-rules.js'
import { parseInstant } from '../../src/domain/calendar/dates.js'
import { UserError } from '../../src/domain/errors.js'
import { complaintHandlingKpi } from '../../src/domain/assessment/kpi.js'

// The tests run with TZ=Asia/Shanghai (vitest.config.ts): local dates are +08:00 dates.
const t = (s: string) => parseInstant(s)

function thrown(fn: () => unknown): UserError {
  try {
    fn()
  } catch (e) {
    if (e instanceof UserError) return e
    throw e
  }
  throw new Error('expected a UserError')
}

describe('what the user types', () => {
  it.each([
    ['system', 'system'],
    [' People ', 'people'],
    ['COMMUNICATION', 'communication'],
  ])('root-cause category %j → %s', (text, category) => {
    expect(parseRootCauseCategory(text)).toBe(category)
  })
  it('refuses an unknown root-cause category, listing the six', () => {
    expect(thrown(() => parseRootCauseCategory('luck')).hint).toBe('use one of process, people, system, communication, resource, other')
  })

  it.each([
    ['document', 'document'],
    ['Interview', 'interview'],
    ['site_visit', 'site_visit'],
    ['site-visit', 'site_visit'],
  ])('evidence kind %j → %s', (text, kind) => {
    expect(parseEvidenceKind(text)).toBe(kind)
  })
  it('refuses an unknown evidence kind', () => {
    expect(() => parseEvidenceKind('photo')).toThrow(/invalid evidence kind 'photo'/)
  })

  it.each([
    ['yes', true],
    ['No', false],
  ])('--resolved %j → %j', (text, resolved) => {
    expect(parseResolved(text)).toBe(resolved)
  })
  it.each(['y', 'true', '1', ''])('refuses --resolved %j', (text) => {
    expect(() => parseResolved(text)).toThrow(/--resolved must be yes or no/)
  })

  it.each([
    ['1', 1],
    ['5', 5],
    [' 3 ', 3],
  ])('satisfaction %j → %i', (text, n) => {
    expect(parseSatisfaction(text)).toBe(n)
  })
  it.each(['0', '6', '4.5', 'x', '', '-1'])('refuses satisfaction %j', (text) => {
    expect(thrown(() => parseSatisfaction(text)).message).toMatch(/--satisfaction must be a whole number from 1 to 5/)
  })

  it('accepts a published channel in any case and refuses another, listing the published ones', () => {
    const channels = ['email', 'phone', 'online', 'in_person']
    expect(checkChannel('EMAIL', channels)).toBe('email')
    const e = thrown(() => checkChannel('fax', channels))
    expect(e.message).toBe("'fax' is not a published complaint channel")
    expect(e.hint).toBe('use one of email, phone, online, in_person (config complaint.channels)')
  })

  it.each([
    ['HR', undefined, { anonymous: false, from: 'HR' }],
    [' HR ', false, { anonymous: false, from: 'HR' }],
    [undefined, true, { anonymous: true }],
  ] as const)('--from %j --anonymous %j → %j', (from, anonymous, result) => {
    expect(complainantChoice(from, anonymous)).toEqual(result)
  })
  it.each([
    [undefined, undefined, /who is complaining\?/],
    ['', undefined, /who is complaining\?/],
    ['HR', true, /either --from or --anonymous, not both/],
  ] as const)('refuses --from %j --anonymous %j', (from, anonymous, message) => {
    expect(thrown(() => complainantChoice(from, anonymous)).message).toMatch(message)
  })

  it('reads --accepted and --disputed, exactly one of them', () => {
    expect(feedbackChoice(true, undefined)).toBe(true)
    expect(feedbackChoice(undefined, true)).toBe(false)
    expect(() => feedbackChoice(true, true)).toThrow(/not both/)
    expect(() => feedbackChoice(undefined, undefined)).toThrow(/--accepted or --disputed/)
  })
})

describe('the plan deadline on the business calendar', () => {
  // 2026: May 1–5 are holidays (劳动节), Saturday May 9 is a make-up working day.
  const schedule = scheduleOf('09:00-18:00', '1-5', [
    ...['2026-05-01', '2026-05-02', '2026-05-03', '2026-05-04', '2026-05-05'].map((date) => ({ date, type: 'holiday' as const })),
    { date: '2026-05-09', type: 'workday' as const },
  ])

  it.each([
    // Wed 10:00 + 5 × 9 h → next Wed 10:00
    ['2026-07-01T10:00', 5, '2026-07-08'],
    // Fri 19:00 is after hours: the clock starts Mon 09:00 and 45 h end Fri 18:00 (the end of a day stays on it)
    ['2026-07-03T19:00', 5, '2026-07-10'],
    // Thu Apr 30 10:00: 8 h that day, holidays May 1–5, 9 h each on May 6, 7, 8 and Saturday May 9 (调休), 1 h on Mon May 11
    ['2026-04-30T10:00', 5, '2026-05-11'],
    // 1 business day from Fri 17:00: 1 h on Fri, 8 h on Mon → Mon 17:00
    ['2026-07-03T17:00', 1, '2026-07-06'],
  ])('planned %s + %i business days → %s', (at, days, deadline) => {
    expect(defaultPlanDeadline(schedule, t(at), days)).toBe(deadline)
  })

  it('accepts a given deadline on or after the plan day, and refuses one before it', () => {
    expect(checkPlanDeadline('2026-07-01', t('2026-07-01T23:00'))).toBe('2026-07-01')
    expect(thrown(() => checkPlanDeadline('2026-06-30', t('2026-07-01T08:00'))).message).toBe('--deadline 2026-06-30 is before the plan is made (2026-07-01)')
  })

  it('refuses a step dated before the step it follows', () => {
    expect(checkStepTime(t('2026-03-02T10:00'), t('2026-03-02T10:00'), 'CMP-0001', 'was received').getTime()).toBe(t('2026-03-02T10:00').getTime())
    expect(thrown(() => checkStepTime(t('2026-03-02T09:59'), t('2026-03-02T10:00'), 'CMP-0001', 'was received')).message).toBe(
      '--at 2026-03-02T09:59:00+08:00 is before CMP-0001 was received (2026-03-02T10:00:00+08:00)',
    )
  })
})

describe('overdue, resolved by the deadline, and the outcome H reads', () => {
  const facts = (o: Partial<ComplaintFacts>): ComplaintFacts => ({ status: 'confirmed', planDeadline: '2026-03-10', verifiedAt: null, satisfaction: null, ...o })

  it.each([
    // plan deadline before today and not verified → overdue
    [{ status: 'confirmed', planDeadline: '2026-03-10' }, '2026-03-11', true],
    [{ status: 'planned', planDeadline: '2026-03-10' }, '2026-03-11', true],
    [{ status: 'investigating', planDeadline: '2026-03-10' }, '2026-03-11', true], // disputed or not resolved: the clock keeps running
    [{ status: 'confirmed', planDeadline: '2026-03-10' }, '2026-03-10', false], // due today is not late yet
    [{ status: 'verified', planDeadline: '2026-03-10' }, '2026-04-01', false],
    [{ status: 'investigating', planDeadline: null }, '2026-12-31', false], // no plan, no deadline
  ] as [Partial<ComplaintFacts>, string, boolean][])('%j on %s → overdue %j', (c, today, overdue) => {
    expect(isOverdueComplaint(facts(c), today)).toBe(overdue)
  })

  it.each([
    // verified at 17:00 local on the deadline day → on time
    [{ status: 'verified', verifiedAt: t('2026-03-10T17:00'), satisfaction: 4 }, true, 4],
    // 2026-03-10T17:00Z is 01:00 on March 11 in Shanghai → late
    [{ status: 'verified', verifiedAt: t('2026-03-10T17:00Z'), satisfaction: 5 }, false, 5],
    // a "not resolved" verification reopened it: not verified, neither in r nor in v
    [{ status: 'investigating', verifiedAt: t('2026-03-09T10:00'), satisfaction: 2 }, false, null],
    [{ status: 'confirmed' }, false, null],
  ] as [Partial<ComplaintFacts>, boolean, number | null][])('%j → by deadline %j, satisfaction %j', (c, onTime, satisfaction) => {
    expect(resolvedByDeadline(facts(c))).toBe(onTime)
    expect(complaintOutcome(facts(c))).toEqual({ resolvedByDeadline: onTime, verifiedSatisfaction: satisfaction })
  })

  it("feeds H as DESIGN.md §3's worked example: one complaint verified by its deadline with satisfaction 4 → 90", () => {
    const outcome = complaintOutcome(facts({ status: 'verified', verifiedAt: t('2026-03-09T16:00'), satisfaction: 4 }))
    expect(complaintHandlingKpi({ complaints: [outcome], requestsReceived: 4, complaintFree: 2 }).value).toBe(90)
  })
})

describe('complaintStats', () => {
  it('counts per unit complained about and per root-cause category', () => {
    const c = (against: string, o: Partial<ComplaintFacts>, rootCause: string | null) => ({
      status: 'received' as const,
      planDeadline: null,
      verifiedAt: null,
      satisfaction: null,
      ...o,
      against,
      rootCause,
    })
    const stats = complaintStats([
      c('IT', { status: 'verified', planDeadline: '2026-01-21', verifiedAt: t('2026-01-20T17:00'), satisfaction: 4 }, 'system'), // on time
      c('IT', { status: 'verified', planDeadline: '2026-03-20', verifiedAt: t('2026-04-02T10:00'), satisfaction: 3 }, 'process'), // late
      c('IT', { status: 'confirmed', planDeadline: '2026-04-17' }, 'people'),
      c('WH', { status: 'planned', planDeadline: '2026-05-20' }, 'process'),
      c('HR', { status: 'investigating' }, null),
    ])
    expect(stats.units).toEqual([
      { unit: 'HR', received: 1, verified: 0, resolvedByDeadline: 0, meanSatisfaction: null },
      // mean verified satisfaction (4 + 3) / 2 = 3.5
      { unit: 'IT', received: 3, verified: 2, resolvedByDeadline: 1, meanSatisfaction: 3.5 },
      { unit: 'WH', received: 1, verified: 0, resolvedByDeadline: 0, meanSatisfaction: null },
    ])
    // most first; ties in the order of the categories
    expect(stats.rootCauses).toEqual([
      { category: 'process', count: 2 },
      { category: 'people', count: 1 },
      { category: 'system', count: 1 },
    ])
    expect(stats.withoutRootCause).toBe(1)
  })

  it('rounds the mean satisfaction to two decimals: (5 + 4 + 4) / 3 = 4.33', () => {
    const v = (satisfaction: number) => ({ status: 'verified' as const, planDeadline: '2026-01-31', verifiedAt: t('2026-01-30T10:00'), satisfaction, against: 'IT', rootCause: 'other' })
    expect(complaintStats([v(5), v(4), v(4)]).units[0]!.meanSatisfaction).toBe(4.33)
  })

  it('is empty for no complaints', () => {
    expect(complaintStats([])).toEqual({ units: [], rootCauses: [], withoutRootCause: 0 })
  })
})
