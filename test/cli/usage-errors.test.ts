import { afterEach, describe, expect, it } from 'vitest'
import { useLanguage } from '../../src/domain/i18n/catalog.js'
import { usageErrorLine } from '../../src/cli/usage-errors.js'
import { cli } from '../helpers/harness.js'

afterEach(async () => {
  await useLanguage('en')
})

describe('usage errors: one line, exit 2 (DESIGN.md §5)', () => {
  it.each([
    ["error: unknown command 'reqest'\n(Did you mean request?)\n", "icm: unknown command 'reqest' (did you mean request?)\n"],
    ["error: unknown option '--perod'\n(Did you mean --period?)\n", "icm: unknown option '--perod' (did you mean --period?)\n"],
    ["error: missing required argument 'code'\n", "icm: missing required argument 'code' (see --help)\n"],
    ["error: too many arguments for 'list'. Expected 0 arguments but got 1.\n", 'icm: too many arguments: 0 expected, 1 given (see --help)\n'],
  ])('%j → %j', (commander, line) => {
    expect(usageErrorLine(commander)).toBe(line)
  })

  it.each([
    [['reqest'], "icm: unknown command 'reqest' (did you mean request?)\n"],
    [['request', 'lst'], "icm: unknown command 'lst' (did you mean list?)\n"],
    [['--lang', 'zh-CN', 'reqest'], "icm: 未知的命令 'reqest' (您是不是要输入 request？)\n"],
    [['--lang', 'fr', 'unit', 'list'], "icm: unknown language 'fr' (use one of: en, zh-CN, zh-TW)\n"],
  ])('%j prints one line and exits 2', async (args, line) => {
    const r = await cli().run(args)
    expect(r.code).toBe(2)
    expect(r.stderr).toBe(line)
    expect(r.stdout).toBe('')
  })
})

describe('config ui.lang (DESIGN.md §7)', () => {
  it('is the language of every run on the database that gives no --lang; --lang wins', async () => {
    const t = cli()
    await t.ok(['config', 'set', 'ui.lang', 'zh_CN'])
    const zh = await t.run(['unit', 'show', 'NOPE'])
    expect(zh.code).toBe(4)
    expect(zh.stderr).toContain('找不到')
    const en = await t.run(['--lang', 'en', 'unit', 'show', 'NOPE'])
    expect(en.stderr).toBe("icm: unknown unit 'NOPE' (see icm unit list)\n")
  })

  it('accepts only a language icm has', async () => {
    const r = await cli().run(['config', 'set', 'ui.lang', 'fr'])
    expect(r.code).toBe(3)
    expect(r.stderr).toBe("icm: ui.lang must be one of en, zh-CN, zh-TW, got 'fr'\n")
  })
})
