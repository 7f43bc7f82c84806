import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { useLanguage } from '../../src/domain/i18n/catalog.js'
import { FIXTURES, cli, writeFile } from '../helpers/harness.js'
import { englishWords as wordsOf } from '../helpers/english-words.js'

// The project, relation, recognition, calendar, log and completion groups in simplified Chinese
// (DESIGN.md §7): help, errors with their hints, tables on a terminal, fixed values typed in
// Chinese, the relation explanation, and --json unchanged by the language.
afterEach(async () => {
  await useLanguage('en')
})

const zh = (args: string[]) => ['--lang', 'zh-CN', ...args]
const C = { env: { LANG: 'C' } }
const ZH = { env: { LANG: 'zh_CN.UTF-8' } }

/** The English words of a text a person reads (codes, flags, commands and config keys aside). */
const englishWords = (text: string, allowed: readonly string[] = []) =>
  wordsOf(text, ['PRJ', 'RCG', 'SRV', 'UNIT', 'TEXT', 'YYYY', 'relation', 'frequent', 'threshold', ...allowed])

/** The words of a command's help that a person reads: the usage line, flags and example commands aside. */
function helpProse(help: string): string {
  return help
    .split('\n')
    .filter((l) => !/^\s*(Usage|用法|icm )/.test(l.trim()) && !/^\s*\$? ?icm /.test(l))
    .map((l) => l.replace(/--?[a-z][a-z-]*( <[a-z-]+>| \[[a-z-]+\])?/g, '').replace(/<[a-z.]+>|\[[a-z.]+\]/g, ''))
    .join('\n')
}

/** A small company; the clock is Wed 2026-07-01 10:00 (+08:00). */
async function company() {
  const t = cli({ now: '2026-07-01T10:00:00+08:00' })
  for (const [code, name] of [['IT', '信息技术部'], ['HR', '人力资源部'], ['FIN', '财务部']]) {
    await t.ok(['unit', 'add', code!, '--name', name!, '--kind', 'department'])
  }
  return t
}

describe('help of every command of the groups, in Chinese', () => {
  const commands = [
    ['project'],
    ['project', 'add'],
    ['project', 'member'],
    ['project', 'progress'],
    ['project', 'complete'],
    ['project', 'cancel'],
    ['project', 'list'],
    ['project', 'show'],
    ['relation'],
    ['relation', 'assess'],
    ['recognition'],
    ['recognition', 'add'],
    ['recognition', 'list'],
    ['calendar'],
    ['calendar', 'add'],
    ['calendar', 'list'],
    ['calendar', 'import'],
    ['calendar', 'load'],
    ['log'],
    ['completion'],
  ]
  it.each(commands)('icm %s … --help describes it in Chinese', async (...words) => {
    const help = (await cli().ok(zh([...words, '--help']))).stdout
    expect(help).toMatch(/[\u4e00-\u9fff]/)
    const en = (await cli().ok([...words, '--help'])).stdout
    expect(help).not.toBe(en)
  })

  it('project, relation, calendar and log help read as Chinese', async () => {
    expect((await cli().ok(zh(['project', 'add', '--help']))).stdout).toContain('新建一个由某单位牵头的协作项目')
    expect((await cli().ok(zh(['project', '--help']))).stdout).toContain('跨部门的项目协作与问题协同解决')
    expect((await cli().ok(zh(['relation', 'assess', '--help']))).stdout).toContain('说明某一对的各项得分如何得出')
    expect((await cli().ok(zh(['recognition', 'list', '--help']))).stdout).toContain('按期间列出表彰及奖励')
    expect((await cli().ok(zh(['calendar', 'load', '--help']))).stdout).toContain('国务院公布的法定节假日')
    expect((await cli().ok(zh(['log', '--help']))).stdout).toContain('查看操作日志')
    expect((await cli().ok(zh(['completion', '--help']))).stdout).toContain('命令行外壳：bash, zsh, fish, powershell')
    const list = helpProse((await cli().ok(zh(['project', 'list', '--help']))).stdout)
    expect(list).toContain('只看延误的')
  })
})

describe('project in Chinese', () => {
  it('a kind and a status typed in Chinese, a table and a project on a terminal', async () => {
    const t = await company()
    const add = await t.ok(zh(['project', 'add', '--name', '来料不良协同分析', '--owner', 'IT', '--due', '2026/7/15', '--start', '2026-6-1', '--kind', '问题协同']))
    expect(add.stderr).toBe('✓ 已新建 PRJ-0001 来料不良协同分析：牵头单位 IT，2026-06-01 开始，2026-07-15 截止\n')
    expect((await t.ok(['project', 'show', 'PRJ-0001', '--json'])).json().kind).toBe('problem')
    await t.ok(zh(['project', 'member', 'PRJ-0001', '--unit', 'HR', '--duty', '人员协调']))
    const progress = await t.ok(zh(['project', 'progress', 'PRJ-0001', '--percent', '６０', '--note', '分析完成']))
    expect(progress.stderr).toBe('✓ PRJ-0001 进度 60%\n')
    const list = await t.ok(zh(['project', 'list', '--status', '进行中']), { tty: true })
    for (const word of ['编号', '类型', '牵头单位', '截止日期', '问题协同', '进行中', '还剩 14 天']) expect(list.stdout).toContain(word)
    expect(englishWords(list.stdout.replace(/IT|HR/g, ''))).toEqual([])
    const show = await t.ok(zh(['project', 'show', 'PRJ-0001']), { tty: true })
    for (const word of ['参与单位及职责', '进度记录', '人员协调', '按期情况', '得分（C）']) expect(show.stdout).toContain(word)
    expect(englishWords(show.stdout.replace(/IT|HR|tester/g, ''))).toEqual([])
    // piped output keeps the English headers and words: a contract for scripts
    const piped = await t.ok(zh(['project', 'list']))
    expect(piped.stdout.split('\n')[0]).toBe('code\tkind\tname\towner\tmembers\tdue\tstatus\tprogress\ttiming\tquality')
    expect(piped.stdout).toContain('\tproblem\t')
    expect(piped.stdout).toContain('\tdue in 14 days\t')
  })

  it('errors and their hints are Chinese', async () => {
    const t = await company()
    const missing = await t.run(zh(['project', 'show', 'PRJ-0099']))
    expect(missing.code).toBe(4)
    expect(missing.stderr).toBe("icm: 没有编号为 'PRJ-0099' 的项目 (请用 icm project list 查看)\n")
    const kind = await t.run(zh(['project', 'add', '--name', 'x', '--owner', 'IT', '--due', '2026-09-30', '--kind', '任务']))
    expect(kind.code).toBe(3)
    expect(kind.stderr).toBe("icm: 项目类型无效：'任务' (可用：项目协作 (project) 或 问题协同解决 (problem))\n")
    const status = await t.run(zh(['project', 'list', '--status', '延误']))
    expect(status.code).toBe(3)
    expect(status.stderr).toContain('进行中 (open), 已完成 (completed), 已取消 (cancelled)')
    const dates = await t.run(zh(['project', 'add', '--name', 'x', '--owner', 'IT', '--due', '2026-05-01', '--start', '2026-06-01']))
    expect(dates.code).toBe(3)
    expect(dates.stderr).toBe('icm: 截止日期 2026-05-01 早于开始日期 2026-06-01 (请把 --due 改晚，或把 --start 改早)\n')
    await t.ok(['project', 'add', '--name', 'ERP', '--owner', 'IT', '--due', '2026-06-30', '--start', '2026-02-01'])
    const owner = await t.run(zh(['project', 'member', 'PRJ-0001', '--unit', 'IT', '--duty', 'x']))
    expect(owner.code).toBe(3)
    expect(owner.stderr).toBe('icm: IT 是 PRJ-0001 的牵头单位；参与单位须是其他参加的单位 (请换一个 --unit)\n')
    await t.ok(['project', 'complete', 'PRJ-0001', '--date', '2026-06-28', '--quality', '4'])
    const again = await t.run(zh(['project', 'cancel', 'PRJ-0001', '--reason', 'x']))
    expect(again.code).toBe(3)
    expect(again.stderr).toBe('icm: PRJ-0001 已于 2026-06-28 完成，不能再取消\n')
    const unknownUnit = await t.run(zh(['project', 'add', '--name', 'x', '--owner', '行政部', '--due', '2026-09-30']))
    expect(unknownUnit.code).toBe(4)
    expect(unknownUnit.stderr).toContain('牵头单位')
  })

  it('--json is byte-identical under LANG=C and LANG=zh_CN', async () => {
    const t = await company()
    await t.ok(['project', 'add', '--name', 'ERP 上线', '--owner', 'IT', '--due', '2026-06-30', '--start', '2026-02-01'])
    await t.ok(['project', 'member', 'PRJ-0001', '--unit', 'FIN', '--duty', '科目映射'])
    const en = await t.ok(['project', 'list', '--json'], C)
    const cn = await t.ok(['project', 'list', '--json'], ZH)
    expect(cn.stdout).toBe(en.stdout)
    expect(en.json()[0].timing).toBe('overdue')
  })
})

/** HR rated IT in a 2026-H1 survey (overall 3, loyalty 3); IT visited HR once. */
async function relationData() {
  const t = cli()
  await t.ok(['unit', 'import', path.join(FIXTURES, 'org.csv')])
  await t.ok(['link', 'add', '--supplier', 'IT', '--customer', 'HR', '--provides', '考勤系统维护'])
  await t.ok(['link', 'add', '--supplier', 'IT', '--customer', 'FIN', '--provides', 'ERP系统支持'])
  await t.ok(['survey', 'create', 'H1', '--title', 'h1', '--period', '2026-H1'])
  await t.ok(['survey', 'import', 'H1', writeFile(t.dir, 'h1.csv', 'ID,respondent_unit,rated_unit,overall,loyalty\n1,HR,IT,3,3\n')])
  await t.ok(['visit', 'log', '--by', 'IT', '--customer', 'HR', '--date', '2026-02-10'])
  return t
}

describe('relation in Chinese', () => {
  it('the explanation reads fully in Chinese; its --json stays English', async () => {
    const t = await relationData()
    const r = await t.ok(zh(['relation', 'assess', '--period', '2026上半年', '--explain', 'IT：HR']), { tty: true })
    const text = r.stdout
    for (const word of ['满意度 = ', '忠诚度 = ', '往来频次 = ', '关系指数 = ', '（权重 0.5）', '问卷答卷 1 份', '回访 1 次', '→ 标记']) expect(text).toContain(word)
    expect(englishWords(text.replace(/\b(IT|HR|H1)\b/g, ''))).toEqual([])
    const en = await t.ok(['relation', 'assess', '--period', '2026-H1', '--explain', 'IT:HR', '--json'], C)
    const cn = await t.ok(['relation', 'assess', '--period', '2026-H1', '--explain', 'IT:HR', '--json'], ZH)
    expect(cn.stdout).toBe(en.stdout)
    expect(en.json().explanation[3]).toMatch(/^satisfaction = /)
  })

  it('the explanation reads in traditional Chinese under zh-TW', async () => {
    const t = await relationData()
    const r = await t.ok(['--lang', 'zh-TW', 'relation', 'assess', '--period', '2026-H1', '--explain', 'IT:HR'])
    for (const word of ['滿意度 = ', '忠誠度 = ', '往來頻次 = ', '關係指數 = ', '問卷答卷 1 份']) expect(r.stdout).toContain(word)
    expect(englishWords(r.stdout.replace(/\b(IT|HR|H1)\b/g, ''))).toEqual([])
  })

  it('a table on a terminal, an error and --json unchanged', async () => {
    const t = await relationData()
    const table = await t.ok(zh(['relation', 'assess', '--period', '2026-H1']), { tty: true })
    for (const word of ['供方', '客户', '满意度', '关系指数', '低于 60', '无', '对中有']) expect(table.stdout).toContain(word)
    expect(englishWords(table.stdout.replace(/\b(IT|HR|FIN|H1)\b/g, ''))).toEqual([])
    const bad = await t.run(zh(['relation', 'assess', '--period', '2026-H1', '--explain', 'IT']))
    expect(bad.code).toBe(3)
    expect(bad.stderr).toBe("icm: 单位对无效：'IT' (请写成 供方:客户，例如 --explain IT:HR)\n")
    const none = await t.run(zh(['relation', 'assess', '--period', '2026-H1', '--explain', 'HR:FIN']))
    expect(none.code).toBe(4)
    expect(none.stderr).toBe('icm: HR→FIN 在 2026-H1 没有往来，也不在客户关系图中 (列出各对：icm relation assess --period 2026-H1)\n')
    const en = await t.ok(['relation', 'assess', '--period', '2026-H1', '--json'], C)
    const cn = await t.ok(['relation', 'assess', '--period', '2026-H1', '--json'], ZH)
    expect(cn.stdout).toBe(en.stdout)
  })
})

describe('recognition in Chinese', () => {
  it('a table on a terminal, errors, confirmations and --json unchanged', async () => {
    const t = await company()
    const add = await t.ok(zh(['recognition', 'add', '--unit', 'IT', '--period', '2026年上半年', '--reason', 'ERP 按期上线', '--reward', '２０００']))
    expect(add.stderr).toBe('✓ RCG-0001：IT 获 2026-H1 表彰，奖励 2000.00\n')
    await t.ok(['recognition', 'add', '--person', '李娜', '--period', '2026-H1', '--reason', '协助月结'])
    const list = await t.ok(zh(['recognition', 'list']), { tty: true })
    for (const word of ['编号', '期间', '事由', '奖励', '各期间奖励合计', '表彰数', '获奖励数']) expect(list.stdout).toContain(word)
    expect(englishWords(list.stdout.replace(/\b(IT|ERP|RCG|H1)\b/g, ''))).toEqual([])
    const both = await t.run(zh(['recognition', 'add', '--unit', 'IT', '--person', '李娜', '--period', '2026-H1', '--reason', 'x']))
    expect(both.code).toBe(3)
    expect(both.stderr).toBe('icm: --unit 与 --person 只能给一个 (一项表彰只针对一个单位或一个人)\n')
    const reward = await t.run(zh(['recognition', 'add', '--unit', 'IT', '--period', '2026-H1', '--reason', 'x', '--reward', '很多']))
    expect(reward.code).toBe(3)
    expect(reward.stderr).toBe("icm: --reward '很多' 不是金额 (最多两位小数的数字，例如 --reward 2000 或 1500.50)\n")
    const en = await t.ok(['recognition', 'list', '--json'], C)
    const cn = await t.ok(['recognition', 'list', '--json'], ZH)
    expect(cn.stdout).toBe(en.stdout)
  })
})

describe('calendar in Chinese', () => {
  it('a day typed in Chinese, a table on a terminal, errors and --json unchanged', async () => {
    const t = await company()
    const add = await t.ok(zh(['calendar', 'add', '2026年10月1日', '--holiday', '--name', '国庆节']))
    expect(add.stderr).toBe('✓ 2026-10-01 已设为节假日（国庆节）\n')
    const weekend = await t.ok(zh(['calendar', 'add', '2026-10-03', '--holiday']))
    expect(weekend.stderr).toContain('icm: 警告：2026-10-03 是周六，本来就不上班')
    await t.ok(['calendar', 'import', writeFile(t.dir, 'days.csv', '日期,類型,名稱\n2026/10/10,調休上班日,国庆调休\n')])
    const list = await t.ok(zh(['calendar', 'list', '--year', '2026']), { tty: true })
    for (const word of ['日期', '星期', '类型', '名称', '周四', '节假日', '调休上班日']) expect(list.stdout).toContain(word)
    expect(englishWords(list.stdout)).toEqual([])
    const en = await t.ok(['calendar', 'list', '--json'], C)
    const cn = await t.ok(['calendar', 'list', '--json'], ZH)
    expect(cn.stdout).toBe(en.stdout)
    expect(en.json().map((d: { type: string; weekday: string }) => [d.type, d.weekday])).toEqual([['holiday', 'Thu'], ['holiday', 'Sat'], ['workday', 'Sat']])
  })

  it('errors of a date, a day type and the CSV import are Chinese', async () => {
    const t = await company()
    const date = await t.run(zh(['calendar', 'add', '2026年2月30日', '--holiday']))
    expect(date.code).toBe(3)
    expect(date.stderr).toContain('日期')
    expect(englishWords(date.stderr.replace(/YYYY-MM-DD/g, ''))).toEqual([])
    const both = await t.run(zh(['calendar', 'add', '2026-10-01', '--holiday', '--workday']))
    expect(both.stderr).toBe('icm: --holiday 与 --workday 须且只须给一个\n')
    const file = writeFile(t.dir, 'bad.csv', 'date,type,name\n2026-10-01,holiday,国庆节\n2026-10-02,周末,x\n2026-10-01,holiday,again\n')
    const bad = await t.run(zh(['calendar', 'import', file]))
    expect(bad.code).toBe(3)
    expect(bad.stderr).toMatch(/^icm: \S*bad\.csv 第 3 行：日期类型无效：'周末'（另有 1 行有误）；未导入任何数据 \(请修改文件后重新导入\)\n$/)
    const header = await t.run(zh(['calendar', 'import', writeFile(t.dir, 'h.csv', '日子,种类\n2026-10-01,holiday\n')]))
    expect(header.code).toBe(3)
    expect(header.stderr).toContain('表头须包含日期和类型两列')
    const load = await t.run(zh(['calendar', 'load', 'us', '2026']))
    expect(load.stderr).toBe("icm: 没有这个官方日历：'us' (目前支持 cn（中国）)\n")
    const json = await t.ok(['calendar', 'list', '--json'])
    expect(json.json()).toEqual([])
  })

  it('load in Chinese: a dry run on a terminal says what would change', async () => {
    const t = await company()
    const r = await t.ok(zh(['calendar', 'load', 'cn', '2026', '--dry-run']), { tty: true })
    for (const word of ['星期', '变动', '新增', '春节']) expect(r.stdout).toContain(word)
    expect(r.stderr).toMatch(/^✓ 试运行，未写入：2026 年官方日历（chinese-days@[\d.]+）：将新增 \d+ 天，0 天已有，0 天与官方不同\n$/)
  })
})

describe('log in Chinese', () => {
  it('the terminal view has Chinese titles; --json unchanged', async () => {
    const t = await company()
    const r = await t.ok(zh(['log', '--limit', '2']), { tty: true, columns: 200 })
    expect(r.stdout.split('\n')[0]).toMatch(/^时间\s+操作人\s+操作\s+对象\s+详情$/)
    const none = await t.ok(zh(['log', '--entity', 'NOPE']), { tty: true })
    expect(none.stderr).toBe('没有符合条件的记录\n')
    const en = await t.ok(['log', '--json'], C)
    const cn = await t.ok(['log', '--json'], ZH)
    expect(cn.stdout).toBe(en.stdout)
  })
})

describe('completion in Chinese', () => {
  it('an unknown shell is refused in Chinese; the script does not change with the language', async () => {
    const bad = await cli().run(zh(['completion', 'tcsh']))
    expect(bad.code).toBe(2)
    expect(bad.stderr).toMatch(/[\u4e00-\u9fff]/)
    const en = await cli().ok(['completion', 'bash'], C)
    const cn = await cli().ok(['completion', 'bash'], ZH)
    expect(cn.stdout).toBe(en.stdout)
  })
})
