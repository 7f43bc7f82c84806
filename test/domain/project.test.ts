import { describe, expect, it } from 'vitest'
import {
  checkCompletionDate,
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
