import { describe, expect, it } from 'vitest'
import { bonusTotals, parseBaseAmount, unitBonus } from '../../src/domain/assessment/bonus.js'

describe('the bonus sheet', () => {
  it.each([
    ['12000', 12000],
    [' 12,000.50 ', 12000.5],
    ['0', 0],
  ])('reads a base amount %s as %s', (cell, amount) => {
    expect(parseBaseAmount(cell)).toBe(amount)
  })

  it.each([
    ['', "base_amount '' is not a number"],
    ['12k', "base_amount '12k' is not a number"],
    ['-500', 'base_amount -500 is negative'],
  ])('refuses a base amount %j: %s', (cell, message) => {
    expect(() => parseBaseAmount(cell)).toThrow(expect.objectContaining({ exitCode: 3, message }))
  })

  it.each([
    [10000, 1.1, 11000],
    [12345.67, 0.9, 11111.1],
    [1000.05, 1.1, 1100.06],
    [8000, null, null],
  ])('pays %s × %s = %s (to the cent; nothing without a coefficient)', (base, coefficient, bonus) => {
    expect(unitBonus(base, coefficient)).toBe(bonus)
  })

  it('adds up the bases and the bonuses, and names the units without a coefficient', () => {
    const lines = [
      { unit: 'IT', name: '', grade: 'C', coefficient: 1, base: 10000.1, bonus: 10000.1 },
      { unit: 'HR', name: '', grade: 'B', coefficient: 1.1, base: 8000.2, bonus: 8800.22 },
      { unit: 'FIN', name: '', grade: null, coefficient: null, base: 5000, bonus: null },
    ]
    // 10000.1 + 8000.2 + 5000 = 23000.3; 10000.1 + 8800.22 = 18800.32
    expect(bonusTotals(lines)).toEqual({ total: 18800.32, baseTotal: 23000.3, missing: ['FIN'] })
  })
})
