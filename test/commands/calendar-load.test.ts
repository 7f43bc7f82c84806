import { describe, expect, it } from 'vitest'
import { cli, dbState } from '../helpers/harness.js'

// chinese-days 1.5.7, 2026: 33 holidays (元旦 3, 春节 9, 清明 3, 劳动节 5, 端午 3, 中秋 3, 国庆节 7) and 6 make-up days.
describe('icm calendar load cn', () => {
  it('loads 2026: 39 days, with the Spring Festival and its make-up Saturdays', async () => {
    const t = cli()
    await t.ok(['init'])
    const r = await t.ok(['calendar', 'load', 'cn', '2026', '--json'])
    const doc = r.json()
    expect(doc).toMatchObject({ source: 'cn', package: 'chinese-days@1.5.7', year: 2026, dryRun: false, same: 0, differs: [], written: 39 })
    expect(doc.added).toHaveLength(39)
    const list = (await t.ok(['calendar', 'list', '--year', '2026', '--json'])).json()
    expect(list.filter((d: any) => d.type === 'holiday')).toHaveLength(33)
    const feb = list.filter((d: any) => d.date.startsWith('2026-02')).map((d: any) => `${d.date} ${d.weekday} ${d.type} ${d.name}`)
    expect(feb[0]).toBe('2026-02-14 Sat workday 春节调休')
    expect(feb.at(-1)).toBe('2026-02-28 Sat workday 春节调休')
    expect(feb).toHaveLength(11)
    const log = (await t.ok(['log', '--json'])).json()
    expect(log.at(-1)).toMatchObject({ action: 'calendar.load', entity: '2026', details: { source: 'chinese-days@1.5.7', added: 39, replaced: [] } })
  })

  it('keeps an entry that differs unless --replace, and says so', async () => {
    const t = cli()
    await t.ok(['calendar', 'add', '2026-10-10', '--holiday', '--name', '公司活动'])
    await t.ok(['calendar', 'add', '2026-10-01', '--holiday', '--name', '国庆节'])
    await t.ok(['calendar', 'add', '2026-12-31', '--holiday', '--name', '厂庆'])
    const kept = await t.ok(['calendar', 'load', 'cn', '2026'])
    expect(kept.stdout).toMatch(/2026-10-10\tSat\tworkday\t国庆节调休\tkeep\tholiday 公司活动/)
    expect(kept.stderr).toContain('37 added, 1 already there, 1 differ (kept: --replace takes the official ones), 1 of yours not in the official list (kept)')
    expect((await t.ok(['calendar', 'list', '--year', '2026', '--json'])).json().find((d: any) => d.date === '2026-10-10')).toMatchObject({ type: 'holiday' })

    const dry = (await t.ok(['calendar', 'load', 'cn', '2026', '--replace', '--dry-run', '--json'])).json()
    expect(dry).toMatchObject({ added: [], same: 38, written: 0, differs: [{ date: '2026-10-10', here: { type: 'holiday', name: '公司活动' }, official: { type: 'workday', name: '国庆节调休' }, action: 'replaced' }] })
    expect((await t.ok(['calendar', 'list', '--year', '2026', '--json'])).json().find((d: any) => d.date === '2026-10-10')).toMatchObject({ type: 'holiday' })

    const replaced = (await t.ok(['calendar', 'load', 'cn', '2026', '--replace', '--json'])).json()
    expect(replaced).toMatchObject({ written: 1, notOfficial: [{ date: '2026-12-31', name: '厂庆' }] })
    const list = (await t.ok(['calendar', 'list', '--year', '2026', '--json'])).json()
    expect(list.find((d: any) => d.date === '2026-10-10')).toMatchObject({ type: 'workday', name: '国庆节调休' })
    expect(list.find((d: any) => d.date === '2026-12-31')).toMatchObject({ type: 'holiday', name: '厂庆' })
    const log = (await t.ok(['log', '--json'])).json()
    expect(log.at(-1).details.replaced).toEqual([{ date: '2026-10-10', before: { type: 'holiday', name: '公司活动' } }])
  })

  it('loads a year once: a second load finds every day already there and writes no event', async () => {
    const t = cli()
    await t.ok(['calendar', 'load', 'cn', '2026'])
    const again = await t.ok(['calendar', 'load', 'cn', '2026'])
    expect(again.stderr).toContain('0 added, 39 already there, 0 differ')
    const events = (await t.ok(['log', '--json'])).json().filter((e: any) => e.action === 'calendar.load')
    expect(events).toHaveLength(1)
  })

  it('writes nothing on a dry run', async () => {
    const t = cli()
    await t.ok(['init'])
    const before = await dbState(t.db)
    const r = await t.ok(['calendar', 'load', 'cn', '2026', '--dry-run'])
    expect(r.stderr).toContain('dry run, nothing written: official calendar 2026 from chinese-days@1.5.7: 39 to add')
    expect(await dbState(t.db)).toBe(before)
  })

  it.each([
    ['a year the package does not have', ['calendar', 'load', 'cn', '2031'], 4, /chinese-days@1.5.7 has no official calendar for 2031 \(it has 2004–2026\)/],
    ['an unknown country', ['calendar', 'load', 'us', '2026'], 3, /unknown official calendar 'us'/],
    ['a malformed year', ['calendar', 'load', 'cn', '26'], 3, /invalid year/],
    ['no year', ['calendar', 'load', 'cn'], 2, /year/],
  ])('refuses %s with one line, its exit code and no change', async (_what, args, code, message) => {
    const t = cli()
    await t.ok(['init'])
    const before = await dbState(t.db)
    const r = await t.run(args)
    expect(r.code).toBe(code)
    expect(r.stderr).toMatch(message)
    expect(r.stderr.trim().split('\n')).toHaveLength(1)
    expect(await dbState(t.db)).toBe(before)
  })
})
