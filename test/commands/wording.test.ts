import { describe, expect, it } from 'vitest'
import { englishWords } from '../helpers/english-words.js'
import { cli, writeFile } from '../helpers/harness.js'

describe('wording', () => {
  it('says 1 unit, not 1 units', async () => {
    const t = cli()
    const one = writeFile(t.dir, 'one.csv', 'code,name,kind,parent,head,duties\nIT,信息技术部,department,,,\n')
    expect((await t.ok(['unit', 'import', one])).stderr).toMatch(/^✓ 1 unit imported from /m)
    const two = writeFile(t.dir, 'two.csv', 'code,name,kind,parent,head,duties\nHR,人力资源部,department,,,\nFIN,财务部,department,,,\n')
    expect((await t.ok(['unit', 'import', two])).stderr).toMatch(/^✓ 2 units imported from /m)
  })

  it('shows examples in every group help, and the half-year workflow at the top', async () => {
    const t = cli()
    const assess = await t.ok(['assess', '--help'])
    expect(assess.stdout).toMatch(/Examples:\n {2}icm assess /)
    for (const group of ['request', 'survey', 'complaint', 'unit', 'config', 'calendar']) {
      expect((await t.ok([group, '--help'])).stdout).toMatch(new RegExp(`Examples?:\\n {2}icm ${group} `))
    }
    const top = await t.ok(['--help'])
    expect(top.stdout).toContain('A half-year workflow (2026-H1):')
    expect(top.stdout).toContain('icm assess import-inputs --period 2026-H1 inputs.csv')
    // in Chinese the examples' comments, the exit codes and the help command too
    const zh = await t.ok(['--help'], { env: { LANG: 'zh_CN.UTF-8' } })
    expect(zh.stdout).toContain('半年度工作流程（2026-H1）：')
    expect(zh.stdout).toContain('退出码：0 成功')
    expect(zh.stdout).toMatch(/help \[command\] +显示命令的帮助/)
    // the examples' comments and the exit codes: words, but for the commands themselves
    const tail = zh.stdout.slice(zh.stdout.indexOf('示例：'))
    const comments = tail.split('\n').map((l) => (l.trim().startsWith('icm ') ? l.trim().split(/\s{2,}/).slice(1).join(' ') : l))
    expect(englishWords(comments.join('\n'), ['demo'])).toEqual([]) // ./icm-demo.db
    expect(englishWords((await t.ok(['request', '--help'], { env: { LANG: 'zh_CN.UTF-8' } })).stdout.match(/help \[command\].*/)![0].slice(14))).toEqual([])
  })

  it('says in icm demo --help that a file that is not a demo is refused without --yes', async () => {
    const t = cli()
    const help = (await t.ok(['demo', '--help'])).stdout.replace(/\s+/g, ' ')
    expect(help).toContain('an earlier demo database there is replaced, any other file is refused unless --yes')
    expect(help).not.toContain('replaced if it exists')
  })
})
