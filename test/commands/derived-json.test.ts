import { describe, expect, it } from 'vitest'
import { cli } from '../helpers/harness.js'

/** A small company; the clock is Wed 2026-07-01 10:00 (+08:00). */
async function company() {
  const t = cli()
  for (const [code, name] of [['IT', '信息技术部'], ['HR', '人力资源部'], ['SALES', '销售部'], ['FIN', '财务部']]) {
    await t.ok(['unit', 'add', code!, '--name', name!, '--kind', 'department'])
  }
  return t
}

describe('request rank shows who provides', () => {
  it('has provider and co-responsible columns with and without --to', async () => {
    const t = await company()
    await t.ok(['request', 'log', '--from', 'SALES', '--to', 'IT', '--title', 'CRM', '--at', '2026-06-01T09:00'])
    await t.ok(['request', 'log', '--from', 'SALES', '--to', 'HR', '--title', 'HR leads, IT helps', '--at', '2026-06-02T09:00', '--also', 'IT,FIN'])
    const piped = await t.ok(['request', 'rank'])
    const [header, ...lines] = piped.stdout.trimEnd().split('\n').map((l) => l.split('\t'))
    expect(header).toEqual(['#', 'code', 'quadrant', 'score', 'age (d)', 'status', 'from', 'to', 'also', 'title', 'needed by'])
    expect(lines.map((l) => [l[1], l[7], l[8]])).toEqual([
      ['REQ-0001', 'IT', ''],
      ['REQ-0002', 'HR', 'IT,FIN'],
    ])
    const json = (await t.ok(['request', 'rank', '--to', 'IT', '--json'])).json()
    expect(json.map((x: any) => [x.code, x.to, x.also])).toEqual([
      ['REQ-0001', 'IT', []],
      ['REQ-0002', 'HR', ['IT', 'FIN']],
    ])
  })
})

describe("write commands' --json carries the derived values", () => {
  it('request evaluate: the new priority score and quadrant', async () => {
    const t = await company()
    await t.ok(['request', 'log', '--from', 'SALES', '--to', 'IT', '--title', 'x', '--at', '2026-06-30T09:00', '--needed-by', '2026-07-02'])
    const before = (await t.ok(['request', 'show', 'REQ-0001', '--json'])).json()
    expect(before.code).toBe('REQ-0001')
    // R4 F3 I5 C2: 100 × (0.8 + 0.6 + 2.0 + 0.4 − 1) / 4 = 70; impact 5 ≥ 4 → important; needed by Thu → urgent: quadrant 1
    const r = await t.ok(['request', 'evaluate', 'REQ-0001', '--reasonableness', '4', '--feasibility', '3', '--impact', '5', '--cost-benefit', '2', '--json'])
    expect(r.json()).toMatchObject({ code: 'REQ-0001', status: 'evaluated', priority: { score: 70, quadrant: 1, important: true, urgent: true, evaluations: 1 } })
    expect(r.json().priority.quadrantLabel).toBeTypeOf('string')
  })

  it('request respond: on time or late, and the resolution due time', async () => {
    const t = await company()
    // logged Mon 06-29 09:00, response due 8 business hours later: Mon 17:00
    await t.ok(['request', 'log', '--from', 'SALES', '--to', 'IT', '--title', 'x', '--at', '2026-06-29T09:00'])
    const late = await t.ok(['request', 'respond', 'REQ-0001', '--accept', '--expected', '2026-07-10', '--at', '2026-06-30T10:00', '--json'])
    expect(late.json()).toMatchObject({ responseDue: '2026-06-29T17:00:00+08:00', responseOnTime: false, decision: 'accepted', resolutionDue: expect.stringMatching(/^2026-07-/) })
  })

  it('visit log: whether the pair is in the customer map and when the next visit is due', async () => {
    const t = await company()
    await t.ok(['link', 'add', '--supplier', 'IT', '--customer', 'FIN', '--provides', 'ERP'])
    const v = await t.ok(['visit', 'log', '--by', 'IT', '--customer', 'FIN', '--date', '2026-06-12', '--json'])
    // visit.interval_days 90: 2026-06-12 + 90 days = 2026-09-10
    expect(v.json()).toMatchObject({ code: 'VIS-0001', inCustomerMap: true, nextVisitDue: '2026-09-10' })
  })

  it('action done: whether it was done by its due date', async () => {
    const t = await company()
    await t.ok(['action', 'add', '--owner', 'IT', '--description', 'fix', '--due', '2026-06-30', '--at', '2026-06-01T09:00'])
    const done = await t.ok(['action', 'done', 'ACT-0001', '--note', 'fixed', '--json'])
    expect(done.json()).toMatchObject({ code: 'ACT-0001', status: 'done', doneOnTime: false })
  })
})
