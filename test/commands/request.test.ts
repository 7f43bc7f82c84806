import { describe, expect, it } from 'vitest'
import { cli, dbState } from '../helpers/harness.js'
import { tamper } from '../helpers/tamper.js'

/** A small company; the clock is Wed 2026-07-01 10:00 (+08:00). */
async function company(now = '2026-07-01T10:00:00+08:00') {
  const t = cli({ now })
  for (const [code, name] of [['IT', '信息技术部'], ['HR', '人力资源部'], ['SALES', '销售部'], ['FIN', '财务部']]) {
    await t.ok(['unit', 'add', code!, '--name', name!, '--kind', 'department'])
  }
  await t.ok(['service', 'add', 'IT-ACCOUNT', '--provider', 'IT', '--name', '账号开通', '--response-hours', '4', '--resolution-days', '1'])
  return t
}

describe('the request life cycle', () => {
  it('logs a request with its response due time on the business calendar', async () => {
    const t = await company()
    // Fri 2026-06-26 17:00 + 8 business hours → Mon 06-29 16:00
    const r = await t.ok(['request', 'log', '--from', 'SALES', '--to', 'IT', '--title', 'CRM 报表', '--at', '2026-06-26T17:00', '--json'])
    expect(r.json()).toMatchObject({ code: 'REQ-0001', status: 'new', from: 'SALES', to: 'IT', channel: 'online', responseDue: '2026-06-29T16:00:00+08:00', loggedAt: '2026-06-26T17:00:00+08:00' })
    const human = await t.ok(['request', 'log', '--from', 'HR', '--service', 'IT-ACCOUNT', '--title', '账号', '--at', '2026-06-30T17:30', '--channel', 'hotline'])
    expect(human.stdout).toBe('REQ-0002\n')
    // the service's 4 business hours: Tue 17:30 → 0.5 h Tue + 3.5 h Wed → Wed 12:30
    expect(human.stderr).toContain('REQ-0002 logged; response due 2026-07-01T12:30:00+08:00')
  })

  it('a calendar holiday stops the clock', async () => {
    const t = await company()
    await t.ok(['calendar', 'add', '2026-06-29', '--holiday'])
    const r = await t.ok(['request', 'log', '--from', 'SALES', '--to', 'IT', '--title', 'x', '--at', '2026-06-26T17:00', '--json'])
    expect(r.json().responseDue).toBe('2026-06-30T16:00:00+08:00')
  })

  it('goes through evaluate, accept, start, wait, resume, resolve and close', async () => {
    const t = await company()
    await t.ok(['request', 'log', '--from', 'HR', '--service', 'IT-ACCOUNT', '--title', '新员工账号', '--at', '2026-06-22T09:00'])
    await t.ok(['request', 'evaluate', 'req-0001', '--reasonableness', '4', '--feasibility', '3', '--impact', '5', '--cost-benefit', '2', '--evaluator', '张伟', '--at', '2026-06-22T10:00'])
    const accepted = await t.ok(['request', 'respond', 'REQ-0001', '--accept', '--expected', '2026-06-24', '--at', '2026-06-22T11:00', '--json'])
    // responded 11:00 before the 13:00 due; 1 business day to resolve → Tue 11:00
    expect(accepted.json()).toMatchObject({ status: 'accepted', responseOnTime: true, decision: 'accepted', expected: '2026-06-24', resolutionDue: '2026-06-23T11:00:00+08:00' })
    await t.ok(['request', 'start', 'REQ-0001', '--at', '2026-06-22T13:00'])
    await t.ok(['request', 'wait', 'REQ-0001', '--reason', '等资料', '--at', '2026-06-22T16:00'])
    // waited Mon 16:00 → Tue 10:00 = 2 h + 1 h = 3 business hours: due moves Tue 11:00 → Tue 14:00
    const resumed = await t.ok(['request', 'resume', 'REQ-0001', '--at', '2026-06-23T10:00', '--json'])
    expect(resumed.json()).toMatchObject({ status: 'in_progress', resolutionDue: '2026-06-23T14:00:00+08:00', pausedBusinessHours: 3 })
    await t.ok(['request', 'resolve', 'REQ-0001', '--note', '已开通', '--at', '2026-06-23T13:30'])
    const closed = await t.ok(['request', 'close', 'REQ-0001', '--satisfaction', '5', '--at', '2026-06-24T09:00', '--json'])
    expect(closed.json()).toMatchObject({ status: 'closed', satisfaction: 5, resolvedAt: '2026-06-23T13:30:00+08:00' })
    const log = (await t.ok(['log', '--entity', 'REQ-0001', '--json'])).json()
    expect(log.map((e: any) => e.action)).toEqual(['request.log', 'request.evaluate', 'request.accept', 'request.start', 'request.wait', 'request.resume', 'request.resolve', 'request.close'])
  })

  it('records a late response as late', async () => {
    const t = await company()
    await t.ok(['request', 'log', '--from', 'SALES', '--to', 'IT', '--title', 'x', '--at', '2026-06-22T09:00'])
    const r = await t.ok(['request', 'respond', 'REQ-0001', '--reject', '--reason', '不属于本部门', '--at', '2026-06-23T09:30', '--json'])
    expect(r.json()).toMatchObject({ status: 'rejected', responseOnTime: false, rejectReason: '不属于本部门' })
  })

  it('shows on time or late as measured now, in list and show alike: a value stored by an older rule is not shown', async () => {
    const t = await company()
    await t.ok(['request', 'log', '--from', 'SALES', '--to', 'IT', '--title', 'x', '--at', '2026-06-22T09:00']) // due Mon 17:00 (8 business hours)
    await t.ok(['request', 'respond', 'REQ-0001', '--accept', '--expected', '2026-06-30', '--at', '2026-06-22T16:00'])
    await t.ok(['request', 'start', 'REQ-0001', '--at', '2026-06-22T16:30'])
    await t.ok(['request', 'resolve', 'REQ-0001', '--note', 'ok', '--at', '2026-06-23T09:30'])
    // a row answered before the business-time rule: its stored flag says late
    await tamper(t.db, "update requests set response_on_time = 0 where code = 'REQ-0001'")
    const listed = (await t.ok(['request', 'list', '--json'])).json()[0]
    const shown = (await t.ok(['request', 'show', 'REQ-0001', '--json'])).json()
    expect(listed).toMatchObject({ code: 'REQ-0001', responseOnTime: true, resolutionOnTime: true })
    expect(shown).toMatchObject({ responseOnTime: true, resolutionOnTime: true })
  })

  it('replaces an evaluator\'s entry when they evaluate again, and explains the score', async () => {
    const t = await company()
    await t.ok(['request', 'log', '--from', 'SALES', '--to', 'IT', '--title', 'x', '--at', '2026-06-22T09:00', '--needed-by', '2026-07-03'])
    await t.ok(['request', 'evaluate', 'REQ-0001', '--reasonableness', '1', '--feasibility', '1', '--impact', '1', '--cost-benefit', '1', '--evaluator', 'A'])
    await t.ok(['request', 'evaluate', 'REQ-0001', '--reasonableness', '4', '--feasibility', '3', '--impact', '5', '--cost-benefit', '2', '--evaluator', 'A'])
    await t.ok(['request', 'evaluate', 'REQ-0001', '--reasonableness', '5', '--feasibility', '5', '--impact', '4', '--cost-benefit', '4', '--evaluator', 'B'])
    const show = (await t.ok(['request', 'show', 'REQ-0001', '--json'])).json()
    expect(show.evaluations.map((e: any) => e.evaluator)).toEqual(['A', 'B'])
    // means R 4.5, F 4, I 4.5, C 3 → 100 × (0.9 + 0.8 + 1.8 + 0.6 − 1) / 4 = 77.5
    expect(show.priority).toMatchObject({ score: 77.5, important: true, urgent: true, quadrant: 1 })
    expect(show.priority.explanation[1]).toBe('score = 100 × (0.2×4.5 + 0.2×4 + 0.4×4.5 + 0.2×3 − 1) / 4 = 77.5')
    // 5 business days from Wed 07-01 10:00 is Wed 07-08: needed by 07-03 is urgent
    expect(show.priority.explanation[3]).toContain('needed by 2026-07-03, on or before 2026-07-08')
    const human = await t.ok(['request', 'show', 'REQ-0001'])
    expect(human.stdout).toContain('Priority\n  means over 2 evaluations')
  })
})

describe('ranking the queue', () => {
  it('orders by quadrant, then score, then age, and includes co-responsible units', async () => {
    const t = await company()
    const log = async (title: string, at: string, extra: string[] = []) => t.ok(['request', 'log', '--from', 'SALES', '--to', 'IT', '--title', title, '--at', at, ...extra])
    await log('neither, old', '2026-06-01T09:00')
    await log('important, scored 70', '2026-06-02T09:00')
    await log('important+urgent', '2026-06-03T09:00', ['--needed-by', '2026-07-02'])
    await log('important, scored 90', '2026-06-04T09:00')
    await log('urgent only', '2026-06-05T09:00', ['--needed-by', '2026-07-06'])
    await t.ok(['request', 'log', '--from', 'SALES', '--to', 'HR', '--title', 'HR leads, IT helps', '--at', '2026-06-06T09:00', '--also', 'IT'])
    const ev = (code: string, r: string, f: string, i: string, c: string) => t.ok(['request', 'evaluate', code, '--reasonableness', r, '--feasibility', f, '--impact', i, '--cost-benefit', c])
    await ev('REQ-0002', '4', '3', '5', '2') // 70.0
    await ev('REQ-0003', '3', '3', '4', '3') // 100 × (0.6 + 0.6 + 1.6 + 0.6 − 1) / 4 = 60.0
    await ev('REQ-0004', '5', '4', '5', '4') // 90.0
    const rank = (await t.ok(['request', 'rank', '--to', 'IT', '--json'])).json()
    expect(rank.map((x: any) => [x.rank, x.code, x.quadrant, x.score])).toEqual([
      [1, 'REQ-0003', 1, 60],
      [2, 'REQ-0004', 2, 90],
      [3, 'REQ-0002', 2, 70],
      [4, 'REQ-0005', 3, null],
      [5, 'REQ-0001', 4, null],
      [6, 'REQ-0006', 4, null],
    ])
    const hr = (await t.ok(['request', 'list', '--to', 'HR', '--json'])).json()
    expect(hr.map((x: any) => x.code)).toEqual(['REQ-0006'])
    expect(hr[0].also).toEqual(['IT'])
  })
})

describe('monitoring', () => {
  it('lists overdue responses and resolutions with business hours late', async () => {
    const t = await company()
    await t.ok(['request', 'log', '--from', 'SALES', '--to', 'IT', '--title', 'unanswered', '--at', '2026-06-29T09:00']) // due Mon 17:00
    await t.ok(['request', 'log', '--from', 'HR', '--service', 'IT-ACCOUNT', '--title', 'accepted, late', '--at', '2026-06-26T09:00'])
    await t.ok(['request', 'respond', 'REQ-0002', '--accept', '--expected', '2026-06-29', '--at', '2026-06-26T10:00']) // resolution due Mon 06-29 10:00
    await t.ok(['request', 'log', '--from', 'FIN', '--to', 'IT', '--title', 'fresh', '--at', '2026-07-01T09:00'])
    const overdue = (await t.ok(['request', 'overdue', '--json'])).json()
    // now Wed 07-01 10:00: REQ-0002 late Mon 10:00 → Wed 10:00 = 8 + 9 + 1 = 18 h; REQ-0001 Mon 17:00 → Wed 10:00 = 1 + 9 + 1 = 11 h
    expect(overdue).toEqual([
      expect.objectContaining({ code: 'REQ-0002', overdue: 'resolution', businessHoursLate: 18 }),
      expect.objectContaining({ code: 'REQ-0001', overdue: 'response', businessHoursLate: 11 }),
    ])
    const asOf = (await t.ok(['request', 'overdue', '--as-of', '2026-06-29T12:00', '--json'])).json()
    expect(asOf.map((x: any) => [x.code, x.businessHoursLate])).toEqual([['REQ-0002', 2]])
    const list = (await t.ok(['request', 'list', '--overdue', '--json'])).json()
    expect(list.map((x: any) => [x.code, x.overdue])).toEqual([['REQ-0002', 'resolution'], ['REQ-0001', 'response']]) // oldest first
    const period = (await t.ok(['request', 'list', '--period', '2026-Q3', '--json'])).json()
    expect(period.map((x: any) => x.code)).toEqual(['REQ-0003'])
  })
})

describe('changes', () => {
  it('a change of scope sends the request back to new for re-evaluation, keeping the history', async () => {
    const t = await company()
    await t.ok(['request', 'log', '--from', 'SALES', '--to', 'IT', '--title', 'CRM 报表', '--at', '2026-06-22T09:00'])
    await t.ok(['request', 'evaluate', 'REQ-0001', '--reasonableness', '4', '--feasibility', '3', '--impact', '5', '--cost-benefit', '2', '--at', '2026-06-22T10:00'])
    await t.ok(['request', 'respond', 'REQ-0001', '--accept', '--expected', '2026-06-30', '--at', '2026-06-22T11:00'])
    const changed = await t.ok(['request', 'change', 'REQ-0001', '--title', 'CRM 报表(含回款)', '--reason', '追加回款字段', '--impact', '延后2天', '--at', '2026-06-23T09:00', '--json'])
    expect(changed.json()).toMatchObject({ status: 'new', title: 'CRM 报表(含回款)', decision: null, responseDue: '2026-06-23T17:00:00+08:00' }) // a new 8-hour clock from the change
    const show = (await t.ok(['request', 'show', 'REQ-0001', '--json'])).json()
    expect(show.changes).toEqual([expect.objectContaining({ changes: { title: { from: 'CRM 报表', to: 'CRM 报表(含回款)' } }, reason: '追加回款字段', impact: '延后2天', scopeChange: true, statusBefore: 'accepted', statusAfter: 'new' })])
    expect(show.evaluations[0].current).toBe(false)
    expect(show.priority.score).toBeNull()
    expect(show.timeline.map((e: any) => e.action)).toEqual(['request.log', 'request.evaluate', 'request.accept', 'request.change'])
  })

  it('a change of dates or co-responsible units keeps the status', async () => {
    const t = await company()
    await t.ok(['request', 'log', '--from', 'SALES', '--to', 'IT', '--title', 'x', '--at', '2026-06-22T09:00'])
    await t.ok(['request', 'respond', 'REQ-0001', '--accept', '--expected', '2026-06-30', '--at', '2026-06-22T11:00'])
    const r = await t.ok(['request', 'change', 'REQ-0001', '--needed-by', '2026-07-15', '--also', 'FIN', '--reason', '财务部参与', '--json'])
    expect(r.json()).toMatchObject({ status: 'accepted', neededBy: '2026-07-15', also: ['FIN'] })
  })
})

describe('bad input', () => {
  async function withRequest() {
    const t = await company()
    await t.ok(['request', 'log', '--from', 'SALES', '--to', 'IT', '--title', 'x', '--at', '2026-06-22T09:00'])
    return t
  }

  it.each([
    ['an unknown customer', ['request', 'log', '--from', 'NOPE', '--to', 'IT', '--title', 'x'], 4, /unknown customer unit 'NOPE'/],
    ['an unknown service', ['request', 'log', '--from', 'HR', '--service', 'NOPE', '--title', 'x'], 4, /unknown service 'NOPE'/],
    ['a service of another provider', ['request', 'log', '--from', 'HR', '--to', 'FIN', '--service', 'IT-ACCOUNT', '--title', 'x'], 3, /provided by IT, not FIN/],
    ['--from equal to --to', ['request', 'log', '--from', 'IT', '--to', 'it', '--title', 'x'], 3, /--from and --to are the same unit/],
    ['a channel not in the list', ['request', 'log', '--from', 'HR', '--to', 'IT', '--title', 'x', '--channel', 'fax'], 3, /invalid channel 'fax'/],
    ['--at in the future', ['request', 'log', '--from', 'HR', '--to', 'IT', '--title', 'x', '--at', '2026-07-02T09:00'], 3, /is in the future/],
    ['an impossible --at', ['request', 'log', '--from', 'HR', '--to', 'IT', '--title', 'x', '--at', '2026-02-30T09:00'], 3, /no such day/],
    ['a needed-by before logging', ['request', 'log', '--from', 'HR', '--to', 'IT', '--title', 'x', '--needed-by', '2026-06-01'], 3, /before the request was logged .*\(give --needed-by on or after 2026-07-01\)/],
    ['a change to the requesting unit itself', ['request', 'change', 'REQ-0001', '--to', 'SALES', '--reason', 'x'], 3, /--to SALES is the customer itself \(a request goes to another unit/],
    ['an empty title', ['request', 'log', '--from', 'HR', '--to', 'IT', '--title', '  '], 3, /cannot be empty/],
    ['a missing --title', ['request', 'log', '--from', 'HR', '--to', 'IT'], 2, /missing required option --title/],
    ['an unknown request', ['request', 'show', 'REQ-9999'], 4, /unknown request 'REQ-9999'/],
    ['a score out of range', ['request', 'evaluate', 'REQ-0001', '--reasonableness', '6', '--feasibility', '3', '--impact', '3', '--cost-benefit', '3'], 3, /reasonableness must be a whole number 1–5, got 6/],
    ['a score that is not a number', ['request', 'evaluate', 'REQ-0001', '--reasonableness', '4', '--feasibility', 'high', '--impact', '3', '--cost-benefit', '3'], 3, /feasibility must be a whole number 1–5/],
    ['a bad --important', ['request', 'evaluate', 'REQ-0001', '--reasonableness', '4', '--feasibility', '4', '--impact', '3', '--cost-benefit', '3', '--important', 'maybe'], 3, /--important must be yes or no/],
    ['--accept without --expected', ['request', 'respond', 'REQ-0001', '--accept'], 2, /missing required option --expected/],
    ['--reject without --reason', ['request', 'respond', 'REQ-0001', '--reject'], 2, /missing required option --reason/],
    ['both --accept and --reject', ['request', 'respond', 'REQ-0001', '--accept', '--reject', '--expected', '2026-07-01', '--reason', 'x'], 3, /exactly one of --accept and --reject/],
    ['neither --accept nor --reject', ['request', 'respond', 'REQ-0001'], 2, /missing required option --accept or --reject/],
    ['an expected date before logging', ['request', 'respond', 'REQ-0001', '--accept', '--expected', '2026-06-01'], 3, /--expected 2026-06-01 is before REQ-0001 was logged \(.*\) \(give --expected on or after /],
    ['an illegal transition', ['request', 'resolve', 'REQ-0001'], 3, /cannot .*REQ-0001.*new.*icm request/],
    ['a change without --reason', ['request', 'change', 'REQ-0001', '--title', 'y'], 2, /missing required option --reason/],
    ['a change with nothing to change', ['request', 'change', 'REQ-0001', '--reason', 'x'], 2, /nothing to change/],
    ['a step back-dated before the last one', ['request', 'respond', 'REQ-0001', '--reject', '--reason', 'x', '--at', '2026-06-21T09:00'], 3, /before the last recorded step/],
    ['an unknown status filter', ['request', 'list', '--status', 'done'], 3, /status/],
    ['a malformed period', ['request', 'list', '--period', '2026-H3'], 3, /period/],
    ['satisfaction out of range', ['request', 'close', 'REQ-0001', '--satisfaction', '9'], 3, /--satisfaction must be a whole number from 1 to 5/],
  ])('refuses %s', async (_what, args, code, message) => {
    const t = await withRequest()
    const before = await dbState(t.db)
    const r = await t.run(args)
    expect(r.code).toBe(code)
    expect(r.stderr).toMatch(message)
    expect(r.stderr.trim().split('\n')).toHaveLength(1)
    expect(r.stdout).toBe('')
    expect(await dbState(t.db)).toBe(before)
  })

  it('refuses responding twice, naming the earlier response', async () => {
    const t = await withRequest()
    await t.ok(['request', 'respond', 'REQ-0001', '--accept', '--expected', '2026-07-03'])
    const before = await dbState(t.db)
    const r = await t.run(['request', 'respond', 'REQ-0001', '--reject', '--reason', 'x'])
    expect(r.code).toBe(3)
    expect(r.stderr).toMatch(/REQ-0001 was already accepted on 2026-07-01T10:00:00\+08:00/)
    expect(await dbState(t.db)).toBe(before)
  })

  it('names the allowed next steps when a transition is refused', async () => {
    const t = await withRequest()
    const r = await t.run(['request', 'close', 'REQ-0001'])
    expect(r.stderr).toContain('icm request evaluate')
    expect(r.stderr).toContain('icm request respond --accept')
  })
})

describe('the service catalogue', () => {
  it('adds, lists and shows services; their deadlines override the config defaults', async () => {
    const t = await company()
    await t.ok(['service', 'add', 'IT-REPAIR', '--provider', 'IT', '--name', '报修'])
    const list = (await t.ok(['service', 'list', '--provider', 'IT', '--json'])).json()
    expect(list.map((s: any) => [s.code, s.responseHours, s.resolutionDays, s.deadlinesFrom])).toEqual([
      ['IT-ACCOUNT', 4, 1, 'service'],
      ['IT-REPAIR', 8, 5, 'config'],
    ])
    await t.ok(['request', 'log', '--from', 'HR', '--service', 'IT-ACCOUNT', '--title', 'x', '--at', '2026-06-30T09:00'])
    expect((await t.ok(['service', 'show', 'IT-ACCOUNT', '--json'])).json().requests).toEqual({ total: 1, open: 1 })
  })

  it.each([
    ['a duplicate code', ['service', 'add', 'it-account', '--provider', 'IT', '--name', 'x'], 5],
    ['an unknown provider', ['service', 'add', 'X', '--provider', 'NOPE', '--name', 'x'], 4],
    ['negative hours', ['service', 'add', 'X', '--provider', 'IT', '--name', 'x', '--response-hours', '-2'], 3],
    ['an unknown service to show', ['service', 'show', 'NOPE'], 4],
  ])('refuses %s', async (_what, args, code) => {
    const t = await company()
    const before = await dbState(t.db)
    const r = await t.run(args)
    expect(r.code).toBe(code)
    expect(await dbState(t.db)).toBe(before)
  })
})
