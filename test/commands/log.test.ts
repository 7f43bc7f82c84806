import { describe, expect, it } from 'vitest'
import { cutTo, displayWidth } from '../../src/cli/fit.js'
import { detailsText } from '../../src/commands/log/log-lines.js'
import { cli } from '../helpers/harness.js'

async function withEvents() {
  const t = cli()
  await t.ok(['unit', 'add', 'HR', '--name', '人力资源部', '--kind', 'department'])
  await t.ok(['unit', 'add', 'IT', '--name', '信息技术部', '--kind', 'department', '--duties', 'IT service desk, networks, ERP and the long list of everything else the company needs'])
  await t.ok(['unit', 'update', 'HR', '--head', '王敏'])
  return t
}

describe('fitting text to the terminal', () => {
  it('counts CJK characters as two columns and cuts with an ellipsis', () => {
    expect(displayWidth('信息技术部')).toBe(10)
    expect(cutTo('abcdef', 4)).toBe('abc…')
    expect(cutTo('信息技术部', 6)).toBe('信息…')
    expect(cutTo('abc', 3)).toBe('abc')
  })

  it('shows details as key=value pairs, quoting values with spaces', () => {
    expect(detailsText({ name: '人力资源部', kind: 'department', parent: null, duties: 'a b', n: 2, list: ['A', 'B'] })).toBe(
      'name=人力资源部 kind=department parent=- duties="a b" n=2 list=["A","B"]',
    )
  })
})

describe('icm log on a terminal', () => {
  it('prints one line per event, each cut to the terminal width', async () => {
    const t = await withEvents()
    const r = await t.ok(['log'], { tty: true, columns: 72 })
    const lines = r.stdout.trimEnd().split('\n')
    expect(lines).toHaveLength(4)
    expect(lines[0]).toMatch(/^at\s+actor\s+action\s+entity\s+details$/)
    expect(lines[3]).toMatch(/^2026-07-01T10:00:00\+08:00 {2}tester {2}unit\.update {2}HR {6}head=王敏$/)
    for (const l of lines.slice(1)) expect(displayWidth(l)).toBeLessThanOrEqual(72)
    expect(lines[2]!.endsWith('…')).toBe(true)
    expect(r.paged).toEqual([])
  })

  it('prints everything, with the host, with --full', async () => {
    const t = await withEvents()
    const r = await t.ok(['log', '--full'], { tty: true, columns: 60 })
    expect(r.stdout).toContain('test-host')
    expect(r.stdout).toContain('the long list of everything else the company needs')
  })

  it('keeps --json and piped output unchanged', async () => {
    const t = await withEvents()
    const piped = await t.ok(['log'], { env: { PAGER: 'less' } })
    expect(piped.stdout.split('\n')[0]).toBe('at\tactor\thost\taction\tentity\tdetails')
    expect(piped.stdout).toContain('"duties":"IT service desk, networks, ERP and the long list of everything else the company needs"')
    expect(piped.paged).toEqual([])
    const json = (await t.ok(['log', '--json'], { tty: true, columns: 40 })).json()
    expect(json[2]).toMatchObject({ action: 'unit.update', entity: 'HR', host: 'test-host', details: { head: '王敏' } })
  })

  it('sends a list longer than the terminal through $PAGER when it is set', async () => {
    const t = await withEvents()
    const paged = await t.ok(['log'], { tty: true, rows: 3, env: { PAGER: 'less -S' } })
    expect(paged.stdout).toBe('')
    expect(paged.paged!.map((p) => [p.pager, p.text.split('\n').length])).toEqual([['less -S', 5]])
    const short = await t.ok(['log'], { tty: true, rows: 10, env: { PAGER: 'less' } })
    expect([short.paged, short.stdout.split('\n').length]).toEqual([[], 5])
    const noPager = await t.ok(['log'], { tty: true, rows: 3 })
    expect(noPager.paged).toEqual([])
  })
})
