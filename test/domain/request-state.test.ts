import { describe, expect, it } from 'vitest'
import { UserError } from '../../src/domain/errors.js'
import {
  allowedRequestActions,
  isOpenRequest,
  nextRequestStatus,
  parseRequestStatus,
  REQUEST_ACTIONS,
  REQUEST_STATUSES,
  type RequestAction,
  type RequestStatus,
} from '../../src/domain/requests/request-state.js'

function thrown(fn: () => unknown): UserError {
  try {
    fn()
  } catch (e) {
    if (e instanceof UserError) return e
    throw e
  }
  throw new Error('expected a UserError')
}

// Every allowed transition of DESIGN.md §2, and nothing else.
const ALLOWED: [RequestStatus, RequestAction, RequestStatus][] = [
  ['new', 'evaluate', 'evaluated'],
  ['evaluated', 'evaluate', 'evaluated'], // re-evaluation
  ['new', 'accept', 'accepted'], // evaluation is optional
  ['evaluated', 'accept', 'accepted'],
  ['new', 'reject', 'rejected'],
  ['evaluated', 'reject', 'rejected'],
  ['accepted', 'start', 'in_progress'],
  ['in_progress', 'wait', 'waiting'],
  ['waiting', 'resume', 'in_progress'],
  ['in_progress', 'resolve', 'resolved'],
  ['resolved', 'close', 'closed'],
  ['new', 'cancel', 'cancelled'],
  ['evaluated', 'cancel', 'cancelled'],
  ['accepted', 'cancel', 'cancelled'],
  ['in_progress', 'cancel', 'cancelled'],
  ['waiting', 'cancel', 'cancelled'],
  ['new', 'change', 'new'],
  ['evaluated', 'change', 'new'],
  ['accepted', 'change', 'new'],
  ['in_progress', 'change', 'new'],
  ['waiting', 'change', 'new'],
  ['rejected', 'change', 'new'],
]

describe('nextRequestStatus: allowed transitions', () => {
  it.each(ALLOWED)('%s --%s--> %s', (from, action, to) => {
    expect(nextRequestStatus(from, action, 'REQ-0007')).toBe(to)
  })

  it('refuses every other (status, action) pair', () => {
    const allowed = new Set(ALLOWED.map(([from, action]) => `${from}/${action}`))
    let refused = 0
    for (const from of REQUEST_STATUSES) {
      for (const action of REQUEST_ACTIONS) {
        if (allowed.has(`${from}/${action}`)) continue
        expect(() => nextRequestStatus(from, action)).toThrow(UserError)
        refused++
      }
    }
    expect(refused).toBe(REQUEST_STATUSES.length * REQUEST_ACTIONS.length - ALLOWED.length)
  })
})

describe('nextRequestStatus: refused transitions name the next commands', () => {
  it.each([
    ['new', 'start', 'cannot start REQ-0007 in status new',
      'next: icm request evaluate, icm request respond --accept, icm request respond --reject, icm request cancel, icm request change'],
    ['accepted', 'resolve', 'cannot resolve REQ-0007 in status accepted',
      'next: icm request start, icm request cancel, icm request change'],
    ['accepted', 'evaluate', 'cannot evaluate REQ-0007 in status accepted',
      'next: icm request start, icm request cancel, icm request change'],
    ['in_progress', 'close', 'cannot close REQ-0007 in status in_progress',
      'next: icm request wait, icm request resolve, icm request cancel, icm request change'],
    ['waiting', 'resolve', 'cannot resolve REQ-0007 in status waiting',
      'next: icm request resume, icm request cancel, icm request change'],
    ['rejected', 'accept', 'cannot accept REQ-0007 in status rejected', 'next: icm request change'],
    ['rejected', 'cancel', 'cannot cancel REQ-0007 in status rejected', 'next: icm request change'],
    ['resolved', 'cancel', 'cannot cancel REQ-0007 in status resolved', 'next: icm request close'],
    ['resolved', 'change', 'cannot change REQ-0007 in status resolved', 'next: icm request close'],
    ['closed', 'change', 'cannot change REQ-0007 in status closed', 'closed is final: nothing more can be done'],
    ['cancelled', 'start', 'cannot start REQ-0007 in status cancelled', 'cancelled is final: nothing more can be done'],
  ] as [RequestStatus, RequestAction, string, string][])('%s + %s', (from, action, message, hint) => {
    const e = thrown(() => nextRequestStatus(from, action, 'REQ-0007'))
    expect(e.message).toBe(message)
    expect(e.hint).toBe(hint)
    expect(e.exitCode).toBe(3)
  })

  it('says "the request" when no code is given', () => {
    expect(thrown(() => nextRequestStatus('closed', 'close')).message).toBe('cannot close the request in status closed')
  })
})

describe('allowedRequestActions and isOpenRequest', () => {
  it.each([
    ['new', ['evaluate', 'accept', 'reject', 'cancel', 'change'], true],
    ['evaluated', ['evaluate', 'accept', 'reject', 'cancel', 'change'], true],
    ['accepted', ['start', 'cancel', 'change'], true],
    ['in_progress', ['wait', 'resolve', 'cancel', 'change'], true],
    ['waiting', ['resume', 'cancel', 'change'], true],
    ['rejected', ['change'], false],
    ['resolved', ['close'], false],
    ['closed', [], false],
    ['cancelled', [], false],
  ] as [RequestStatus, RequestAction[], boolean][])('%s → %j, open %j', (status, actions, open) => {
    expect(allowedRequestActions(status)).toEqual(actions)
    expect(isOpenRequest(status)).toBe(open)
  })
})

describe('parseRequestStatus', () => {
  it.each([
    ['new', 'new'],
    ['IN_PROGRESS', 'in_progress'],
    ['in-progress', 'in_progress'],
    [' waiting ', 'waiting'],
  ])('%j → %s', (text, status) => {
    expect(parseRequestStatus(text)).toBe(status)
  })
  it('refuses an unknown status and lists the valid ones', () => {
    const e = thrown(() => parseRequestStatus('done'))
    expect(e.message).toBe("unknown request status 'done'")
    expect(e.hint).toBe('one of: new, evaluated, accepted, rejected, in_progress, waiting, resolved, closed, cancelled')
  })
})
