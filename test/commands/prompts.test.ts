import { describe, expect, it } from 'vitest'
import { cli } from '../helpers/harness.js'

/** Prompts on a terminal: each answer checked as typed (the flag's own parser), units from a searchable list. */

async function company() {
  const t = cli()
  for (const [code, name] of [['IT', '信息技术部'], ['HR', '人力资源部'], ['FIN', '财务部'], ['QA', '质量管理部']]) {
    await t.ok(['unit', 'add', code!, '--name', name!, '--kind', 'department'])
  }
  return t
}

describe('prompts check each answer and ask again', () => {
  it('a wrong period is said and asked again; the written forms of the flag are accepted', async () => {
    const t = await company()
    const r = await t.run(['survey', 'create', 'S', '--title', 'x', '--json'], { tty: true, answers: ['2026-H3', '2026上半年'] })
    expect(r.code).toBe(0)
    expect(r.refused).toEqual([expect.stringMatching(/invalid period '2026-H3'/)])
    expect(r.asked).toHaveLength(2)
    expect(r.json().period).toBe('2026-H1')
  })

  it('a blank answer and a score out of range are asked again', async () => {
    const t = await company()
    await t.ok(['request', 'log', '--from', 'HR', '--to', 'IT', '--title', 'x'])
    const r = await t.run(['request', 'evaluate', 'REQ-0001', '--reasonableness', '4', '--feasibility', '3', '--cost-benefit', '2', '--json'], { tty: true, answers: ['', '7', '5'] })
    expect(r.code).toBe(0)
    expect(r.refused).toEqual(['--impact cannot be empty', expect.stringMatching(/impact/)])
    expect(r.json().priority.score).toBe(70)
  })

  it('a date is checked as --due checks it', async () => {
    const t = await company()
    const r = await t.run(['action', 'add', '--owner', 'IT', '--description', 'fix', '--json'], { tty: true, answers: ['2026-02-30', '2026年8月1日'] })
    expect([r.code, r.refused]).toEqual([0, [expect.stringMatching(/2026-02-30/)]])
    expect(r.json().due).toBe('2026-08-01')
  })
})

describe('units are chosen from a list that narrows as the user types', () => {
  it('text that fits no unit leaves the list empty and is typed again; a name, traditional or a substring finds the unit', async () => {
    const t = await company()
    const r = await t.run(['request', 'log', '--title', 'x', '--json'], { tty: true, answers: ['zzz', '人力', '資訊'] })
    expect(r.code).toBe(0)
    expect(r.refused).toEqual(["no results for 'zzz'"])
    expect(r.json()).toMatchObject({ from: 'HR', to: 'IT' })
  })

  it('a name typed differently offers the unit it probably means (信息部 → IT)', async () => {
    const t = await company()
    const r = await t.run(['visit', 'log', '--by', '信息部', '--customer', 'FIN'])
    expect(r.code).toBe(4)
    const asked = await t.run(['visit', 'log', '--customer', 'FIN', '--json'], { tty: true, answers: ['信息部'] })
    expect(asked.json()).toMatchObject({ supplier: 'IT', customer: 'FIN' })
  })

  it('offers anonymous beside the units for a complaint', async () => {
    const t = await company()
    const r = await t.run(['complaint', 'open', '--against', 'IT', '--channel', 'email', '--summary', 'x', '--handler', '王芳', '--json'], { tty: true, answers: ['anonym'] })
    expect(r.json()).toMatchObject({ anonymous: true, from: null })
  })
})

describe('a missing required option', () => {
  it.each([
    [['request', 'respond', 'REQ-0001'], ['reject', 'no budget'], { decision: 'rejected', rejectReason: 'no budget' }],
    [['request', 'respond', 'REQ-0001', '--accept'], ['2026-07-20'], { decision: 'accepted', expected: '2026-07-20' }],
    [['request', 'change', 'REQ-0001', '--title', 'y'], ['customer asked'], { title: 'y' }],
  ] as const)('is asked for on a terminal: %j', async (args, answers, expected) => {
    const t = await company()
    await t.ok(['request', 'log', '--from', 'HR', '--to', 'IT', '--title', 'x'])
    const r = await t.run([...args, '--json'], { tty: true, answers: [...answers] })
    expect(r.code).toBe(0)
    expect(r.json()).toMatchObject(expected)
  })

  it('is exit 2 naming the option with --no-input, even on a terminal', async () => {
    const t = await company()
    const r = await t.run(['--no-input', 'request', 'log', '--title', 'x'], { tty: true })
    expect([r.code, r.stderr]).toEqual([2, expect.stringMatching(/^icm: missing required option --from/)])
  })
})
