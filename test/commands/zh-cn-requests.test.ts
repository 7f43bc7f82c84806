import { afterEach, describe, expect, it } from 'vitest'
import { useLanguage } from '../../src/domain/i18n/catalog.js'
import { cli } from '../helpers/harness.js'

// The request and complaint groups in simplified Chinese (DESIGN.md §7): help, an error with its
// hint, a table on a terminal, a fixed value typed in Chinese.
afterEach(async () => {
  await useLanguage('en')
})

const zh = (args: string[]) => ['--lang', 'zh-CN', ...args]

/** True when a text a person reads holds an English word (codes, flags and commands aside). */
function englishWords(text: string): string[] {
  return (text.match(/[A-Za-z]{3,}/g) ?? []).filter((w) => !/^(icm|csv|json|CSV|JSON|REQ|CMP|CODE)$/.test(w))
}

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
    const piped = await t.ok(zh(['request', 'list']))
    expect(piped.stdout.split('\n')[0]).toBe('code\tstatus\tfrom\tto\ttitle\tresponse due\toverdue')
    expect(piped.stdout).toContain('\tin_progress\t')
  })
})
