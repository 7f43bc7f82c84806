import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { canonicalTableRows, tableRowsHash, type HashedTableRow } from '../../src/domain/assessment/table-hash.js'

const IT: HashedTableRow = { unit_id: 2, position: 1, code: 'IT', name: '信息技术部', s: 90, t: 100, c: null, h: 80, self: 85, superior: 90, total: 88.5, rank: 1, grade: 'B', bonus: 1.1, details: '{}' }
const HR: HashedTableRow = { unit_id: 1, position: 2, code: 'HR', name: '人力资源部', s: null, t: null, c: null, h: null, self: null, superior: null, total: null, rank: null, grade: null, bonus: null, details: '{}' }

describe('the hash of a final table', () => {
  it('is the sha256 of the period and the rows in position order, as a JSON array', () => {
    const literal = '["2026-H1",[[2,1,"IT","信息技术部",90,100,null,80,85,90,88.5,1,"B",1.1,"{}"],[1,2,"HR","人力资源部",null,null,null,null,null,null,null,null,null,null,"{}"]]]'
    expect(canonicalTableRows('2026-H1', [HR, IT])).toBe(literal)
    expect(tableRowsHash('2026-H1', [HR, IT])).toBe(createHash('sha256').update(literal, 'utf8').digest('hex'))
    expect(tableRowsHash('2026-H1', [HR, IT])).toBe('e853d68784f932366ab824bf277ed9924f6d75df5edf9015878355e0156a34cc')
  })

  it('does not depend on the order the rows are read in', () => {
    expect(tableRowsHash('2026-H1', [IT, HR])).toBe(tableRowsHash('2026-H1', [HR, IT]))
  })

  it.each([
    ['total 99 and grade A', { total: 99, grade: 'A' }],
    ['a bonus coefficient', { bonus: 1.2 }],
    ['a rank', { rank: 2 }],
    ['the details', { details: '{"s":1}' }],
    ['an n/a component set to 0', { c: 0 }],
  ])('changes when a row changes: %s', (_what, change) => {
    expect(tableRowsHash('2026-H1', [{ ...IT, ...change }, HR])).not.toBe(tableRowsHash('2026-H1', [IT, HR]))
  })

  it('changes with the period, and when a row is left out', () => {
    expect(tableRowsHash('2026-H2', [IT, HR])).not.toBe(tableRowsHash('2026-H1', [IT, HR]))
    expect(tableRowsHash('2026-H1', [IT])).not.toBe(tableRowsHash('2026-H1', [IT, HR]))
  })
})
