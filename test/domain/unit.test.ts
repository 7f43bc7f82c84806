import { describe, expect, it } from 'vitest'
import { unitChanges } from '../../src/domain/org/unit.js'

const IT = { name: '信息技术部', head: '张伟', duties: null, parentId: null }

describe('unitChanges', () => {
  it.each([
    ['nothing asked', {}, {}],
    ['the same values again', { name: '信息技术部', head: '张伟', duties: null }, {}],
    ['a new head', { head: '李娜' }, { head: '李娜' }],
    ['a head cleared', { head: null }, { head: null }],
    ['new duties and a parent', { duties: 'ERP', parentId: 7 }, { duties: 'ERP', parentId: 7 }],
    ['a rename', { name: 'IT部' }, { name: 'IT部' }],
  ])('%s', (_what, asked, changes) => {
    expect(unitChanges(IT, asked)).toEqual(changes)
  })

  it('keeps the order name, head, duties, parent (the event log shows them in this order)', () => {
    expect(Object.keys(unitChanges(IT, { parentId: 3, duties: 'x', head: 'y', name: 'z' }))).toEqual(['name', 'head', 'duties', 'parentId'])
  })
})
