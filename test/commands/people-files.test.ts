import fs from 'node:fs'
import path from 'node:path'
import iconv from 'iconv-lite'
import { beforeEach, describe, expect, it } from 'vitest'
import { cli, writeFile } from '../helpers/harness.js'

/**
 * Files made for people (DESIGN.md §7, issue 14): UTF-8 with a BOM by default so Chinese Excel
 * opens them, headers in the interface language unless --header en, --encoding utf8 (no BOM) and
 * gbk (refusing what GBK cannot hold, naming the cell). Read back the way Excel does: a BOM means
 * UTF-8, no BOM means the system code page (GBK on Chinese Windows).
 */
type Cli = ReturnType<typeof cli>

function openLikeExcel(file: string): string {
  const bytes = fs.readFileSync(file)
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return bytes.subarray(3).toString('utf8')
  return iconv.decode(bytes, 'gbk')
}

async function withTable(itName = '信息技术部'): Promise<Cli> {
  const t = cli()
  await t.ok(['unit', 'add', 'IT', '--name', itName, '--kind', 'department'])
  await t.ok(['unit', 'add', 'HR', '--name', '人力资源部', '--kind', 'department'])
  await t.ok(['survey', 'create', 'S1', '--title', '满意度', '--period', '2026-H1'])
  await t.ok(['survey', 'import', 'S1', writeFile(t.dir, 'survey.csv', 'response_id,respondent_unit,rated_unit,overall,comment\n1,HR,IT,4,很好\n2,HR,IT,5,\n')])
  await t.ok(['assess', 'input', '--period', '2026-H1', '--unit', 'IT', '--self', '80'])
  await t.ok(['assess', 'run', '--period', '2026-H1'])
  return t
}

describe('assess export and survey export: files for people', () => {
  let t: Cli
  beforeEach(async () => {
    t = await withTable()
  })

  it('writes UTF-8 with a BOM by default, English headers in the English interface', async () => {
    const r = await t.ok(['assess', 'export', '--period', '2026-H1', '--out', 'a.csv', '--json'])
    expect(r.json()).toMatchObject({ excel: true, encoding: 'utf8-bom', rows: 2 })
    const bytes = fs.readFileSync(path.join(t.dir, 'a.csv'))
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    expect(openLikeExcel(path.join(t.dir, 'a.csv')).split('\r\n')[0]).toBe('period,state,rank,unit,name,S,T,C,H,self,superior,total,grade,bonus,provisional')
  })

  it('heads the columns in Chinese in the Chinese interface, and in English with --header en', async () => {
    await t.ok(['--lang', 'zh-CN', 'assess', 'export', '--period', '2026-H1', '--out', 'zh.csv'])
    const zh = openLikeExcel(path.join(t.dir, 'zh.csv')).split('\r\n')
    expect(zh[0]).toBe('考核期,状态,名次,单位代码,单位名称,满意度S,响应及时率T,协作完成率C,投诉处理H,自评,上级评分,总分,等级,奖金系数,暂定')
    expect(zh[1]).toMatch(/^2026-H1,draft,1,IT,信息技术部,/)
    await t.ok(['--lang', 'zh-TW', 'assess', 'export', '--period', '2026-H1', '--out', 'tw.csv'])
    expect(openLikeExcel(path.join(t.dir, 'tw.csv')).split('\r\n')[0]).toContain('單位代碼')
    await t.ok(['--lang', 'zh-CN', 'assess', 'export', '--period', '2026-H1', '--out', 'en.csv', '--header', 'en'])
    expect(openLikeExcel(path.join(t.dir, 'en.csv')).split('\r\n')[0]).toBe('period,state,rank,unit,name,S,T,C,H,self,superior,total,grade,bonus,provisional')
  })

  it('leaves the BOM out with --encoding utf8, for scripts', async () => {
    const r = await t.ok(['assess', 'export', '--period', '2026-H1', '--out', 'plain.csv', '--encoding', 'utf8', '--json'])
    expect(r.json()).toMatchObject({ excel: false, encoding: 'utf8' })
    expect(fs.readFileSync(path.join(t.dir, 'plain.csv'), 'utf8')).toMatch(/^period,state,rank,/)
  })

  it('writes GBK with --encoding gbk: old Excel reads the Chinese names', async () => {
    await t.ok(['--lang', 'zh-CN', 'survey', 'export', 'S1', '--out', 'gbk.csv', '--encoding', 'gbk'])
    const bytes = fs.readFileSync(path.join(t.dir, 'gbk.csv'))
    expect(bytes.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf]))).toBe(false)
    const lines = openLikeExcel(path.join(t.dir, 'gbk.csv')).split('\r\n')
    expect(lines[0]).toBe('问卷,答卷编号,所在部门,所在部门名称,被评价部门,被评价部门名称,准确性,及时性,完整性,专业性,总体满意度,忠诚度,意见建议,提交时间,来源文件,行号')
    expect(lines[1]).toBe('S1,1,HR,人力资源部,IT,信息技术部,,,,,4,,很好,,survey.csv,2')
  })

  it('imports its own Chinese export again', async () => {
    await t.ok(['--lang', 'zh-CN', 'survey', 'export', 'S1', '--out', 'again.csv'])
    await t.ok(['survey', 'create', 'S2', '--title', 'copy', '--period', '2026-H1'])
    const back = await t.ok(['survey', 'import', 'S2', 'again.csv', '--json'])
    expect(back.json()).toMatchObject({ imported: 2 })
  })

  it.each([
    [['--encoding', 'latin1'], "icm: invalid --encoding 'latin1' (use utf8-bom (the default), utf8 (no BOM) or gbk)\n"],
    [['--header', 'fr'], "icm: invalid --header 'fr' (the only choice is en (English column names); without it the headers follow the interface language)\n"],
  ])('refuses %j with exit 3 and writes nothing', async (extra, line) => {
    const r = await t.run(['assess', 'export', '--period', '2026-H1', '--out', 'bad.csv', ...extra])
    expect(r.code).toBe(3)
    expect(r.stderr).toBe(line)
    expect(fs.existsSync(path.join(t.dir, 'bad.csv'))).toBe(false)
  })
})

describe('--encoding gbk refuses a character GBK cannot hold', () => {
  it('names the line, the column and the character, and writes nothing (never a ?)', async () => {
    const t = await withTable('𠮷野信息部')
    const r = await t.run(['assess', 'export', '--period', '2026-H1', '--out', 'x.csv', '--encoding', 'gbk'])
    expect(r.code).toBe(3)
    expect(r.stderr).toBe("icm: line 2, column name: '𠮷野信息部' has a character GBK cannot hold (𠮷) (leave out --encoding: UTF-8 with a BOM (the default) holds every character and Excel opens it as well)\n")
    expect(fs.existsSync(path.join(t.dir, 'x.csv'))).toBe(false)
    const zh = await t.run(['--lang', 'zh-CN', 'survey', 'export', 'S1', '--out', 'y.csv', '--encoding', 'gbk'])
    expect(zh.code).toBe(3)
    expect(zh.stderr).toContain('第 2 行“被评价部门名称”列')
    expect(fs.existsSync(path.join(t.dir, 'y.csv'))).toBe(false)
  })
})
