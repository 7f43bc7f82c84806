import { afterEach, describe, expect, it } from 'vitest'
import { useLanguage } from '../../src/domain/i18n/catalog.js'
import { cli, writeFile } from '../helpers/harness.js'
import { englishWords as wordsOf } from '../helpers/english-words.js'

// The unit, process, dependency, link, customer, service, visit, action, audit, report, config,
// check, db, init/backup and demo groups in simplified Chinese (DESIGN.md §7): help, an error with
// its hint, a table on a terminal, a fixed value typed in Chinese.
afterEach(async () => {
  await useLanguage('en')
})

const zh = (args: string[]) => ['--lang', 'zh-CN', ...args]

/** True when a text a person reads holds an English word (codes, flags and commands aside). */
const englishWords = (text: string) => wordsOf(text, ['SQLite', 'UTF', 'ERP', 'PostgreSQL'])

describe('unit in Chinese', () => {
  it('help describes the command and its options in Chinese', async () => {
    const r = await cli().ok(zh(['unit', 'add', '--help']))
    expect(r.stdout).toContain('新增部门或岗位')
    expect(r.stdout).toContain('上级部门（岗位必填）')
  })

  it('an error and its hint are Chinese', async () => {
    const t = cli()
    await t.ok(['unit', 'add', 'IT', '--name', '信息技术部', '--kind', 'department'])
    const r = await t.run(zh(['unit', 'add', 'IT', '--name', '信息部', '--kind', '部门']))
    expect(r.code).toBe(5)
    expect(r.stderr).toBe('icm: 单位 IT 已存在 (请换一个代码，或用 icm unit update IT 修改它)\n')
    const bad = await t.run(zh(['unit', 'add', 'X', '--name', 'x', '--kind', 'team']))
    expect(bad.code).toBe(3)
    expect(bad.stderr).toBe("icm: 单位类型 的取值无效：'team' (可用：部门 (department), 岗位 (position))\n")
  })

  it('a kind typed in Chinese (simplified or traditional), a table and an entity on a terminal', async () => {
    const t = cli()
    const add = await t.ok(zh(['unit', 'add', 'HR', '--name', '人力资源部', '--kind', '部門']))
    expect(add.stderr).toContain('✓ 已新增部门 HR 人力资源部\n')
    await t.ok(zh(['unit', 'add', 'HR-1', '--name', '招聘专员', '--kind', '岗位', '--parent', '人力资源部']))
    const list = await t.ok(zh(['unit', 'list']), { tty: true })
    expect(list.stdout).toContain('代码')
    expect(list.stdout).toContain('岗位')
    expect(englishWords(list.stdout.replace(/HR(-1)?/g, ''))).toEqual([])
    const show = await t.ok(zh(['unit', 'show', 'HR']), { tty: true })
    expect(show.stdout).toContain('下属单位')
    expect(show.stdout).toContain('部门')
    const piped = await t.ok(zh(['unit', 'list']))
    expect(piped.stdout.split('\n')[0]).toBe('code\tname\tkind\tparent\thead')
    expect(piped.stdout).toContain('\tdepartment\t')
  })

  it('imports a file with Chinese headers, simplified or traditional', async () => {
    const t = cli()
    const file = writeFile(t.dir, 'units.csv', '代码,名稱,類型,上級,負責人\nFIN,财务部,部门,,王芳\nFIN-1,会计,岗位,FIN,\n')
    const r = await t.ok(zh(['unit', 'import', file]))
    expect(r.stderr).toContain('导入 2 个单位')
    const json = await t.ok(['unit', 'list', '--json'])
    expect(json.json().map((u: any) => [u.code, u.kind, u.parent, u.head])).toEqual([
      ['FIN', 'department', null, '王芳'],
      ['FIN-1', 'position', 'FIN', null],
    ])
  })
})

describe('process, dependency, link and customer in Chinese', () => {
  async function company() {
    const t = cli()
    await t.ok(['unit', 'add', 'PUR', '--name', '采购部', '--kind', 'department'])
    await t.ok(['unit', 'add', 'FIN', '--name', '财务部', '--kind', 'department'])
    await t.ok(['process', 'add', 'P2P', '--name', '采购到付款'])
    await t.ok(['process', 'step', 'P2P', '--unit', 'PUR', '--output', '采购订单'])
    await t.ok(['process', 'step', 'P2P', '--unit', 'FIN', '--output', '付款'])
    return t
  }

  it('help, errors and hints', async () => {
    const t = await company()
    const help = await t.ok(zh(['process', 'step', '--help']))
    expect(help.stdout).toContain('负责该步骤的单位（代码或名称）')
    const r = await t.run(zh(['process', 'step', 'P2P', '--unit', 'FIN', '--output', '凭证', '--after', '7']))
    expect(r.code).toBe(3)
    expect(r.stderr).toBe('icm: 流程 P2P 没有步骤 7 (它的步骤为 1–2)\n')
    const self = await t.run(zh(['dependency', 'add', '--customer', 'FIN', '--supplier', '财务部', '--support', '报表']))
    expect(self.code).toBe(3)
    expect(self.stderr).toBe('icm: 单位不能依赖自己（FIN）\n')
    const unknown = await t.run(zh(['link', 'add', '--supplier', 'XX', '--customer', 'FIN', '--provides', '报表']))
    expect(unknown.code).toBe(4)
    expect(unknown.stderr).toContain('找不到内部供方单位')
  })

  it('tables on a terminal, captions and sources in Chinese', async () => {
    const t = await company()
    await t.ok(zh(['link', 'add', '--supplier', 'FIN', '--customer', 'PUR', '--provides', '预算']))
    const show = await t.ok(zh(['process', 'show', 'P2P']), { tty: true })
    expect(show.stdout).toContain('前序步骤')
    const of = await t.ok(zh(['customer', 'of', 'PUR']), { tty: true })
    expect(of.stdout).toContain('PUR 采购部 服务 1 个内部客户：')
    expect(of.stdout).toContain('流程 P2P#1→#2')
    const map = await t.ok(zh(['customer', 'map']), { tty: true })
    expect(map.stdout).toContain('手工关系')
    expect(englishWords(map.stdout.replace(/\b(PUR|FIN|P2P)\b/g, ''))).toEqual([])
    const piped = await t.ok(zh(['customer', 'map']))
    expect(piped.stdout.split('\n')[0]).toBe('supplier\tcustomer\tprovides\tsources')
    expect(piped.stdout).toContain('process:P2P#1→#2')
  })
})

describe('service and visit in Chinese', () => {
  async function company() {
    const t = cli()
    await t.ok(['unit', 'add', 'IT', '--name', '信息技术部', '--kind', 'department'])
    await t.ok(['unit', 'add', 'FIN', '--name', '财务部', '--kind', 'department'])
    await t.ok(['link', 'add', '--supplier', 'IT', '--customer', 'FIN', '--provides', 'ERP维护'])
    return t
  }

  it('help, an error with its hint, a full-width number', async () => {
    const t = await company()
    const help = await t.ok(zh(['service', 'add', '--help']))
    expect(help.stdout).toContain('响应时限，单位为工作小时')
    const future = await t.run(zh(['visit', 'log', '--by', 'IT', '--customer', 'FIN', '--date', '2026-08-01']))
    expect(future.code).toBe(3)
    expect(future.stderr).toBe('icm: --date 2026-08-01 是将来的日期（今天是 2026-07-01） (请在回访完成后再登记)\n')
    const logged = await t.ok(zh(['visit', 'log', '--by', 'IT', '--customer', '财务部', '--date', '2026-06-12', '--satisfaction', '４']))
    expect(logged.stderr).toContain('IT 于 2026-06-12 回访 FIN，满意度 4')
  })

  it('tables and entities on a terminal', async () => {
    const t = await company()
    await t.ok(['service', 'add', 'IT-ACCOUNT', '--provider', 'IT', '--name', '账号开通', '--response-hours', '4'])
    const show = await t.ok(zh(['service', 'show', 'IT-ACCOUNT']), { tty: true })
    expect(show.stdout).toContain('4 个工作小时')
    expect(show.stdout).toContain('共 0 件（未结 0 件）')
    const due = await t.ok(zh(['visit', 'due']), { tty: true })
    expect(due.stdout).toContain('从未回访')
    expect(due.stdout).toContain('是否到期')
    expect(englishWords(due.stdout.replace(/\b(IT|FIN)\b/g, '').replace('visit.interval_days', ''))).toEqual([])
    const piped = await t.ok(zh(['visit', 'due']))
    expect(piped.stdout).toContain('\tnever\t')
  })
})

describe('action in Chinese', () => {
  async function company() {
    const t = cli()
    await t.ok(['unit', 'add', 'IT', '--name', '信息技术部', '--kind', 'department'])
    await t.ok(['action', 'add', '--owner', 'IT', '--description', '逾期三天', '--due', '2026-06-28', '--at', '2026-06-01T09:00:00+08:00', '--source', '内审', '--ref', 'AUD-0001'])
    await t.ok(['action', 'add', '--owner', 'IT', '--description', '每周公布工单处理时效', '--due', '2026-08-31'])
    return t
  }

  it('help and an error with its hint', async () => {
    const t = await company()
    const help = await t.ok(zh(['action', 'add', '--help']))
    expect(help.stdout).toContain('为单位新建一项整改措施')
    const r = await t.run(zh(['action', 'add', '--owner', 'IT', '--description', 'x', '--due', '2026-05-01']))
    expect(r.code).toBe(3)
    expect(r.stderr).toBe('icm: --due 2026-05-01 早于整改措施的新建日期（2026-07-01） (期限不能早于新建当天)\n')
    const bad = await t.run(zh(['action', 'list', '--status', '迟了']))
    expect(bad.code).toBe(3)
    expect(bad.stderr).toBe("icm: 整改措施状态 的取值无效：'迟了' (可用：未完成 (open), 已完成 (done), 已逾期 (overdue))\n")
  })

  it('a status typed in Chinese, a table on a terminal', async () => {
    const t = await company()
    const overdue = await t.ok(zh(['action', 'list', '--status', '逾期', '--json']))
    expect(overdue.json().map((a: any) => [a.code, a.source])).toEqual([['ACT-0001', 'audit']])
    const list = await t.ok(zh(['action', 'list']), { tty: true })
    expect(list.stdout).toContain('已逾期 3 天')
    expect(list.stdout).toContain('审核 AUD-0001')
    expect(list.stdout).toContain('未完成')
    expect(englishWords(list.stdout.replace(/\b(IT|ACT|AUD)\b/g, ''))).toEqual([])
    const done = await t.ok(zh(['action', 'done', 'ACT-0002', '--note', '已上线工单看板']))
    expect(done.stderr).toBe('✓ ACT-0002 已完成\n')
  })
})

describe('audit in Chinese', () => {
  async function company() {
    const t = cli()
    await t.ok(['unit', 'add', 'IT', '--name', '信息技术部', '--kind', 'department'])
    await t.ok(['unit', 'add', 'PUR', '--name', '采购部', '--kind', 'department'])
    await t.ok(['audit', 'add', '--title', '上半年内部客户服务审核', '--date', '2026-05-20', '--auditor', '赵磊', '--scope', 'IT,PUR'])
    return t
  }

  it('help and an error with its hint', async () => {
    const t = await company()
    const help = await t.ok(zh(['audit', 'finding', '--help']))
    expect(help.stdout).toContain('严重程度：轻微、严重、重大')
    const r = await t.run(zh(['audit', 'finding', 'AUD-0001', '--unit', 'IT', '--severity', '严重', '--description', '记录缺失', '--due', '2026-05-01']))
    expect(r.code).toBe(3)
    expect(r.stderr).toBe('icm: 整改期限 2026-05-01 早于审核日期 2026-05-20 (--due 不能早于审核日期)\n')
  })

  it('a severity typed in Chinese opens an action; the findings table on a terminal', async () => {
    const t = await company()
    const r = await t.ok(zh(['audit', 'finding', 'AUD-0001', '--unit', '采购部', '--severity', '严重', '--description', '供应商评审记录缺失', '--due', '2026-06-30']))
    expect(r.stderr).toContain('已为 PUR 登记问题 FND-0001（严重），整改期限 2026-06-30')
    expect(r.stderr).toContain('已为 PUR 新建整改措施 ACT-0001')
    const show = await t.ok(zh(['audit', 'show', 'AUD-0001']), { tty: true })
    expect(show.stdout).toContain('审核发现：')
    expect(show.stdout).toContain('已逾期 1 天')
    expect(show.stdout).toContain('共 1 项（未关闭 1 项，已逾期 1 项）')
    expect(englishWords(show.stdout.replace(/\b(IT|PUR|AUD|FND|ACT)\b/g, ''))).toEqual([])
    const piped = await t.ok(zh(['audit', 'show', 'AUD-0001']))
    expect(piped.stdout).toContain('\tmajor\t2026-06-30\toverdue 1d\t')
  })
})

describe('report in Chinese', () => {
  async function company() {
    const t = cli()
    await t.ok(['unit', 'add', 'PUR', '--name', '采购部', '--kind', 'department'])
    await t.ok(['report', 'file', '--about', 'PUR', '--description', '供应商选择未按规定比价'])
    return t
  }

  it('help and errors with their hints', async () => {
    const t = await company()
    const help = await t.ok(zh(['report', 'decide', '--help']))
    expect(help.stdout).toContain('登记举报是否属实')
    const both = await t.run(zh(['report', 'decide', 'RPT-0001', '--valid', '--invalid']))
    expect(both.code).toBe(3)
    expect(both.stderr).toBe('icm: --valid 和 --invalid 不能同时使用 (请只选其一)\n')
    const named = await t.run(zh(['report', 'file', '--about', 'PUR', '--description', 'x', '--reporter', '王芳']))
    expect(named.code).toBe(3)
    expect(named.stderr).toBe('icm: --reporter 需要设置环境变量 ICM_REPORTS_KEY，但它未设置 (请把 ICM_REPORTS_KEY 设为本数据库的举报密钥)\n')
  })

  it('a status typed in Chinese, a decision and the entity on a terminal', async () => {
    const t = await company()
    const decided = await t.ok(zh(['report', 'decide', 'RPT-0001', '--valid', '--reward', '５００']))
    expect(decided.stderr).toBe('✓ RPT-0001 已处理：属实，奖励 500.00\n')
    const list = await t.ok(zh(['report', 'list', '--status', '已處理', '--json']))
    expect(list.json().map((r: any) => r.code)).toEqual(['RPT-0001'])
    const show = await t.ok(zh(['report', 'show', 'RPT-0001']), { tty: true })
    expect(show.stdout).toContain('匿名')
    expect(show.stdout).toContain('已处理')
    expect(show.stdout).toContain('属实')
    expect(englishWords(show.stdout.replace(/\b(PUR|RPT)\b/g, ''))).toEqual([])
    const table = await t.ok(zh(['report', 'list']), { tty: true })
    expect(table.stdout).toContain('核实结论')
  })
})

describe('config, check, db, init and backup in Chinese', () => {
  it('help and errors with their hints', async () => {
    const t = cli()
    const help = await t.ok(zh(['config', 'set', '--help']))
    expect(help.stdout).toContain('设置参数（先检查取值）')
    const bad = await t.run(zh(['config', 'set', 'visit.interval_days', '0']))
    expect(bad.code).toBe(3)
    expect(bad.stderr).toBe("icm: visit.interval_days 必须是 1 到 3650 的整数，收到的是 '0'\n")
    const unset = await t.run(zh(['config', 'unset', 'visit.interval_days']))
    expect(unset.code).toBe(3)
    expect(unset.stderr).toContain('icm: visit.interval_days 未设置，已经是默认值（90）\n')
    const copy = await t.run(zh(['db', 'copy', '--to', 'mysql://x@y/z']))
    expect(copy.code).toBe(3)
    expect(copy.stderr).toBe("icm: --to 必须是 PostgreSQL 地址，收到的是 'mysql://…@y/z' (例如 --to postgres://icm:secret@localhost:5432/icm)\n")
  })

  it('a full-width number is read; the list and the check on a terminal', async () => {
    const t = cli()
    const set = await t.ok(zh(['config', 'set', 'visit.interval_days', '６０']))
    expect(set.stderr).toContain('✓ visit.interval_days = 60\n')
    const list = await t.ok(zh(['config', 'list']), { tty: true })
    expect(list.stdout).toContain('对同一内部客户两次回访之间的天数')
    expect(list.stdout).toContain('已设置')
    const piped = await t.ok(zh(['config', 'list']))
    expect(piped.stdout).toContain('visit.interval_days\t60\tset\tdays between follow-up visits to a customer\n')
    const check = await t.ok(zh(['check']), { tty: true })
    expect(check.stdout).toContain('事件链')
    expect(check.stdout).toContain('还没有已定稿的考核表')
    expect(check.stderr).toMatch(/4 项检查全部通过|事件链、已定稿考核表和触发器均正常/)
    const json = await t.ok(zh(['check', '--json']))
    expect(json.json().finalTables.detail).toBe('no final tables yet')
    const init = await t.ok(zh(['init']))
    expect(init.stderr).toContain('数据库已是最新')
  })
})

describe('demo in Chinese', () => {
  it('says what it builds and what to try next in Chinese; its customer map has Chinese titles on a terminal', async () => {
    const t = cli()
    const help = await t.ok(zh(['demo', '--help']))
    expect(help.stdout).toContain('建立一家示例公司')
    const r = await t.ok(zh(['--db', 'demo.db', 'demo']), { tty: true })
    expect(r.stderr).toContain('正在')
    expect(r.stderr).toContain('示例数据库：')
    expect(r.stderr).toContain('接下来可以试试：icm --db demo.db assess explain --period 2026-H1 --unit IT')
    expect(r.stdout).toContain('示例公司的内部客户关系图')
    expect(r.stdout).toContain('内部供方')
  })
})

describe('zh-TW is made from the same messages', () => {
  it('speaks traditional Chinese with Taiwan office terms', async () => {
    const t = cli()
    const add = await t.ok(['--lang', 'zh-TW', 'unit', 'add', 'HR', '--name', '人力資源部', '--kind', '部門'])
    expect(add.stderr).toContain('✓ 已新增部門 HR 人力資源部')
    const help = await t.ok(['--lang', 'zh-TW', 'service', 'add', '--help'])
    expect(help.stdout).toContain('回應時限')
    const r = await t.run(['--lang', 'zh-TW', 'audit', 'show', 'AUD-0009'])
    expect(r.code).toBe(4)
    expect(r.stderr).toBe("icm: 找不到稽核 'AUD-0009' (可用 icm audit list 檢視)\n")
  })
})

describe('dates and periods as people write them', () => {
  it('visit log, action add and audit list read Chinese dates and periods', async () => {
    const t = cli()
    await t.ok(['unit', 'add', 'IT', '--name', '信息技术部', '--kind', 'department'])
    await t.ok(['unit', 'add', 'FIN', '--name', '财务部', '--kind', 'department'])
    const visit = await t.ok(zh(['visit', 'log', '--by', 'IT', '--customer', 'FIN', '--date', '2026年6月12日', '--json']))
    expect(visit.json().date).toBe('2026-06-12')
    const action = await t.ok(zh(['action', 'add', '--owner', 'IT', '--description', '公布工单时效', '--due', '2026/8/31', '--json']))
    expect(action.json().due).toBe('2026-08-31')
    await t.ok(['audit', 'add', '--title', '审核', '--date', '2026-05-20', '--auditor', '赵磊', '--scope', 'IT'])
    const audits = await t.ok(zh(['audit', 'list', '--period', '2026上半年', '--json']))
    expect(audits.json().map((a: any) => a.code)).toEqual(['AUD-0001'])
    const visits = await t.ok(zh(['visit', 'list', '--period', '2026年第二季度', '--json']))
    expect(visits.json()).toHaveLength(1)
  })
})
