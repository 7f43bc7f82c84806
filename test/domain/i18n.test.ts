import { describe, expect, it } from 'vitest'
import { english, language, t, useLanguage } from '../../src/domain/i18n/catalog.js'
import { en } from '../../src/domain/i18n/en/index.js'
import { format, placeholdersOf, type SamePlaceholders } from '../../src/domain/i18n/format.js'
import { zhCN } from '../../src/domain/i18n/zh-CN/index.js'
import { zhTW } from '../../src/domain/i18n/zh-TW/index.generated.js'
import { ZH_TW_TERMS } from '../../src/domain/i18n/zh-TW-terms.js'
import { ENUM_LABELS } from '../../src/domain/i18n/enums.js'
// @ts-expect-error a plain .mjs script without types
import { zhTwFiles, zhCnAreas } from '../../scripts/zh-tw.mjs'
import fs from 'node:fs'
import path from 'node:path'
import { ROOT } from '../helpers/harness.js'

// Compile-time: every simplified message has exactly the placeholders of its English message (npm run
// typecheck names the key that differs); the generated traditional catalog is checked the same way.
const zhCNChecked: SamePlaceholders<typeof en, typeof zhCN> = zhCN
const zhTWChecked: SamePlaceholders<typeof en, typeof zhTW> = zhTW

describe('message templates', () => {
  it.each([
    ['{n} {n|unit|units} imported', { n: 1 }, '1 unit imported'],
    ['{n} {n|unit|units} imported', { n: 3 }, '3 units imported'],
    ['{n} {n|unit|units} imported', { n: 0 }, '0 units imported'],
    ['✓ {code} logged, due {due}', { code: 'REQ-0001', due: '2026-03-02' }, '✓ REQ-0001 logged, due 2026-03-02'],
    ['已导入 {n} 个单位', { n: 3 }, '已导入 3 个单位'],
    ['{missing} stays', {}, '{missing} stays'],
  ])('format(%j, %j) = %j', (template, params, expected) => {
    expect(format(template, params)).toBe(expected)
  })

  it('lists placeholders', () => {
    expect(placeholdersOf('{n} {n|unit|units} in {file}')).toEqual(['file', 'n'])
  })
})

describe('the catalog (DESIGN.md §7)', () => {
  const catalogs = { 'zh-CN': zhCNChecked, 'zh-TW': zhTWChecked } as Record<string, Record<string, string>>
  const keys = Object.keys(en)

  it.each(Object.keys(catalogs))('%s has every English key, and no other', (lang) => {
    expect(Object.keys(catalogs[lang]!).sort()).toEqual([...keys].sort())
  })

  it.each(Object.keys(catalogs))('%s uses the same placeholders as English in every message, and none is empty', (lang) => {
    const problems = keys.filter((k) => {
      const translated = catalogs[lang]![k]!
      return translated.trim() === '' || JSON.stringify(placeholdersOf(translated)) !== JSON.stringify(placeholdersOf((en as Record<string, string>)[k]!))
    })
    expect(problems).toEqual([])
    expect(keys.filter((k) => (en as Record<string, string>)[k]!.trim() === '')).toEqual([])
  })

  it('zh-TW is up to date with the simplified catalog (npm run i18n), one file per area', async () => {
    const i18n = path.join(ROOT, 'src/domain/i18n')
    const expected = zhTwFiles(await zhCnAreas(path.join(i18n, 'zh-CN')), ZH_TW_TERMS, ENUM_LABELS)
    expect(fs.readdirSync(path.join(i18n, 'zh-TW')).sort()).toEqual(Object.keys(expected).sort())
    for (const [name, source] of Object.entries(expected)) expect(fs.readFileSync(path.join(i18n, 'zh-TW', name), 'utf8'), name).toBe(source)
  })

  it('speaks the active language and falls back to nothing silently', async () => {
    expect(language()).toBe('en')
    expect(t('cli.unknownLang', { lang: 'fr' })).toBe("unknown language 'fr'")
    await useLanguage('zh-CN')
    expect(t('cli.unknownLang', { lang: 'fr' })).toBe("未知的语言 'fr'")
    expect(english('cli.unknownLang', { lang: 'fr' })).toBe("unknown language 'fr'")
    await useLanguage('zh-TW')
    expect(t('cli.unknownLang', { lang: 'fr' })).toBe("未知的語言 'fr'")
    await useLanguage('en')
  })
})
