import { describe, expect, it } from 'vitest'
import {
  cancellation,
  checkCompletionDate,
  checkMember,
  completion,
  progressAfter,
  checkOpen,
  checkProjectDates,
  isLate,
  parsePercent,
  parseProjectKind,
  parseProjectStatus,
  parseQuality,
  projectTiming,
  timingText,
} from '../../src/domain/collaboration/project.js'

const TODAY = '2026-07-01'

describe('projectTiming and timingText', () => {
  it.each([
    ['completed before due', 'completed', '2026-06-30', '2026-06-28', 'on_time', 0, 'on time'],
    ['completed on the due date', 'completed', '2026-06-30', '2026-06-30', 'on_time', 0, 'on time'],
    ['completed a day late', 'completed', '2026-06-30', '2026-07-01', 'late', 1, 'late 1 day'],
    ['completed 14 days late (Mar 31 → Apr 14)', 'completed', '2026-03-31', '2026-04-14', 'late', 14, 'late 14 days'],
    ['open, due yesterday', 'open', '2026-06-30', null, 'overdue', 1, 'overdue 1 day'],
    ['open, due May 29 (33 days ago)', 'open', '2026-05-29', null, 'overdue', 33, 'overdue 33 days'],
    ['open, due today', 'open', '2026-07-01', null, 'open', 0, 'due today'],
    ['open, due in 3 days', 'open', '2026-07-04', null, 'open', 3, 'due in 3 days'],
    ['cancelled past due', 'cancelled', '2026-05-01', null, 'cancelled', 0, 'cancelled'],
  ] as const)('%s', (_what, status, due, completed, state, days, text) => {
    const t = projectTiming({ status, due, completed_on: completed }, TODAY)
    expect(t).toEqual({ state, days })
    expect(timingText(t)).toBe(text)
    expect(isLate(t)).toBe(state === 'late' || state === 'overdue')
  })
})

describe('project rules', () => {
  it('refuses a due date before the start date, accepts the same day', () => {
    expect(() => checkProjectDates('2026-02-01', '2026-01-31')).toThrow(/due date 2026-01-31 is before the start date 2026-02-01/)
    expect(() => checkProjectDates('2026-02-01', '2026-02-01')).not.toThrow()
  })

  it('refuses a completion in the future or before the start', () => {
    expect(() => checkCompletionDate('2026-07-02', '2026-01-01', TODAY)).toThrow(/in the future/)
    expect(() => checkCompletionDate('2025-12-31', '2026-01-01', TODAY)).toThrow(/before the project started/)
    expect(() => checkCompletionDate(TODAY, '2026-01-01', TODAY)).not.toThrow()
  })

  it('refuses changing a completed or cancelled project', () => {
    expect(() => checkOpen({ code: 'PRJ-0001', status: 'completed', completed_on: '2026-04-28' }, 'complete')).toThrow('cannot complete PRJ-0001: it was completed on 2026-04-28')
    expect(() => checkOpen({ code: 'PRJ-0002', status: 'cancelled', completed_on: null }, 'complete')).toThrow('cannot complete PRJ-0002: it was cancelled')
    expect(() => checkOpen({ code: 'PRJ-0003', status: 'open', completed_on: null }, 'complete')).not.toThrow()
  })

  it.each([
    ['1', 1], ['5', 5], [' 3 ', 3],
  ])('quality %j is %i', (text, n) => expect(parseQuality(text)).toBe(n))

  it.each(['0', '6', '3.5', 'good', ''])('quality %j is refused (exit 3)', (text) => {
    expect(() => parseQuality(text)).toThrow(expect.objectContaining({ exitCode: 3, message: expect.stringContaining('--quality must be a whole number from 1 to 5') }))
  })

  it.each([['0', 0], ['100', 100], ['60', 60]])('percent %j is %i', (text, n) => expect(parsePercent(text)).toBe(n))

  it.each(['-1', '101', '50%'])('percent %j is refused', (text) => {
    expect(() => parsePercent(text)).toThrow(/--percent must be a whole number from 0 to 100/)
  })

  it('parses kinds and statuses in any case', () => {
    expect(parseProjectKind('Problem')).toBe('problem')
    expect(parseProjectStatus('OPEN')).toBe('open')
    expect(() => parseProjectKind('task')).toThrow(/invalid project kind 'task'/)
    expect(() => parseProjectStatus('late')).toThrow(/invalid project status 'late'/)
  })
})

describe('project changes', () => {
  const open = { code: 'PRJ-0001', status: 'open' as const, owner_id: 1, start_date: '2026-02-01', completed_on: null }
  const completed = { ...open, status: 'completed' as const, completed_on: '2026-04-28' }

  it('refuses the owner as a member, and members of a project no longer open', () => {
    expect(() => checkMember(open, { id: 1, code: 'IT' })).toThrow('IT owns PRJ-0001; members are the other units that take part')
    expect(() => checkMember(completed, { id: 2, code: 'FIN' })).toThrow('cannot change the members of PRJ-0001: it was completed on 2026-04-28')
    expect(() => checkMember(open, { id: 2, code: 'FIN' })).not.toThrow()
  })

  it('keeps the percent of the latest update in time: 60 % on Jun 1 stays when 30 % is back-filled for Mar 1', () => {
    const history = [{ at: '2026-06-01T02:00:00.000Z', percent: 60 }]
    expect(progressAfter(open, history, { at: new Date('2026-03-01T02:00:00Z'), percent: 30 })).toBe(60)
    expect(progressAfter(open, history, { at: new Date('2026-06-02T02:00:00Z'), percent: 50 })).toBe(50)
    expect(progressAfter(open, history, { at: new Date('2026-06-01T02:00:00Z'), percent: 70 })).toBe(70)
    expect(progressAfter(open, [], { at: new Date('2026-02-01T02:00:00Z'), percent: 10 })).toBe(10)
  })

  it('refuses progress before the start (local day) and on a project no longer open', () => {
    expect(() => progressAfter(open, [], { at: new Date('2026-01-31T15:59:00Z'), percent: 10 })).toThrow('progress at 2026-01-31 is before PRJ-0001 started (2026-02-01)')
    expect(() => progressAfter(completed, [], { at: new Date('2026-05-01T02:00:00Z'), percent: 10 })).toThrow('cannot record progress on PRJ-0001')
  })

  it('completes an open project at 100 % with its quality, and cancels one', () => {
    expect(completion(open, { date: '2026-04-28', quality: 4, note: null }, TODAY)).toEqual({ status: 'completed', progress: 100, completedOn: '2026-04-28', quality: 4, completionNote: null })
    expect(completion(open, { date: '2026-04-28', quality: null, note: null }, TODAY)).toEqual({ status: 'completed', progress: 100, completedOn: '2026-04-28', quality: null, completionNote: null })
    expect(() => completion(completed, { date: '2026-04-28', quality: 4, note: null }, TODAY)).toThrow('cannot complete PRJ-0001')
    expect(() => completion(open, { date: '2026-07-02', quality: 4, note: null }, TODAY)).toThrow(/in the future/)
    const at = new Date('2026-03-01T02:00:00Z')
    expect(cancellation(open, '并入二期', at)).toEqual({ status: 'cancelled', cancelledAt: at, cancelReason: '并入二期' })
    expect(() => cancellation(completed, 'x', at)).toThrow('cannot cancel PRJ-0001')
  })
})
