import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { FIXTURES, cli, dbState, writeFile } from '../helpers/harness.js'

describe('icm unit', () => {
  it('adds a department and a position and lists them as JSON with parent codes', async () => {
    const t = cli()
    const add = await t.ok(['unit', 'add', 'IT', '--name', '信息技术部', '--kind', 'department', '--head', '张伟', '--json'])
    expect(add.json()).toMatchObject({ code: 'IT', name: '信息技术部', kind: 'department', parent: null, head: '张伟', active: true })
    expect(add.stderr).toContain('✓ department IT 信息技术部 added')
    await t.ok(['unit', 'add', 'it-hd', '--name', 'IT服务台', '--kind', 'position', '--parent', 'it'])
    const list = await t.ok(['unit', 'list', '--json'])
    expect(list.json().map((u: any) => [u.code, u.parent])).toEqual([
      ['IT', null],
      ['it-hd', 'IT'],
    ])
    const positions = await t.ok(['--json', 'unit', 'list', '--kind', 'position'])
    expect(positions.json()).toHaveLength(1)
  })

  it('prints tab-separated lines with a header when piped', async () => {
    const t = cli()
    await t.ok(['unit', 'add', 'HR', '--name', '人力资源部', '--kind', 'department'])
    const r = await t.ok(['unit', 'list'])
    expect(r.stdout).toBe('code\tname\tkind\tparent\thead\nHR\t人力资源部\tdepartment\t\t\n')
  })

  it('accepts a unit reference by exact name', async () => {
    const t = cli()
    await t.ok(['unit', 'add', 'IT', '--name', '信息技术部', '--kind', 'department'])
    await t.ok(['unit', 'add', 'IT-HD', '--name', 'IT服务台', '--kind', 'position', '--parent', '信息技术部'])
    const show = await t.ok(['unit', 'show', '信息技术部', '--json'])
    expect(show.json().children).toEqual([{ code: 'IT-HD', name: 'IT服务台', kind: 'position', active: true }])
  })

  it('updates fields and records the change in the event log', async () => {
    const t = cli()
    await t.ok(['unit', 'add', 'IT', '--name', '信息技术部', '--kind', 'department'])
    const r = await t.ok(['unit', 'update', 'IT', '--head', '李娜', '--duties', 'ERP', '--json'])
    expect(r.json()).toMatchObject({ head: '李娜', duties: 'ERP' })
    const log = await t.ok(['log', '--entity', 'it', '--json'])
    expect(log.json().map((e: any) => e.action)).toEqual(['unit.add', 'unit.update'])
    expect(log.json()[1]).toMatchObject({ actor: 'tester', host: 'test-host', details: { head: '李娜', duties: 'ERP' } })
  })

  it('deactivates a unit: hidden from lists unless --all, kept for history', async () => {
    const t = cli()
    await t.ok(['unit', 'add', 'ADM', '--name', '行政部', '--kind', 'department'])
    await t.ok(['unit', 'deactivate', 'ADM'])
    expect((await t.ok(['unit', 'list', '--json'])).json()).toEqual([])
    expect((await t.ok(['unit', 'list', '--all', '--json'])).json()[0]).toMatchObject({ code: 'ADM', active: false })
    const again = await t.run(['unit', 'deactivate', 'ADM'])
    expect(again.code).toBe(3)
  })

  it('asks to confirm a deactivation on a terminal, and does nothing when told no', async () => {
    const t = cli()
    await t.ok(['unit', 'add', 'ADM', '--name', '行政部', '--kind', 'department'])
    const r = await t.run(['unit', 'deactivate', 'ADM'], { tty: true, answers: [false] })
    expect(r.code).toBe(0)
    expect(r.stderr).toContain('nothing changed')
    expect((await t.ok(['unit', 'list', '--json'])).json()).toHaveLength(1)
  })

  it('imports the fixture organisation, parents listed after their positions included', async () => {
    const t = cli()
    const r = await t.ok(['unit', 'import', path.join(FIXTURES, 'org.csv'), '--json'])
    expect(r.json()).toMatchObject({ imported: 18 })
    const units = (await t.ok(['unit', 'list', '--json'])).json()
    expect(units).toHaveLength(18)
    expect(units.find((u: any) => u.code === 'QA-INSP')).toMatchObject({ parent: 'QA', name: '质检员' })

    const t2 = cli()
    const f = writeFile(t2.dir, 'late-parent.csv', 'code,name,kind,parent\nIT-HD,IT服务台,position,IT\nIT,信息技术部,department,\n')
    await t2.ok(['unit', 'import', f])
    expect((await t2.ok(['unit', 'show', 'IT-HD', '--json'])).json().parent).toBe('IT')
  })

  it.each([
    ['a duplicate code', ['unit', 'add', 'IT', '--name', 'x', '--kind', 'department'], 5, /unit IT already exists/],
    ['a duplicate code in another case', ['unit', 'add', 'it', '--name', 'x', '--kind', 'department'], 5, /already exists/],
    ['an unknown parent', ['unit', 'add', 'X', '--name', 'x', '--kind', 'position', '--parent', 'NOPE'], 4, /unknown parent unit 'NOPE'/],
    ['a position without a parent', ['unit', 'add', 'X', '--name', 'x', '--kind', 'position'], 3, /position X needs a parent department/],
    ['a position as a parent', ['unit', 'add', 'Y', '--name', 'y', '--kind', 'position', '--parent', 'IT-HD'], 3, /must be a department/],
    ['an unknown kind', ['unit', 'add', 'X', '--name', 'x', '--kind', 'team'], 3, /invalid unit kind 'team'/],
    ['a bad code', ['unit', 'add', 'A B', '--name', 'x', '--kind', 'department'], 3, /invalid unit code/],
    ['an empty name', ['unit', 'add', 'X', '--name', ' ', '--kind', 'department'], 3, /cannot be empty/],
    ['an unknown unit to show', ['unit', 'show', 'NOPE'], 4, /unknown unit 'NOPE'/],
    ['an unknown unit to update', ['unit', 'update', 'NOPE', '--head', 'x'], 4, /unknown unit/],
    ['an update with nothing to change', ['unit', 'update', 'IT'], 2, /nothing to update/],
    ['a parent loop', ['unit', 'update', 'IT', '--parent', 'SUB'], 3, /SUB is under IT/],
    ['an unknown option', ['unit', 'add', 'X', '--colour', 'red'], 2, /unknown option '--colour'/],
    ['a missing argument', ['unit', 'show'], 2, /missing required argument/],
    ['a missing required option without a terminal', ['unit', 'add', 'X', '--kind', 'department'], 2, /missing required option --name/],
  ])('refuses %s with a clear error, its exit code, and no change', async (_what, args, code, message) => {
    const t = cli()
    await t.ok(['unit', 'add', 'IT', '--name', '信息技术部', '--kind', 'department'])
    await t.ok(['unit', 'add', 'IT-HD', '--name', 'IT服务台', '--kind', 'position', '--parent', 'IT'])
    await t.ok(['unit', 'add', 'SUB', '--name', '子部门', '--kind', 'department', '--parent', 'IT'])
    const before = await dbState(t.db)
    const r = await t.run(args)
    expect(r.code).toBe(code)
    expect(r.stderr).toMatch(message)
    expect(r.stderr.trim().split('\n')).toHaveLength(1)
    expect(r.stderr).toMatch(/^icm: /)
    expect(r.stdout).toBe('')
    expect(await dbState(t.db)).toBe(before)
  })

  it.each([
    ['a bad kind', 'code,name,kind,parent\nA,甲,department,\nB,乙,team,\n', 3, /line 3: invalid unit kind 'team'/],
    ['a position without parent', 'code,name,kind,parent\nA,甲,position,\n', 3, /line 2: position A needs a parent department/],
    ['an unknown parent', 'code,name,kind,parent\nA,甲,position,NOPE\n', 4, /line 2: unknown parent 'NOPE'/],
    ['a code twice', 'code,name,kind\nA,甲,department\nA,乙,department\n', 5, /line 3: unit code A is also on line 2/],
    ['an existing code', 'code,name,kind\nIT,x,department\n', 5, /line 2: unit IT already exists/],
    ['a missing column', 'code,name\nA,甲\n', 3, /no 'kind' column/],
    ['a header only', 'code,name,kind\n', 3, /no units/],
    ['an empty file', '', 3, /empty/],
  ])('refuses a unit import file with %s, naming the line, importing nothing', async (_what, content, code, message) => {
    const t = cli()
    await t.ok(['unit', 'add', 'IT', '--name', '信息技术部', '--kind', 'department'])
    const f = writeFile(t.dir, 'units.csv', content)
    const before = await dbState(t.db)
    const r = await t.run(['unit', 'import', f])
    expect(r.code).toBe(code)
    expect(r.stderr).toMatch(message)
    expect(await dbState(t.db)).toBe(before)
  })

  it('counts the other bad lines of an import in its message', async () => {
    const t = cli()
    const f = writeFile(t.dir, 'units.csv', 'code,name,kind\nA,甲,x\nB,乙,y\nC,丙,z\n')
    const r = await t.run(['unit', 'import', f])
    expect(r.stderr).toContain('line 2: invalid unit kind')
    expect(r.stderr).toContain('and 2 more bad lines')
  })

  it('names a missing import file with exit 4', async () => {
    const t = cli()
    const r = await t.run(['unit', 'import', 'nope.csv'])
    expect(r.code).toBe(4)
    expect(r.stderr).toContain('file not found: nope.csv')
  })

  it('asks for a missing option on a terminal', async () => {
    const t = cli()
    const r = await t.run(['unit', 'add', 'FIN'], { tty: true, answers: ['财务部', 'department'] })
    expect(r.code).toBe(0)
    expect((await t.ok(['unit', 'show', 'FIN', '--json'])).json()).toMatchObject({ name: '财务部', kind: 'department' })
  })

  it('does not ask with --no-input, even on a terminal', async () => {
    const t = cli()
    const r = await t.run(['--no-input', 'unit', 'add', 'FIN'], { tty: true })
    expect(r.code).toBe(2)
    expect(r.stderr).toContain('missing required option --name')
  })
})
