import { describe, expect, it } from 'vitest'
import { cli, dbState } from '../helpers/harness.js'

/** Units as people type them (DESIGN.md §7): full-width, traditional, regional words, near misses. */
async function company() {
  const t = cli()
  for (const [code, name] of [
    ['HR', '人力资源部'],
    ['IT', '信息技术部'],
    ['FIN', '财务部'],
    ['QA', '质量管理部'],
  ]) {
    await t.ok(['unit', 'add', code!, '--name', name!, '--kind', 'department'])
  }
  return t
}

describe('unit references', () => {
  it.each([
    ['ＨＲ', 'HR'],
    ['hr', 'HR'],
    ['財務部', 'FIN'],
    ['資訊技術部', 'IT'],
    ['品質管理部', 'QA'],
    [' 财务部 ', 'FIN'],
  ])('%j names %s', async (ref, code) => {
    const t = await company()
    expect((await t.ok(['unit', 'show', ref, '--json'])).json().code).toBe(code)
  })

  it.each([
    ['信息部', 'IT 信息技术部'],
    ['人事部', 'HR 人力资源部'],
  ])('%j is not found (exit 4) and suggests %s', async (ref, suggestion) => {
    const t = await company()
    const before = await dbState(t.db)
    const r = await t.run(['request', 'log', '--from', ref, '--to', 'IT', '--title', '报表'])
    expect(r.code).toBe(4)
    expect(r.stderr).toBe(`icm: unknown customer unit '${ref}' (did you mean ${suggestion}?)\n`)
    expect(await dbState(t.db)).toBe(before)
  })

  it('refuses a name that fits two units after folding, naming both (exit 3)', async () => {
    const t = await company()
    await t.ok(['unit', 'add', 'FIN2', '--name', '財務部', '--kind', 'department'])
    const r = await t.run(['unit', 'show', '财务部 '])
    expect(r.code).toBe(0)
    const amb = await t.run(['unit', 'show', '財務部'])
    expect(amb.code).toBe(0)
    const both = await t.run(['unit', 'show', '財务部'])
    expect(both.code).toBe(3)
    expect(both.stderr).toMatch(/^icm: unit '財务部' is ambiguous: it fits (FIN 财务部, FIN2 財務部|FIN2 財務部, FIN 财务部) \(use the unit code\)\n$/)
  })
})
