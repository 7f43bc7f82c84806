import { afterEach, describe, expect, it } from 'vitest'
import { useLanguage } from '../../src/domain/i18n/catalog.js'
import { cli } from '../helpers/harness.js'
import { englishWords as wordsOf } from '../helpers/english-words.js'

// The request and complaint groups in simplified Chinese (DESIGN.md §7): help, an error with its
// hint, a table on a terminal, a fixed value typed in Chinese.
afterEach(async () => {
  await useLanguage('en')
})

const zh = (args: string[]) => ['--lang', 'zh-CN', ...args]

/** True when a text a person reads holds an English word (codes, flags and commands aside). */
const englishWords = (text: string) => wordsOf(text, ['REQ', 'CMP', 'CODE'])

/** A small company; the clock is Wed 2026-07-01 10:00 (+08:00). */
async function company() {
  const t = cli({ now: '2026-07-01T10:00:00+08:00' })
  for (const [code, name] of [['IT', '信息技术部'], ['HR', '人力资源部'], ['SALES', '销售部']]) {
    await t.ok(['unit', 'add', code!, '--name', name!, '--kind', 'department'])
  }
  return t
}

describe('request in Chinese', () => {
  it('help describes the command and its options in Chinese', async () => {
    const r = await cli().ok(zh(['request', 'log', '--help']))
    expect(r.stdout).toContain('登记一项由需求单位提给承办单位的需求')
    expect(r.stdout).toContain('受理渠道：会议, 意见箱, 热线, 线上, 问卷, 调研')
    const group = await cli().ok(zh(['request', '--help']))
    expect(group.stdout).toContain('内部需求：登记、评估、排序、按时答复、处理和变更')
  })

  it('an error and its hint are Chinese', async () => {
    const t = await company()
    const missing = await t.run(zh(['request', 'show', 'REQ-0099']))
    expect(missing.code).toBe(4)
    expect(missing.stderr).toBe("icm: 没有编号为 'REQ-0099' 的需求 (请用 icm request list 查看)\n")
    const same = await t.run(zh(['request', 'log', '--from', 'IT', '--to', 'IT', '--title', 'x']))
    expect(same.code).toBe(3)
    expect(same.stderr).toBe('icm: --from 与 --to 是同一个单位（IT） (需求应由需求单位提给另一个为其服务的单位)\n')
    const channel = await t.run(zh(['request', 'log', '--from', 'HR', '--to', 'IT', '--title', 'x', '--channel', '传真']))
    expect(channel.code).toBe(3)
    expect(channel.stderr).toContain('需求渠道无效')
    expect(channel.stderr).toContain('热线 (hotline)')
    await t.ok(['request', 'log', '--from', 'HR', '--to', 'IT', '--title', '账号'])
    const state = await t.run(zh(['request', 'resolve', 'REQ-0001']))
    expect(state.code).toBe(3)
    expect(state.stderr).toContain('REQ-0001 当前状态为“新建”')
  })

  it('a channel and a status typed in Chinese, tables on a terminal', async () => {
    const t = await company()
    const log = await t.ok(zh(['request', 'log', '--from', 'SALES', '--to', 'IT', '--title', 'CRM 报表', '--channel', '电话']))
    expect(log.stderr).toContain('已登记 REQ-0001，答复期限')
    const json = await t.ok(['request', 'show', 'REQ-0001', '--json'])
    expect(json.json().channel).toBe('hotline')
    await t.ok(zh(['request', 'respond', 'REQ-0001', '--accept', '--expected', '2026-07-10']))
    await t.ok(zh(['request', 'start', 'REQ-0001']))
    const list = await t.ok(zh(['request', 'list', '--status', '处理中']), { tty: true })
    expect(list.stdout).toContain('编号')
    expect(list.stdout).toContain('处理中')
    expect(englishWords(list.stdout.replace(/IT|SALES|CRM/g, ''))).toEqual([])
    const rank = await t.ok(zh(['request', 'rank']), { tty: true })
    expect(rank.stdout).toContain('象限')
    expect(rank.stdout).toContain('未评估')
    const show = await t.ok(zh(['request', 'show', 'REQ-0001']), { tty: true })
    expect(show.stdout).toContain('答复期限')
    expect(show.stdout).toContain('热线')
    expect(show.stdout).toContain('开始处理')
    const piped = await t.ok(zh(['request', 'list']))
    expect(piped.stdout.split('\n')[0]).toBe('code\tstatus\tfrom\tto\ttitle\tresponse due\toverdue')
    expect(piped.stdout).toContain('\tin_progress\t')
  })
})

describe('complaint in Chinese', () => {
  async function withHandler() {
    const t = await company()
    await t.ok(['config', 'set', 'complaint.handler', '王敏'])
    return t
  }

  it('help describes the command and its options in Chinese', async () => {
    const r = await cli().ok(zh(['complaint', 'open', '--help']))
    expect(r.stdout).toContain('受理针对某单位的投诉')
    expect(r.stdout).toContain('匿名投诉（不保存投诉人的任何信息）')
    const rc = await cli().ok(zh(['complaint', 'root-cause', '--help']))
    expect(rc.stdout).toContain('流程, 人员, 系统, 沟通, 资源, 其他')
  })

  it('an error and its hint are Chinese', async () => {
    const t = await withHandler()
    const missing = await t.run(zh(['complaint', 'show', 'CMP-0099']))
    expect(missing.code).toBe(4)
    expect(missing.stderr).toBe("icm: 没有编号为 'CMP-0099' 的投诉 (请用 icm complaint list 查看)\n")
    const self = await t.run(zh(['complaint', 'open', '--against', 'IT', '--from', 'IT', '--channel', 'email', '--summary', 'x']))
    expect(self.code).toBe(3)
    expect(self.stderr).toBe('icm: IT 不能投诉自己 (请检查 --from 和 --against)\n')
    await t.ok(['complaint', 'open', '--against', 'IT', '--from', 'HR', '--channel', 'email', '--summary', '考勤系统宕机'])
    const early = await t.run(zh(['complaint', 'plan', 'CMP-0001', '--responsible', 'IT', '--measures', '扩容']))
    expect(early.code).toBe(3)
    expect(early.stderr).toContain('CMP-0001 当前状态为“已受理”，不能制定处理方案')
    expect(early.stderr).toContain('下一步：')
    const channel = await t.run(zh(['complaint', 'open', '--against', 'IT', '--from', 'HR', '--channel', '传真', '--summary', 'x']))
    expect(channel.code).toBe(3)
    expect(channel.stderr).toContain('不是已公布的投诉渠道')
    expect(channel.stderr).toContain('电话 (phone)')
  })

  it('a channel, a kind and an answer typed in Chinese, tables on a terminal', async () => {
    const t = await withHandler()
    const open = await t.ok(zh(['complaint', 'open', '--against', 'IT', '--from', 'HR', '--channel', '电话', '--summary', '考勤系统宕机']))
    expect(open.stderr).toContain('已受理 CMP-0001：HR 投诉 IT，渠道 电话，处理人 王敏')
    await t.ok(zh(['complaint', 'investigate', 'CMP-0001', '--team', '王敏,张伟']))
    const ev = await t.ok(zh(['complaint', 'evidence', 'CMP-0001', '--kind', '访谈', '--note', '访谈了值班人员']))
    expect(ev.stderr).toContain('已为 CMP-0001 登记第 1 号证据（访谈）')
    await t.ok(zh(['complaint', 'plan', 'CMP-0001', '--responsible', 'IT', '--measures', '扩容']))
    await t.ok(zh(['complaint', 'feedback', 'CMP-0001', '--accepted']))
    await t.ok(zh(['complaint', 'root-cause', 'CMP-0001', '--category', '系统', '--analysis', '容量不足']))
    const verified = await t.ok(zh(['complaint', 'verify', 'CMP-0001', '--resolved', '是', '--satisfaction', '４']))
    expect(verified.stderr).toContain('CMP-0001 验证已解决并结案')
    const json = await t.ok(['complaint', 'show', 'CMP-0001', '--json'])
    expect(json.json()).toMatchObject({ channel: 'phone', status: 'verified', rootCause: { category: 'system' }, verification: { resolved: true, satisfaction: 4 } })
    const list = await t.ok(zh(['complaint', 'list', '--status', '已验证']), { tty: true })
    expect(list.stdout).toContain('被投诉单位')
    expect(list.stdout).toContain('已验证关闭')
    expect(englishWords(list.stdout.replace(/IT|HR/g, ''))).toEqual([])
    const show = await t.ok(zh(['complaint', 'show', 'CMP-0001']), { tty: true })
    expect(show.stdout).toContain('调查组')
    expect(show.stdout).toContain('证据：')
    // the timeline's details read in words: keys and values
    expect(show.stdout).toContain('被投诉单位：IT；投诉单位：HR；渠道：电话')
    expect(show.stdout).toContain('认可：是')
    expect(show.stdout).toContain('原因类别：系统；原因分析：容量不足')
    expect(englishWords(show.stdout.replace(/\bIT\b|\bHR\b|\bCMP-0001\b|\bACT-\d+\b|\bsha256\b|tester/g, ''))).toEqual([])
    const piped = await t.ok(zh(['complaint', 'list']))
    expect(piped.stdout.split('\n')[0]).toBe('code\treceived\tagainst\tfrom\tchannel\thandler\tstatus\tdeadline\toverdue\tsummary')
    expect(piped.stdout).toContain('\tphone\t')
  })
})
