import { describe, expect, it } from 'vitest'
import { neutraliseFormula } from '../../src/domain/formula-safety.js'

describe('neutraliseFormula', () => {
  it.each([
    ['=cmd|\' /C calc\'!A0', "'=cmd|' /C calc'!A0"],
    ['+1+2', "'+1+2"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tx', "'\tx"],
    ['-3', '-3'],
    ['+1.5', '+1.5'],
    ['79.0', '79.0'],
    ['信息技术部', '信息技术部'],
    ['', ''],
  ])('%j → %j', (cell, expected) => {
    expect(neutraliseFormula(cell)).toBe(expected)
  })
})
