import { afterEach, describe, expect, it } from 'vitest'
import { useLanguage } from '../../src/domain/i18n/catalog.js'
import { cli, writeFile } from '../helpers/harness.js'

// The unit, process, dependency, link, customer, service, visit, action, audit, report, config,
// check, db, init/backup and demo groups in simplified Chinese (DESIGN.md §7): help, an error with
// its hint, a table on a terminal, a fixed value typed in Chinese.
afterEach(async () => {
  await useLanguage('en')
})

const zh = (args: string[]) => ['--lang', 'zh-CN', ...args]

/** True when a text a person reads holds an English word (codes, flags and commands aside). */
function englishWords(text: string): string[] {
  return (text.match(/[A-Za-z]{3,}/g) ?? []).filter((w) => !/^(icm|csv|json|CSV|JSON|SQLite|UTF|ERP|PostgreSQL|ms)$/.test(w))
}

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
