import { describe, expect, it } from 'vitest'
import { checkFindingClose, checkFindingDue, checkInScope, findingAction, findingDaysOverdue, findingState, opensAction, parseSeverity } from '../../src/domain/supervision/audit.js'

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

describe('audit scope, the action a finding opens, closing a finding', () => {
  // 1 QA, 2 QA-LAB under QA, 3 IT; the audit covers QA and IT
  const parentOf = new Map<number, number | null>([[1, null], [2, 1], [3, null], [4, null]])
  const scope = [{ id: 1, code: 'QA' }, { id: 3, code: 'IT' }]

  it('takes an audited unit or a unit under one, refuses another naming the scope', () => {
    expect(() => checkInScope({ id: 2, code: 'QA-LAB' }, { code: 'AUD-0001' }, scope, parentOf)).not.toThrow()
    expect(() => checkInScope({ id: 3, code: 'IT' }, { code: 'AUD-0001' }, scope, parentOf)).not.toThrow()
    expect(() => checkInScope({ id: 4, code: 'HR' }, { code: 'AUD-0001' }, scope, parentOf)).toThrow('HR is not in the scope of AUD-0001 (QA, IT)')
  })

  it('opens an action for a major or critical finding, due when the finding is', () => {
    const f = { code: 'FND-0002', severity: 'major' as const, description: '评审记录缺失', due: '2026-06-30' }
    expect(findingAction({ code: 'AUD-0001' }, f)).toEqual({ sourceRef: 'FND-0002', description: 'AUD-0001 major finding FND-0002: 评审记录缺失', due: '2026-06-30' })
    expect(findingAction({ code: 'AUD-0001' }, { ...f, severity: 'minor' })).toBeNull()
  })

  it('refuses closing a closed finding, or before the audit (local day)', () => {
    const f = { code: 'FND-0001', status: 'open' as const, close_note: null }
    expect(() => checkFindingClose({ ...f, status: 'closed', close_note: 'done' }, '2026-05-20', new Date('2026-06-01T02:00:00Z'))).toThrow('FND-0001 is already closed (done)')
    expect(() => checkFindingClose(f, '2026-05-20', new Date('2026-05-19T15:59:00Z'))).toThrow('FND-0001 cannot be closed on 2026-05-19, before its audit (2026-05-20)')
    expect(() => checkFindingClose(f, '2026-05-20', new Date('2026-05-19T16:00:00Z'))).not.toThrow()
  })
})
