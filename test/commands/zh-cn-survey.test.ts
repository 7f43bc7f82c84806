import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { useLanguage } from '../../src/domain/i18n/catalog.js'
import { FIXTURES, cli, writeFile } from '../helpers/harness.js'
import { withSurvey } from '../helpers/scenarios.js'
import { englishWords as wordsOf } from '../helpers/english-words.js'

// The survey group in simplified Chinese (DESIGN.md §7): help, the import summary on a terminal,
// a bad line's error, the results table; --json stays the same in every language.
afterEach(async () => {
  await useLanguage('en')
})

const zh = (args: string[]) => ['--lang', 'zh-CN', ...args]
const fixture = (name: string) => path.join(FIXTURES, 'surveys', name)

/** English words in what a person reads (codes, file names, flags and commands aside). */
const englishWords = (text: string) => wordsOf(text, ['UTF', 'BOM', 'ASCII', 'sha'])

describe('survey in Chinese', () => {
  it('help describes the commands and their options in Chinese', async () => {
    const group = await cli().ok(zh(['survey', '--help']))
    expect(group.stdout).toContain('满意度调查：创建调查、导入问卷平台导出的 CSV、查看结果和导出')
    const imp = await cli().ok(zh(['survey', 'import', '--help']))
    expect(imp.stdout).toContain('导入问卷平台导出的 CSV')
    expect(imp.stdout).toContain('全部检查并报告数量，但不写入任何内容')
    expect(imp.stdout).toContain('--dry-run')
    const results = await cli().ok(zh(['survey', 'results', '--help']))
    expect(results.stdout).toContain('按单位统计结果')
    expect(results.stdout).toContain('icm survey results 2026H1-SERVICE')
    const tw = await cli().ok(['--lang', 'zh-TW', 'survey', 'results', '--help'])
    expect(tw.stdout).toContain('按單位統計結果')
  })

  it('survey import prints its summary in Chinese on a terminal', async () => {
    const t = await withSurvey()
    const r = await t.ok(zh(['survey', 'import', 'S', fixture('forms-us-dates.csv')]), { tty: true })
    expect(r.stdout).toContain('编码')
    expect(r.stdout).toContain('分隔符')
    expect(r.stdout).toContain('逗号')
    expect(r.stdout).toContain('换算')
    expect(r.stdout).toContain('日期按“月/日/年”读取')
    expect(r.stdout).toContain('有效的 UTF-8')
    expect(r.stderr).toMatch(/✓ 已从 forms-us-dates\.csv 向 S 导入 \d+ 份答卷中的 \d+ 份（批次 1）/)
    expect(r.stderr).toContain('提示：没有')
    const shown = r.stdout.replace(/forms-us-dates\.csv|Submission time/g, '') // the file's name and its own header are data
    expect(englishWords(shown)).toEqual([])
  })

  it("a bad line's error is Chinese, with the same exit code, and nothing is imported", async () => {
    const t = await withSurvey()
    const r = await t.run(zh(['survey', 'import', 'S', fixture('bad-rows.csv')]))
    const en = await t.run(['survey', 'import', 'S', fixture('bad-rows.csv')])
    expect(r.code).toBe(en.code)
    expect(r.code).toBe(3)
    expect(r.stderr).toMatch(/^icm: bad-rows\.csv 第 3 行：/)
    expect(r.stderr).toContain('分数 6 超出 1–5 的范围')
    expect(r.stderr).toMatch(/（另有 \d+ 行有问题）；未导入任何内容/)
    expect(r.stderr).toContain('--skip-invalid')
    const list = await t.ok(['survey', 'show', 'S', '--json'])
    expect(list.json().responses).toBe(0)
  })

  it('a conflict with an earlier import, a file imported twice and a survey kind typed in Chinese', async () => {
    const t = await withSurvey()
    await t.ok(['survey', 'import', 'S', writeFile(t.dir, 'a.csv', 'response_id,rated_unit,overall\n1,IT,4\n2,HR,5\n')])
    const conflict = await t.run(zh(['survey', 'import', 'S', writeFile(t.dir, 'c.csv', 'response_id,rated_unit,overall\n4,FIN,3\n1,IT,2\n2,HR,5\n2,HR,4\n')]))
    expect(conflict.code).toBe(5)
    expect(conflict.stderr).toContain('icm: c.csv 第 3 行：答卷编号 1 也出现在 a.csv 第 2 行（以前导入的批次 1），内容不同（另有 1 行有问题）；未导入任何内容')
    const again = await t.run(zh(['survey', 'import', 'S', path.join(t.dir, 'a.csv')]))
    expect(again.code).toBe(5)
    expect(again.stderr).toContain('a.csv 已导入过 S')
    const created = await t.ok(zh(['survey', 'create', 'R', '--title', '客户关系', '--period', '2026-Q3', '--kind', '客户关系']))
    expect(created.stderr).toContain('已创建调查 R（客户关系，2026-Q3 = 2026-07-01 至 2026-09-30）')
    expect((await t.ok(['survey', 'show', 'R', '--json'])).json().kind).toBe('relationship')
    const bad = await t.run(zh(['survey', 'create', 'X', '--title', 'x', '--period', '2026-Q3', '--kind', '年度']))
    expect(bad.code).toBe(3)
    expect(bad.stderr).toBe('icm: 调查类型无效：\'年度\' (可用：服务满意度 (service)、客户关系 (relationship))\n')
  })

  it('survey results has Chinese titles on a terminal, English headers when piped', async () => {
    const t = await withSurvey()
    await t.ok(['survey', 'import', 'S', fixture('service-basic.csv')])
    const r = await t.ok(zh(['survey', 'results', 'S']), { tty: true })
    for (const title of ['单位', '名称', '答卷数', '准确性', '及时性', '完整性', '专业性', '总体满意度', '忠诚度', '满意度指数', '最低维度']) expect(r.stdout).toContain(title)
    expect(r.stdout).toContain('按被评价单位')
    const byRespondent = await t.ok(zh(['survey', 'results', 'S', '--by', '填写单位']), { tty: true })
    expect(byRespondent.stdout).toContain('按填写单位')
    const piped = await t.ok(zh(['survey', 'results', 'S']))
    expect(piped.stdout.split('\n')[0]).toBe('unit\tname\tresponses\taccuracy\ttimeliness\tcompleteness\tprofessionalism\toverall\tloyalty\tsatisfaction\tlowest')
  })

  it('the --json of survey import --dry-run is the same under LANG=C and LANG=zh_CN', async () => {
    const t = await withSurvey()
    for (const file of ['forms-us-dates.csv', 'wjx-free-worded.csv', 'bad-rows.csv']) {
      const args = ['survey', 'import', 'S', fixture(file), '--dry-run', '--skip-invalid', '--rejects', path.join(t.dir, `bad-${file}`), '--yes', '--json']
      const c = await t.ok(args, { env: { LANG: 'C' } })
      const chinese = await t.ok(args, { env: { LANG: 'zh_CN.UTF-8' } })
      expect(chinese.stdout).toBe(c.stdout)
      expect(c.json().dryRun).toBe(true)
    }
    const c = await t.ok(['survey', 'import', 'S', fixture('forms-us-dates.csv'), '--dry-run', '--json'], { env: { LANG: 'C' } })
    expect(c.json().conversions.length).toBeGreaterThan(0)
    expect(c.json().notes.length).toBeGreaterThan(0)
    expect(c.stderr).toContain('dry run:')
    const chinese = await t.ok(['survey', 'import', 'S', fixture('forms-us-dates.csv'), '--dry-run', '--json'], { env: { LANG: 'zh_CN.UTF-8' } })
    expect(chinese.stdout).toBe(c.stdout)
    expect(chinese.stderr).toContain('试运行：')
    // --show-mapping's encodingReason, notes and conversions are English data too
    const mapArgs = ['survey', 'import', 'S', fixture('wjx-gb18030.csv'), '--show-mapping', '--json']
    const mapC = await t.ok(mapArgs, { env: { LANG: 'C' } })
    expect((await t.ok(mapArgs, { env: { LANG: 'zh_CN.UTF-8' } })).stdout).toBe(mapC.stdout)
    expect(mapC.json().encodingReason).toMatch(/GB18030/)
  })
})
