import { describe, expect, it } from 'vitest'
import { checkFindingDue, findingDaysOverdue, findingState, opensAction, parseSeverity } from '../../src/domain/supervision/audit.js'

describe('audit findings', () => {
  it.each([
    ['open, due tomorrow', 'open', '2026-07-02', 'open', 0],
    ['open, due today', 'open', '2026-07-01', 'open', 0],
    ['open, due yesterday', 'open', '2026-06-30', 'overdue', 1],
    ['open, due Jun 15 (16 days ago)', 'open', '2026-06-15', 'overdue', 16],
    ['closed after its due date', 'closed', '2026-06-15', 'closed', 0],
  ] as const)('%s → %s', (_what, status, due, state, days) => {
    expect(findingState({ status, due }, '2026-07-01')).toBe(state)
    expect(findingDaysOverdue({ status, due }, '2026-07-01')).toBe(days)
  })

  it.each([
    ['minor', false],
    ['major', true],
    ['critical', true],
  ] as const)('a %s finding opens an improvement action: %s', (severity, opens) => {
    expect(opensAction(severity)).toBe(opens)
  })

  it('parses severities in any case and refuses others', () => {
    expect(parseSeverity(' Major ')).toBe('major')
    expect(() => parseSeverity('high')).toThrow(/invalid severity 'high'/)
  })

  it('refuses a finding due before its audit', () => {
    expect(() => checkFindingDue('2026-05-19', '2026-05-20')).toThrow(/before the audit date 2026-05-20/)
    expect(() => checkFindingDue('2026-05-20', '2026-05-20')).not.toThrow()
  })
})
