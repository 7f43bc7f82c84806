import { readFileSync } from 'node:fs'
import { parse } from 'csv-parse/sync'
import { describe, expect, it } from 'vitest'
import {
  REGIONAL_DEPARTMENT_WORDS,
  createUnitResolver,
  foldUnitName,
  regionalVariants,
  unifyLookalikes,
  type ResolvableUnit,
} from '../../src/domain/org/unit-names.js'

/** The demo company's units (test/fixtures/org.csv), ids 1… in file order. */
function orgUnits(): ResolvableUnit[] {
  const rows = parse(readFileSync(new URL('../fixtures/org.csv', import.meta.url)), { columns: true }) as Record<string, string>[]
  return rows.map((r, i) => ({ id: i + 1, code: r.code!, name: r.name! }))
}

const units = orgUnits()
const idOf = (code: string) => units.find((u) => u.code === code)!.id

describe('foldUnitName', () => {
  it.each([
    ['信息技术部', '信息技术部'],
    ['資訊技術部', '信息技术部'], // Taiwan phrase 資訊 → 信息
    ['品質管理部', '品质管理部'], // characters only: 品质 is a regional word, see regionalVariants
    ['  銷售部 ', '销售部'],
    ['ＩＴ服務台', 'it服务台'], // full-width letters
    ['I T 服务台', 'it服务台'],
    ['採購員', '采购员'],
    ['人力资源⻔户', '人力资源门户'], // ⻔ U+2ED4 radical → 门
  ])('%j → %j', (name, folded) => {
    expect(foldUnitName(name)).toBe(folded)
  })
})

describe('unifyLookalikes', () => {
  it('maps Kangxi radicals through NFKC and supplement radicals through its table', () => {
    expect(unifyLookalikes('项⽬')).toBe('项目')
    expect(unifyLookalikes('意⻅')).toBe('意见')
    expect(unifyLookalikes('⻋间')).toBe('车间')
    expect(unifyLookalikes('（3）')).toBe('(3)')
  })
})

describe('regionalVariants', () => {
  it.each([
    ['品質管理部', ['质量管理部']],
    ['品质资讯部', ['质量资讯部', '品质信息部', '质量信息部']],
    ['軟體部', []], // OpenCC already says 软件部
    ['软体部', ['软件部']],
    ['网路中心', ['网络中心']],
    ['资料部', ['数据部']],
    ['人資部', ['人力资源部']],
    ['品管部', ['质量管理部']],
    ['财务部', []],
  ])('%j → %j', (name, variants) => {
    expect(regionalVariants(name)).toEqual(variants)
  })

  it('has no rule that an earlier rule would break (longer words first)', () => {
    const words = REGIONAL_DEPARTMENT_WORDS.map(([w]) => w)
    words.forEach((w, i) => words.slice(0, i).forEach((earlier) => expect(w.includes(earlier)).toBe(false)))
  })
})

describe('createUnitResolver', () => {
  const resolve = createUnitResolver(units)

  it.each([
    ['IT', 'IT', 'code'],
    ['it', 'IT', 'code'],
    [' qa-insp ', 'QA-INSP', 'code'],
    ['信息技术部', 'IT', 'name'],
    ['质量管理部', 'QA', 'name'],
    ['IT服务台', 'IT-HD', 'name'],
    ['資訊技術部', 'IT', 'folded'],
    ['採購部', 'PUR', 'folded'],
    ['倉儲物流部', 'WH', 'folded'],
    ['it服務台', 'IT-HD', 'folded'],
    ['品質管理部', 'QA', 'regional'],
    ['品管部', 'QA', 'regional'], // 品管 = 质量管理
    ['總務部', undefined, undefined], // admin in Taiwan, but not a word-for-word variant: left to aliases
  ])('%j → %s via %s', (text, code, via) => {
    const r = resolve(text)
    if (code === undefined) expect(r).toEqual({ ok: false, reason: 'unknown' })
    else expect(r).toEqual({ ok: true, id: idOf(code), via })
  })

  it('resolves every unit name of the traditional sample export', () => {
    const names = ['資訊技術部', '研發部', '品質管理部', '銷售部', '行政部', '採購部', '生產部', '人力資源部', '財務部', '倉儲物流部']
    const codes = names.map((n) => {
      const r = resolve(n)
      return r.ok ? units.find((u) => u.id === r.id)!.code : r.reason
    })
    expect(codes).toEqual(['IT', 'RD', 'QA', 'SALES', 'ADM', 'PUR', 'PROD', 'HR', 'FIN', 'WH'])
  })

  it('says unknown for an empty or unmatched text', () => {
    expect(resolve('')).toEqual({ ok: false, reason: 'unknown' })
    expect(resolve('  ')).toEqual({ ok: false, reason: 'unknown' })
    expect(resolve('NOPE')).toEqual({ ok: false, reason: 'unknown' })
  })

  it('matches aliases exactly, then folded', () => {
    const r = createUnitResolver([
      { id: 1, code: 'IT', name: '信息技术部', aliases: ['IT部', '電腦中心'] },
      { id: 2, code: 'QA', name: '质量管理部' },
    ])
    expect(r('IT部')).toEqual({ ok: true, id: 1, via: 'alias' })
    expect(r('電腦中心')).toEqual({ ok: true, id: 1, via: 'alias' })
    expect(r('电脑中心')).toEqual({ ok: true, id: 1, via: 'folded' })
    expect(r('it部')).toEqual({ ok: true, id: 1, via: 'folded' })
  })

  it('applies regional words on both sides', () => {
    const r = createUnitResolver([{ id: 7, code: 'QC', name: '品质部' }])
    expect(r('质量部')).toEqual({ ok: true, id: 7, via: 'regional' })
  })

  it('is ambiguous when two units match at the first level that matches, and a code beats a name', () => {
    const r = createUnitResolver([
      { id: 1, code: 'OPS', name: '运营部' },
      { id: 2, code: 'OPS2', name: '運營部' },
      { id: 3, code: 'SVC', name: '服务部', aliases: ['运营部'] },
      { id: 4, code: 'X', name: 'OPS' },
    ])
    expect(r('運營部')).toEqual({ ok: true, id: 2, via: 'name' }) // exact name before folding
    expect(r('运营部')).toEqual({ ok: true, id: 1, via: 'name' }) // name before alias
    expect(r(' 运营部')).toEqual({ ok: true, id: 1, via: 'name' })
    expect(r('运 营 部')).toEqual({ ok: false, reason: 'ambiguous' }) // folds onto units 1, 2 and 3
    expect(r('ops')).toEqual({ ok: true, id: 1, via: 'code' })
  })

  it('caches per distinct text', () => {
    const r = createUnitResolver(units)
    const first = r('資訊技術部')
    expect(r('資訊技術部')).toBe(first)
  })
})
