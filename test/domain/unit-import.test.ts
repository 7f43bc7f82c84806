import { describe, expect, it } from 'vitest'
import { planUnitImport, type UnitImportRow } from '../../src/domain/org/unit-import.js'
import { makesCycle } from '../../src/domain/org/unit.js'

const row = (line: number, code: string, kind: string, parent = '', name = code): UnitImportRow => ({ line, code, name, kind, parent, head: '', duties: '' })

describe('planUnitImport', () => {
  it('accepts parents that come later in the file or already exist', () => {
    const plan = planUnitImport([row(2, 'IT-HD', 'position', 'IT'), row(3, 'IT', 'department'), row(4, 'HR-REC', 'position', 'hr')], new Map([['HR', { code: 'HR', kind: 'department' as const }]]))
    expect(plan.problems).toEqual([])
    expect(plan.units.map((u) => [u.code, u.parent])).toEqual([
      ['IT-HD', 'IT'],
      ['IT', null],
      ['HR-REC', 'HR'],
    ])
  })

  it('reports every bad line in file order with its exit code', () => {
    const plan = planUnitImport(
      [row(2, 'A', 'department', 'B'), row(3, 'B', 'department', 'A'), row(4, 'C', 'team'), row(5, 'D', 'position', 'NOPE'), row(6, 'A', 'department')],
      new Map(),
    )
    expect(plan.problems).toEqual([
      { line: 2, reason: 'the parents of A form a loop', exitCode: 3 },
      { line: 3, reason: 'the parents of B form a loop', exitCode: 3 },
      { line: 4, reason: "invalid unit kind 'team'", exitCode: 3 },
      { line: 5, reason: "unknown parent 'NOPE' of D (neither in the file nor in the database)", exitCode: 4 },
      { line: 6, reason: 'unit code A is also on line 2', exitCode: 5 },
    ])
  })
})

describe('makesCycle', () => {
  const parentOf = new Map<number, number | null>([
    [1, null],
    [2, 1],
    [3, 2],
  ])
  it.each([
    [1, 3, true], // 3 is under 2 under 1
    [3, 1, false],
    [2, 2, true],
  ])('making %i a child of %i loops: %s', (id, parent, loops) => {
    expect(makesCycle(id, parent, parentOf)).toBe(loops)
  })
})
