import { readFileSync } from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { useLanguage } from '../../src/domain/i18n/catalog.js'
import { cli, writeFile } from '../helpers/harness.js'
import { workedExample } from '../helpers/scenarios.js'
import { englishWords as wordsOf } from '../helpers/english-words.js'

// The assess group in simplified Chinese (DESIGN.md §7), chosen by the locale as a user has it:
// help, assess explain on the worked example, errors with their hints, a period as people say
// it, tables on a terminal, and --json that does not change with the language.
afterEach(async () => {
  await useLanguage('en')
})

const ZH = { LANG: 'zh_CN.UTF-8' }
const C = { LANG: 'C' }

/**
 * The English words left in a text a person reads in Chinese. Allowed, on purpose: the codes of
 * requests, projects and complaints (REQ-0002, PRJ-0001, CMP-0001) and the command a hint names
 * as typed (icm assess run …). The formula letters S T C H r v and the grades A–E are shorter
 * than three letters, so they never count.
 */
// a command line to type (icm assess explain) aside
const englishWords = (text: string) => wordsOf(text.replace(/icm assess [a-z-]+/g, ''), ['REQ', 'PRJ', 'CMP'])

const VERBS = ['input', 'import-inputs', 'run', 'show', 'finalize', 'reopen', 'explain', 'annual', 'export', 'bonus', 'report']

describe('assess in Chinese', () => {
  it('help describes every assess command and its options in Chinese, with an example', async () => {
    const group = await cli().ok(['assess', '--help'], { env: ZH })
    expect(group.stdout).toContain('半年度 KPI 考核与年度考评')
    for (const verb of VERBS) {
      const r = await cli().ok(['assess', verb, '--help'], { env: ZH })
      const description = r.stdout.split('\n').find((l) => l.trim() !== '' && !l.startsWith('用法'))!
      expect(description, verb).toMatch(/[\u4e00-\u9fff]/)
      // file formats keep their names: CSV, HTML, Excel
      expect(englishWords(description).filter((w) => !/^(CSV|HTML|Excel)$/.test(w)), verb).toEqual([])
      expect(r.stdout, verb).toMatch(/示例：\n {2}icm assess /)
    }
    const explain = await cli().ok(['assess', 'explain', '--help'], { env: ZH })
    expect(explain.stdout).toContain('某单位得分背后的每一个数')
    expect(explain.stdout).toContain('考核期：半年或季度，例如 2026-H1（也可写 2026上半年）')
    const bonus = await cli().ok(['assess', 'bonus', '--help'], { env: ZH })
    expect(bonus.stdout).toContain('CSV 文件：单位,奖金基数；或按人员：姓名,部门,奖金基数')
  })

  it('assess explain reads fully in Chinese on the worked example, the period typed as people say it', async () => {
    const t = await workedExample()
    const run = await t.ok(['assess', 'run', '--period', '2026上半年'], { env: ZH })
    expect(run.stdout.split('\n')[0]).toBe('rank\tunit\tname\tS\tT\tC\tH\tself\tsuperior\ttotal\tgrade\tbonus')
    const out = (await t.ok(['assess', 'explain', '--period', '2026年上半年', '--unit', 'IT'], { env: ZH })).stdout
    expect(out).toContain('IT 信息技术部：第 2 名（共 2 名） · 总分 79.0 · 等级 C · 奖金系数 1')
    // the half year written as its months is the same period
    expect((await t.ok(['assess', 'explain', '--period', '2026年1-6月', '--unit', 'IT'], { env: ZH })).stdout).toBe(out)
    expect(out).toContain('  共 5 份服务满意度问卷对其评价')
    expect(out).toContain('  逾期：REQ-0002 应于 2026-03-03T17:00:00+08:00 前答复，2026-03-04T10:00:00+08:00 答复，逾期 2.0 个工作小时')
    expect(out).toContain('  PRJ-0001（牵头单位），2026-05-31 到期：2026-05-28 完成，按期 → 100 × 质量评分 4/5 = 80.0')
    expect(out).toContain('免扣件数 = 2 与 ⌊2 × 4 / 100⌋ 中的较大者 = 2 与 ⌊0.08⌋ 中的较大者 = 2')
    expect(out).toContain('  CMP-0001：2026-04-10 验证已解决（整改期限 2026-04-15，按期），满意度 4')
    expect(out).toContain('总分 = (30×75 + 20×75 + 15×70 + 15×90 + 5×80 + 15×90) / 100 = 79.0')
    expect(out).toContain('  等级 C（分档 A≥90 B≥80 C≥70 D≥60）→ 奖金系数 1')
    expect(englishWords(out)).toEqual([])
    // a unit without enough data: every n/a line in words too
    const fin = (await t.ok(['assess', 'explain', '--period', '2026-H1', '--unit', '财务部'], { env: ZH })).stdout
    expect(fin).toContain('FIN 财务部：不参与排名 · 总分 数据不足')
    expect(englishWords(fin.replace(/FIN/g, ''))).toEqual([])
  })

  it('--json is the same bytes whatever the language', async () => {
    const t = await workedExample()
    await t.ok(['assess', 'run', '--period', '2026-H1'])
    for (const args of [
      ['assess', 'explain', '--period', '2026-H1', '--unit', 'IT', '--json'],
      ['assess', 'show', '--period', '2026-H1', '--json'],
      ['assess', 'run', '--period', '2026-H1', '--json'],
    ]) {
      const en = await t.ok(args, { env: C })
      const zh = await t.ok(args, { env: ZH })
      expect(zh.stdout, args.join(' ')).toBe(en.stdout)
    }
    const explain = (await t.ok(['assess', 'explain', '--period', '2026-H1', '--unit', 'IT', '--json'], { env: ZH })).json()
    expect(explain.explanation[0]).toBe('IT 信息技术部: rank 2 of 2 · total 79.0 · grade C · bonus coefficient 1')
  })

  it('errors and their hints are Chinese', async () => {
    const t = await workedExample()
    const missing = await t.run(['assess', 'show', '--period', '2026下半年'], { env: ZH })
    expect(missing.code).toBe(3)
    expect(missing.stderr).toBe('icm: 2026-H2 尚未考核 (请先计算：icm assess run --period 2026-H2)\n')
    const year = await t.run(['assess', 'run', '--period', '2026年'], { env: ZH })
    expect(year.code).toBe(3)
    expect(year.stderr).toBe('icm: 考核期须为半年或季度，不能是 2026 (例如 --period 2026-H1（年度考评请用 icm assess annual --year 2026）)\n')
    const level = await t.run(['assess', 'run', '--period', '2026-H1', '--level', '小组'], { env: ZH })
    expect(level.code).toBe(3)
    expect(level.stderr).toBe("icm: 考核层级无效：'小组' (可用：部门 (department)、岗位 (position))\n")
    await t.ok(['assess', 'run', '--period', '2026-H1'])
    const position = await t.run(['assess', 'explain', '--period', '2026-H1', '--unit', 'IT-HD'], { env: ZH })
    expect(position.code).toBe(4)
    expect(position.stderr).toBe('icm: 2026-H1 得分表中没有 IT-HD (在部门层级，岗位计入所属部门：icm assess explain --period 2026-H1 --unit IT)\n')
    const wide = await t.run(['assess', 'input', '--period', '2026-H1', '--unit', 'IT', '--self', '１２０'], { env: ZH })
    expect(wide.code).toBe(3)
    expect(wide.stderr).toBe("icm: --self 须为 0 到 100 之间的数，收到的是 '１２０'\n")
    const none = await t.run(['assess', 'input', '--period', '2026-H1', '--unit', 'IT'], { env: ZH })
    expect(none.code).toBe(2)
    expect(none.stderr).toContain('请给出 --self、--superior 或两者')
    // nothing changed
    expect((await t.ok(['assess', 'show', '--period', '2026-H1', '--json'])).json().rows).toHaveLength(3)
    const final = await t.ok(['assess', 'finalize', '--period', '2026-H1'], { env: ZH })
    expect(final.stderr).toContain('2026-H1 已定稿（输入数据校验值 ')
    const file = path.join(t.dir, '2026年度考评.csv')
    const exported = await t.ok(['assess', 'export', '--year', '2026', '--out', file], { env: ZH })
    expect(exported.stderr).toContain('尚未定稿：数字仍可能变化（icm assess finalize --year 2026）')
    expect(readFileSync(file, 'utf8')).toMatch(/^\uFEFF名次,单位代码,单位名称,上半年,下半年,年度总分,等级,奖金系数,表彰,奖励金额\r?\n/)
    const again = await t.run(['assess', 'run', '--period', '2026-H1'], { env: ZH })
    expect(again.code).toBe(5)
    expect(again.stderr).toBe('icm: 2026-H1 已定稿：重新计算会改动已定稿的得分表 (请先撤销定稿：icm assess reopen --period 2026-H1 --reason 原因)\n')
  })

  it('a level typed in Chinese, tables on a terminal, inputs and bonus bases with Chinese headers', async () => {
    const t = await workedExample()
    const pos = await t.ok(['assess', 'run', '--period', '2026-H1', '--level', '岗位', '--json'])
    expect(pos.json().level).toBe('position')
    await t.ok(['assess', 'run', '--period', '2026-H1'])
    const show = await t.ok(['assess', 'show', '--period', '2026-H1'], { env: ZH, tty: true })
    expect(show.stdout).toContain('2026-H1 部门考核得分表 — 草稿，计算于 2026-07-01')
    expect(show.stdout).toContain('名次')
    expect(show.stdout).toContain('数据不足')
    expect(englishWords(show.stdout.replace(/\b(IT|HR|FIN)\b/g, ''))).toEqual([])
    const typed = await t.ok(['assess', 'input', '--period', '2026上半年', '--unit', '財務部', '--self', '８８'], { env: ZH })
    expect(typed.stderr).toContain('FIN 2026-H1：自评 88，上级评分 无')
    const inputs = writeFile(t.dir, 'inputs.csv', '部門,自評,上級評分\nFIN,７０,８５\n')
    const imported = await t.ok(['assess', 'import-inputs', '2026上半年', inputs], { env: ZH })
    expect(imported.stderr).toContain('已从')
    expect(imported.stderr).toContain('导入 2026-H1 的评分 1 条')
    const base = writeFile(t.dir, 'people.csv', '姓名,部門,獎金基數\n张伟,IT,"10,000"\n李娜,HR,8000\n')
    const bonus = await t.ok(['assess', 'bonus', '--period', '2026-H1', '--base', base], { env: ZH, tty: true })
    expect(bonus.stdout).toContain('奖金基数')
    expect(bonus.stdout).toContain('合计')
    expect(bonus.stderr).toContain('是草稿：绩效系数仍可能变化')
    const json = (await t.ok(['assess', 'bonus', '--period', '2026-H1', '--base', base, '--json'])).json()
    expect(json.people.map((p: { person: string; bonus: number }) => [p.person, p.bonus])).toEqual([
      ['张伟', 10000],
      ['李娜', 8000 * 1.1],
    ])
  })
})
