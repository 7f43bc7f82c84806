import { describe, expect, it } from 'vitest'
import { checkDependency, checkLink, deriveCustomerMap, renderDot, renderMermaid, type MapInput } from '../../src/domain/org/customer-map.js'

const units = [
  { id: 1, code: 'PUR', name: '采购部', active: true },
  { id: 2, code: 'QA', name: '质量管理部', active: true },
  { id: 3, code: 'WH', name: '仓储物流部', active: true },
  { id: 4, code: 'FIN', name: '财务部', active: true },
  { id: 5, code: 'OLD', name: '旧部门', active: false },
]

describe('deriveCustomerMap', () => {
  it('turns each step edge with different owners into supplier→customer of the earlier output', () => {
    const input: MapInput = {
      units,
      steps: [
        { processCode: 'P2P', seq: 1, unitId: 1, output: '采购订单', afterSeqs: [] },
        { processCode: 'P2P', seq: 2, unitId: 2, output: '检验报告', afterSeqs: [1] },
        { processCode: 'P2P', seq: 3, unitId: 2, output: '复检报告', afterSeqs: [2] }, // same owner: no pair
        { processCode: 'P2P', seq: 4, unitId: 4, output: '付款', afterSeqs: [2, 3] }, // a DAG join
      ],
      dependencies: [],
      links: [],
    }
    expect(deriveCustomerMap(input)).toEqual([
      { supplier: 'PUR', supplierName: '采购部', customer: 'QA', customerName: '质量管理部', provides: ['采购订单'], sources: ['process:P2P#1→#2'] },
      { supplier: 'QA', supplierName: '质量管理部', customer: 'FIN', customerName: '财务部', provides: ['检验报告', '复检报告'], sources: ['process:P2P#2→#4', 'process:P2P#3→#4'] },
    ])
  })

  it('merges dependencies and links into the same pair and lists every source once', () => {
    const pairs = deriveCustomerMap({
      units,
      steps: [
        { processCode: 'X', seq: 1, unitId: 3, output: '入库单', afterSeqs: [] },
        { processCode: 'X', seq: 2, unitId: 4, output: '付款', afterSeqs: [1] },
      ],
      dependencies: [{ customerId: 4, supplierId: 3, support: '库存报表' }],
      links: [
        { supplierId: 3, customerId: 4, provides: '入库单' },
        { supplierId: 3, customerId: 4, provides: '盘点表' },
      ],
    })
    expect(pairs).toEqual([{ supplier: 'WH', supplierName: '仓储物流部', customer: 'FIN', customerName: '财务部', provides: ['入库单', '库存报表', '盘点表'], sources: ['process:X#1→#2', 'dependency', 'link'] }])
  })

  it('leaves out inactive units and self-pairs', () => {
    const pairs = deriveCustomerMap({
      units,
      steps: [],
      dependencies: [{ customerId: 5, supplierId: 1, support: 'x' }],
      links: [{ supplierId: 2, customerId: 2, provides: 'y' }],
    })
    expect(pairs).toEqual([])
  })

  it('renders Mermaid and dot with quotes escaped', () => {
    const pairs = [{ supplier: 'IT-HD', supplierName: 'IT "desk"', customer: 'HR', customerName: '人力', provides: ['账号'], sources: ['link'] }]
    expect(renderMermaid(pairs)).toBe('flowchart LR\n  IT_HD["IT-HD IT #quot;desk#quot;"]\n  HR["HR 人力"]\n  IT_HD -->|"账号"| HR\n')
    expect(renderDot(pairs)).toContain('"IT-HD" [label="IT-HD\nIT \\"desk\\""];')
  })
})

describe('a dependency or link joins two different units', () => {
  const IT = { id: 1, code: 'IT' }
  const HR = { id: 2, code: 'HR' }
  it('accepts two units', () => {
    expect(() => checkDependency(HR, IT)).not.toThrow()
    expect(() => checkLink(IT, HR)).not.toThrow()
  })
  it('refuses one unit on both ends (exit 3)', () => {
    expect(() => checkDependency(IT, IT)).toThrow(expect.objectContaining({ exitCode: 3, message: 'a unit cannot depend on itself (IT)' }))
    expect(() => checkLink(IT, IT)).toThrow(expect.objectContaining({ exitCode: 3, message: 'a unit cannot be its own customer (IT)' }))
  })
})
