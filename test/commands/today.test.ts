import { describe, expect, it } from 'vitest'
import { demoDatabase } from '../helpers/demo-db.js'
import { cli } from '../helpers/harness.js'

interface Group {
  unit: string | null
  items: { section: string; code: string; unit: string | null; state: string; late: number; command: string }[]
}

/** The codes of each section, over all groups: { responses: ['REQ-0005', …], … }. */
function bySection(groups: Group[]): Record<string, string[]> {
  const out: Record<string, string[]> = {}
  for (const g of groups) for (const it of g.items) (out[it.section] ??= []).push(it.code)
  for (const k of Object.keys(out)) out[k]!.sort()
  return out
}

describe('icm today on the demo company, as of Wed 2026-07-01 10:00', () => {
  const t = cli()
  const demo = demoDatabase()
  const today = (...args: string[]) => t.run(['--db', demo.location(), 'today', '--as-of', '2026-07-01 10:00', ...args])

  it('lists each section by code, grouped by department', async () => {
    const r = await today('--json')
    expect(r.code).toBe(0)
    const doc = r.json<{ asOf: string; days: number; count: number; units: Group[] }>()
    expect(doc.asOf).toBe('2026-07-01T10:00:00+08:00')
    expect(doc.days).toBe(5)
    expect(bySection(doc.units)).toEqual({
      responses: ['REQ-0005', 'REQ-0010', 'REQ-0026', 'REQ-0029'],
      resolutions: ['REQ-0004', 'REQ-0014'],
      waiting: ['REQ-0020'],
      complaints: ['CMP-0003', 'CMP-0004', 'CMP-0005', 'CMP-0006'],
      actions: ['ACT-0003', 'ACT-0004', 'ACT-0005', 'ACT-0006'],
      findings: ['FND-0002'],
      visits: expect.arrayContaining(['ADM>SALES', 'IT>FIN', 'HR-REC>ADM', 'WH>FIN']),
      projects: ['PRJ-0003'],
      assessment: ['2026-H1'],
    })
    expect(doc.units.map((g) => g.unit)).toEqual([null, 'ADM', 'FIN', 'HR', 'IT', 'PROD', 'PUR', 'QA', 'RD', 'SALES', 'WH'])
    const it = doc.units.find((g) => g.unit === 'IT')!
    expect(it.items.find((i) => i.code === 'REQ-0004')).toMatchObject({ section: 'resolutions', state: 'overdue', unit: 'IT', command: 'icm request resolve REQ-0004 --note "…"' })
    // REQ-0020 waits on SALES-REP (the customer), listed under its department SALES
    expect(doc.units.find((g) => g.unit === 'SALES')!.items.find((i) => i.code === 'REQ-0020')).toMatchObject({ unit: 'SALES-REP', section: 'waiting' })
    expect(doc.count).toBe(doc.units.reduce((n, g) => n + g.items.length, 0))
  })

  it('prints lines naming the code and the command; --unit keeps one department or position', async () => {
    const r = await today('--unit', 'IT')
    expect(r.code).toBe(0)
    expect(r.stdout).toContain('IT 信息技术部')
    expect(r.stdout).toContain('REQ-0005 response to "检验报告模板电子签名": overdue 51.0 business h → icm request respond REQ-0005 --accept --expected YYYY-MM-DD')
    expect(r.stdout).toContain('IT-HD>HR-REC [IT-HD]')
    expect(r.stdout).not.toContain('FIN 财务部\n')
    expect(r.stdout).not.toContain('Company-wide')
    const hd = (await today('--unit', 'IT-HD', '--json')).json<{ units: Group[] }>()
    expect(hd.units.flatMap((g) => g.items.map((i) => i.code))).toEqual(['IT-HD>HR-REC'])
  })

  it('--days 0: what is late stays, even a short wait on the customer counts', async () => {
    const r = await today('--days', '0', '--json')
    expect(bySection(r.json<{ units: Group[] }>().units).waiting).toEqual(['REQ-0020'])
  })

  it('in Chinese with --lang zh-CN', async () => {
    const r = await today('--unit', 'WH', '--lang', 'zh-CN')
    expect(r.stdout).toContain('投诉')
    expect(r.stdout).toContain('CMP-0004 “发货单多次延误，客户投诉交期”的方案期限：')
  })
})

describe('icm today: nothing due, and bad input', () => {
  it('says so in one line when nothing is due', async () => {
    const t = cli()
    await t.ok(['init'])
    const r = await t.ok(['today', '--as-of', '2026-07-01 10:00'])
    expect(r.stdout).toBe('Nothing needs attention as of 2026-07-01T10:00:00+08:00\n')
    expect((await t.ok(['today', '--json'])).json()).toMatchObject({ count: 0, units: [] })
  })

  it('refuses an unknown unit (4), a bad --days or --as-of (3)', async () => {
    const t = cli()
    await t.ok(['init'])
    const unknown = await t.run(['today', '--unit', 'NOPE'])
    expect(unknown.code).toBe(4)
    expect(unknown.stderr).toMatch(/^icm: unknown unit 'NOPE'/)
    expect((await t.run(['today', '--days', 'x'])).code).toBe(3)
    expect((await t.run(['today', '--as-of', 'soon'])).code).toBe(3)
  })
})
