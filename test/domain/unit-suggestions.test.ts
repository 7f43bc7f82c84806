import { describe, expect, it } from 'vitest'
import { editDistance, suggestUnits } from '../../src/domain/org/unit-suggestions.js'

const UNITS = [
  { code: 'HR', name: '人力资源部' },
  { code: 'IT', name: '信息技术部' },
  { code: 'IT-HD', name: 'IT服务台' },
  { code: 'FIN', name: '财务部' },
  { code: 'QA', name: '质量管理部' },
  { code: 'ADM', name: '行政部' },
]

describe('editDistance', () => {
  it.each([
    ['kitten', 'sitting', 3],
    ['信息部', '信息技术部', 2],
    ['HR', 'HR', 0],
    ['', 'abc', 3],
  ])('%j ↔ %j = %i', (a, b, d) => expect(editDistance(a, b)).toBe(d))
})

describe('suggestUnits: did you mean', () => {
  it.each([
    ['信息部', ['IT']],
    ['人事部', ['HR']],
    ['人力部', ['HR']],
    ['FN', ['FIN']],
    ['HD', ['HR', 'IT-HD']],
    ['财务', ['FIN']],
    ['質量部', ['QA']],
    ['销售部', []],
    ['总务部', ['ADM']],
    ['服务台', ['IT-HD']],
  ])('%j → %j', (text, codes) => {
    expect(suggestUnits(UNITS, text).map((u) => u.code)).toEqual(codes)
  })
})
