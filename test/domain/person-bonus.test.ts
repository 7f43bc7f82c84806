import { describe, expect, it } from 'vitest'
import { unitBonus } from '../../src/domain/assessment/bonus.js'
import { baseColumns, checkBaseRows, personBonusTotals, type PersonBonus } from '../../src/domain/assessment/person-bonus.js'

describe('base files of people', () => {
  it('reads the columns by their English or Chinese names, person column optional', () => {
    expect(baseColumns(['person', 'unit', 'base_amount'], 'b.csv')).toEqual({ person: 0, unit: 1, base: 2 })
    expect(baseColumns(['奖金基数', '姓名', '部门'], 'b.csv')).toEqual({ person: 1, unit: 2, base: 0 })
    expect(baseColumns(['Unit', 'Base_Amount'], 'b.csv')).toEqual({ person: -1, unit: 0, base: 1 })
    expect(() => baseColumns(['person', 'amount'], 'b.csv')).toThrow(expect.objectContaining({ exitCode: 3, message: 'b.csv: the header must name unit and base_amount (it has: person,amount)' }))
  })

  it('refuses a file that mixes people and units, naming the first line of the other kind', () => {
    expect(() => checkBaseRows([{ line: 2, person: '张伟' }, { line: 3, person: '李娜' }, { line: 4, person: null }], 'b.csv')).toThrow(
      expect.objectContaining({ exitCode: 3, message: "b.csv line 4 is a unit row (no person), but line 2 is a person row ('张伟'): a base file lists people or units, not both" }),
    )
    expect(() => checkBaseRows([{ line: 2, person: null }, { line: 5, person: '李娜' }], 'b.csv')).toThrow(expect.objectContaining({ message: expect.stringMatching(/^b\.csv line 5 is a person row \('李娜'\), but line 2 is a unit row/) }))
    expect(checkBaseRows([{ line: 2, person: null }], 'b.csv')).toBe('unit')
    expect(checkBaseRows([{ line: 2, person: '张伟' }], 'b.csv')).toBe('person')
  })

  it('refuses a person listed twice, naming both lines (spacing and case do not make a second person)', () => {
    expect(() => checkBaseRows([{ line: 2, person: '张伟' }, { line: 3, person: '李娜' }, { line: 4, person: ' 张伟' }], 'b.csv')).toThrow(expect.objectContaining({ exitCode: 3, message: "b.csv: ' 张伟' is listed twice (lines 2 and 4)" }))
    expect(() => checkBaseRows([{ line: 2, person: 'Li Na' }, { line: 3, person: 'li  na' }], 'b.csv')).toThrow(/lines 2 and 3/)
  })

  it('totals per unit and overall; a person without a grade is n/a and listed, never counted as 0 silently', () => {
    const p = (person: string, unit: string, coefficient: number | null, base: number): PersonBonus => ({ person, unit, assessedAs: unit, grade: null, coefficient, base, bonus: unitBonus(base, coefficient) })
    // 张伟 10000 × 1.0 = 10000.00; 李娜 8000 × 1.2 = 9600.00; 王芳 12000.50 × 1.1 = 13200.55; 陈静 3000 × 1.0 = 3000.00; 赵磊 no grade
    const lines = [p('张伟', 'IT', 1, 10000), p('李娜', 'IT-HD', 1.2, 8000), p('王芳', 'HR', 1.1, 12000.5), p('陈静', 'IT', 1, 3000), p('赵磊', 'FIN', null, 5000)]
    expect(lines.map((l) => l.bonus)).toEqual([10000, 9600, 13200.55, 3000, null])
    expect(personBonusTotals(lines)).toEqual({
      units: [
        { unit: 'IT', people: 2, baseTotal: 13000, total: 13000 },
        { unit: 'IT-HD', people: 1, baseTotal: 8000, total: 9600 },
        { unit: 'HR', people: 1, baseTotal: 12000.5, total: 13200.55 },
        { unit: 'FIN', people: 1, baseTotal: 5000, total: 0 },
      ],
      baseTotal: 38000.5,
      total: 35800.55,
      missing: ['赵磊'],
    })
  })
})
