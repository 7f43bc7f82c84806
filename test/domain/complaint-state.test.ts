import { describe, expect, it } from 'vitest'
import { UserError } from '../../src/domain/errors.js'
import {
  allowedComplaintActions,
  COMPLAINT_ACTIONS,
  COMPLAINT_STATUSES,
  isOpenComplaint,
  nextComplaintStatus,
  parseComplaintStatus,
  type ComplaintAction,
  type ComplaintStatus,
  type ComplaintTransitionOptions,
} from '../../src/domain/complaints/complaint-state.js'

function thrown(fn: () => unknown): UserError {
  try {
    fn()
  } catch (e) {
    if (e instanceof UserError) return e
    throw e
  }
  throw new Error('expected a UserError')
}

const ALLOWED: [ComplaintStatus, ComplaintAction, ComplaintTransitionOptions, ComplaintStatus][] = [
  ['received', 'investigate', {}, 'investigating'],
  ['investigating', 'plan', {}, 'planned'],
  ['planned', 'plan', {}, 'planned'], // re-planning before the complainant answers
  ['planned', 'feedback', { accepted: true }, 'confirmed'],
  ['planned', 'feedback', { accepted: false }, 'investigating'], // disputed
  ['confirmed', 'verify', { resolved: true, hasRootCause: true }, 'verified'],
  ['confirmed', 'verify', { resolved: false }, 'investigating'], // not resolved
  ['confirmed', 'verify', { resolved: false, hasRootCause: false }, 'investigating'],
  // recording actions keep the status
  ['received', 'evidence', {}, 'received'],
  ['investigating', 'evidence', {}, 'investigating'],
  ['planned', 'evidence', {}, 'planned'],
  ['confirmed', 'evidence', {}, 'confirmed'],
  ['investigating', 'root_cause', {}, 'investigating'],
  ['planned', 'root_cause', {}, 'planned'],
  ['confirmed', 'root_cause', {}, 'confirmed'],
  ['received', 'prevention', {}, 'received'],
  ['investigating', 'prevention', {}, 'investigating'],
  ['planned', 'prevention', {}, 'planned'],
  ['confirmed', 'prevention', {}, 'confirmed'],
  ['verified', 'prevention', {}, 'verified'],
]

describe('nextComplaintStatus: allowed', () => {
  it.each(ALLOWED)('%s --%s %j--> %s', (from, action, options, to) => {
    expect(nextComplaintStatus(from, action, options, 'CMP-0001')).toBe(to)
  })

  it('refuses every other (status, action) pair', () => {
    const allowed = new Set(ALLOWED.map(([from, action]) => `${from}/${action}`))
    for (const from of COMPLAINT_STATUSES) {
      for (const action of COMPLAINT_ACTIONS) {
        if (allowed.has(`${from}/${action}`)) continue
        expect(() => nextComplaintStatus(from, action, { accepted: true, resolved: true, hasRootCause: true })).toThrow(UserError)
      }
    }
  })
})

describe('nextComplaintStatus: refused, with the next commands', () => {
  it.each([
    ['received', 'plan', 'cannot plan CMP-0001 in status received',
      'next: icm complaint investigate, icm complaint evidence, icm complaint prevent'],
    ['received', 'root_cause', 'cannot record a root cause for CMP-0001 in status received',
      'next: icm complaint investigate, icm complaint evidence, icm complaint prevent'],
    ['investigating', 'feedback', 'cannot record feedback on CMP-0001 in status investigating',
      'next: icm complaint plan, icm complaint evidence, icm complaint root-cause, icm complaint prevent'],
    ['planned', 'verify', 'cannot verify CMP-0001 in status planned',
      'next: icm complaint plan, icm complaint feedback, icm complaint evidence, icm complaint root-cause, icm complaint prevent'],
    ['confirmed', 'plan', 'cannot plan CMP-0001 in status confirmed',
      'next: icm complaint verify, icm complaint evidence, icm complaint root-cause, icm complaint prevent'],
    ['verified', 'investigate', 'cannot investigate CMP-0001 in status verified', 'next: icm complaint prevent'],
    ['verified', 'evidence', 'cannot add evidence to CMP-0001 in status verified', 'next: icm complaint prevent'],
  ] as [ComplaintStatus, ComplaintAction, string, string][])('%s + %s', (from, action, message, hint) => {
    const e = thrown(() => nextComplaintStatus(from, action, { accepted: true, resolved: true, hasRootCause: true }, 'CMP-0001'))
    expect(e.message).toBe(message)
    expect(e.hint).toBe(hint)
    expect(e.exitCode).toBe(3)
  })

  it('refuses to verify as resolved without a root cause, pointing at root-cause', () => {
    for (const options of [{ resolved: true }, { resolved: true, hasRootCause: false }]) {
      const e = thrown(() => nextComplaintStatus('confirmed', 'verify', options, 'CMP-0001'))
      expect(e.message).toBe('cannot verify CMP-0001 as resolved without a root cause')
      expect(e.hint).toBe('record it first: icm complaint root-cause')
    }
  })

  it('treats a missing feedback or verify outcome as a programming error, not user input', () => {
    expect(() => nextComplaintStatus('planned', 'feedback')).toThrow(TypeError)
    expect(() => nextComplaintStatus('confirmed', 'verify', { hasRootCause: true })).toThrow(TypeError)
  })
})

describe('allowedComplaintActions and isOpenComplaint', () => {
  it.each([
    ['received', ['investigate', 'evidence', 'prevention'], true],
    ['investigating', ['plan', 'evidence', 'root_cause', 'prevention'], true],
    ['planned', ['plan', 'feedback', 'evidence', 'root_cause', 'prevention'], true],
    ['confirmed', ['verify', 'evidence', 'root_cause', 'prevention'], true],
    ['verified', ['prevention'], false],
  ] as [ComplaintStatus, ComplaintAction[], boolean][])('%s → %j, open %j', (status, actions, open) => {
    expect(allowedComplaintActions(status)).toEqual(actions)
    expect(isOpenComplaint(status)).toBe(open)
  })
})

describe('parseComplaintStatus', () => {
  it.each([
    ['Received', 'received'],
    ['closed', 'verified'],
    [' planned ', 'planned'],
  ])('%j → %s', (text, status) => {
    expect(parseComplaintStatus(text)).toBe(status)
  })
  it('refuses an unknown status', () => {
    expect(thrown(() => parseComplaintStatus('open')).hint).toBe('one of: received, investigating, planned, confirmed, verified')
  })
})
