import { describe, expect, it } from 'vitest'
import { searchUnits } from '../../src/domain/org/unit-search.js'

const UNITS = [
  { code: 'FIN', name: '财务部' },
  { code: 'HR', name: '人力资源部' },
  { code: 'IT', name: '信息技术部' },
  { code: 'IT-HD', name: '服务台' },
  { code: 'QA', name: '质量管理部' },
]
const codes = (typed: string) => searchUnits(UNITS, typed).map((u) => u.code)

describe('searchUnits (the unit prompt)', () => {
  it('offers every unit before anything is typed', () => {
    expect(codes('')).toEqual(['FIN', 'HR', 'IT', 'IT-HD', 'QA'])
  })
  it('matches codes in any case, the exact code first, then codes that start with it', () => {
    expect(codes('it')).toEqual(['IT', 'IT-HD'])
    expect(codes('hd')).toEqual(['IT-HD'])
  })
  it('matches names and substrings of names, traditional Chinese and regional words too', () => {
    expect(codes('财务')).toEqual(['FIN'])
    expect(codes('財務部')).toEqual(['FIN'])
    expect(codes('資訊技術')).toEqual(['IT'])
    expect(codes('品質管理部')).toEqual(['QA'])
    expect(codes('服务')).toEqual(['IT-HD'])
  })
  it('offers the "did you mean" units for a name typed differently', () => {
    expect(codes('信息部')).toEqual(['IT'])
    expect(codes('人事部')).toEqual(['HR'])
  })
  it('offers nothing for text that fits no unit', () => {
    expect(codes('zzz')).toEqual([])
  })
})
