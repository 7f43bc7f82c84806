import { describe, expect, it } from 'vitest'
import { cli, dbState } from '../helpers/harness.js'

async function company() {
  const t = cli()
  for (const [code, name, kind, parent] of [
    ['PUR', '采购部', 'department'],
    ['QA', '质量管理部', 'department'],
    ['WH', '仓储物流部', 'department'],
    ['FIN', '财务部', 'department'],
    ['FIN-AP', '应付会计', 'position', 'FIN'],
    ['PUR-BUYER', '采购员', 'position', 'PUR'],
  ] as const) {
    await t.ok(['unit', 'add', code, '--name', name, '--kind', kind, ...(parent ? ['--parent', parent] : [])])
  }
  await t.ok(['process', 'add', 'P2P', '--name', '采购到付款'])
  await t.ok(['process', 'step', 'P2P', '--unit', 'PUR', '--output', '采购订单'])
  await t.ok(['process', 'step', 'P2P', '--unit', 'QA', '--output', '检验报告'])
  await t.ok(['process', 'step', 'P2P', '--unit', 'WH', '--output', '入库单'])
  await t.ok(['process', 'step', 'P2P', '--unit', 'FIN', '--output', '付款', '--after', '2,3'])
  return t
}

describe('process analysis', () => {
  it('appends steps that follow the previous one unless --after says otherwise', async () => {
    const t = await company()
    const show = (await t.ok(['process', 'show', 'p2p', '--json'])).json()
    expect(show.steps).toEqual([
      { seq: 1, unit: 'PUR', output: '采购订单', after: [] },
      { seq: 2, unit: 'QA', output: '检验报告', after: [1] },
      { seq: 3, unit: 'WH', output: '入库单', after: [2] },
      { seq: 4, unit: 'FIN', output: '付款', after: [2, 3] },
    ])
    expect((await t.ok(['process', 'list', '--json'])).json()).toMatchObject([{ code: 'P2P', name: '采购到付款', steps: 4 }])
  })

  it.each([
    ['a step after one that does not exist', ['process', 'step', 'P2P', '--unit', 'QA', '--output', 'x', '--after', '9'], 3, /process P2P has no step 9/],
    ['a malformed --after', ['process', 'step', 'P2P', '--unit', 'QA', '--output', 'x', '--after', 'two'], 3, /--after must list step numbers/],
    ['an unknown process', ['process', 'step', 'NOPE', '--unit', 'QA', '--output', 'x'], 4, /unknown process 'NOPE'/],
    ['an unknown unit', ['process', 'step', 'P2P', '--unit', 'NOPE', '--output', 'x'], 4, /unknown unit 'NOPE'/],
    ['a duplicate process', ['process', 'add', 'p2p', '--name', 'x'], 5, /process P2P already exists/],
    ['a dependency on an unknown unit', ['dependency', 'add', '--customer', 'FIN-AP', '--supplier', 'NOPE', '--support', 'x'], 4, /unknown supplier unit 'NOPE'/],
    ['a dependency on itself', ['dependency', 'add', '--customer', 'FIN-AP', '--supplier', 'FIN-AP', '--support', 'x'], 3, /cannot depend on itself/],
    ['a link to an unknown unit', ['link', 'add', '--supplier', 'NOPE', '--customer', 'FIN', '--provides', 'x'], 4, /unknown supplier unit/],
    ['a link without --provides', ['link', 'add', '--supplier', 'QA', '--customer', 'FIN'], 2, /missing required option --provides/],
    ['an unknown map format', ['customer', 'map', '--format', 'svg'], 3, /unknown map format 'svg'/],
    ['an unknown unit for customer of', ['customer', 'of', 'NOPE'], 4, /unknown unit 'NOPE'/],
  ])('refuses %s', async (_what, args, code, message) => {
    const t = await company()
    const before = await dbState(t.db)
    const r = await t.run(args)
    expect(r.code).toBe(code)
    expect(r.stderr).toMatch(message)
    expect(await dbState(t.db)).toBe(before)
  })
})

describe('the customer map', () => {
  it('merges process hand-offs, dependencies and links per pair, listing every source', async () => {
    const t = await company()
    await t.ok(['dependency', 'add', '--customer', 'FIN-AP', '--supplier', 'PUR-BUYER', '--support', '采购订单与验收单'])
    await t.ok(['link', 'add', '--supplier', 'QA', '--customer', 'FIN', '--provides', '检验报告'])
    await t.ok(['link', 'add', '--supplier', 'PUR', '--customer', 'QA', '--provides', '供应商资质'])
    const map = (await t.ok(['customer', 'map', '--json'])).json()
    expect(map).toEqual([
      { supplier: 'PUR', supplierName: '采购部', customer: 'QA', customerName: '质量管理部', provides: ['采购订单', '供应商资质'], sources: ['process:P2P#1→#2', 'link'] },
      { supplier: 'PUR-BUYER', supplierName: '采购员', customer: 'FIN-AP', customerName: '应付会计', provides: ['采购订单与验收单'], sources: ['dependency'] },
      { supplier: 'QA', supplierName: '质量管理部', customer: 'FIN', customerName: '财务部', provides: ['检验报告'], sources: ['process:P2P#2→#4', 'link'] },
      { supplier: 'QA', supplierName: '质量管理部', customer: 'WH', customerName: '仓储物流部', provides: ['检验报告'], sources: ['process:P2P#2→#3'] },
      { supplier: 'WH', supplierName: '仓储物流部', customer: 'FIN', customerName: '财务部', provides: ['入库单'], sources: ['process:P2P#3→#4'] },
    ])
  })

  it('answers who a unit serves and who serves it', async () => {
    const t = await company()
    const of = (await t.ok(['customer', 'of', 'QA', '--json'])).json()
    expect(of.map((p: any) => p.customer)).toEqual(['FIN', 'WH'])
    const suppliers = (await t.ok(['customer', 'suppliers-of', '财务部', '--json'])).json()
    expect(suppliers.map((p: any) => p.supplier)).toEqual(['QA', 'WH'])
  })

  it('renders Mermaid, Graphviz and CSV', async () => {
    const t = await company()
    const mermaid = (await t.ok(['customer', 'map', '--format', 'mermaid'])).stdout
    expect(mermaid.split('\n')[0]).toBe('flowchart LR')
    expect(mermaid).toContain('PUR -->|"采购订单"| QA')
    const dot = (await t.ok(['customer', 'map', '--format', 'dot'])).stdout
    expect(dot).toContain('"QA" -> "WH" [label="检验报告"];')
    const csv = (await t.ok(['customer', 'map', '--csv'])).stdout
    expect(csv.split('\r\n')[0]).toBe('supplier,customer,provides,sources')
    expect(csv).toContain('PUR 采购部,QA 质量管理部,采购订单,process:P2P#1→#2')
  })

  it('is derived, not stored: deactivating a unit drops its pairs at once', async () => {
    const t = await company()
    await t.ok(['unit', 'deactivate', 'WH'])
    const map = (await t.ok(['customer', 'map', '--json'])).json()
    expect(map.some((p: any) => p.supplier === 'WH' || p.customer === 'WH')).toBe(false)
  })

  it('says so on stderr when the map is empty, with exit 0', async () => {
    const t = cli()
    await t.ok(['init'])
    const r = await t.ok(['customer', 'map'])
    expect(r.stdout).toBe('')
    expect(r.stderr).toContain('the customer map is empty')
    expect((await t.ok(['customer', 'map', '--json'])).json()).toEqual([])
  })
})
