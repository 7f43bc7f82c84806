import { LANGUAGES, type Lang } from '../domain/i18n/catalog.js'
import { t } from '../domain/i18n/catalog.js'
import { UsageError } from '../domain/errors.js'
import { languageNamed } from '../domain/i18n/lang-names.js'

/**
 * The interface language of a run (DESIGN.md §7): --lang, else config ui.lang (applied once the
 * database is open), else the locale (LC_ALL, LC_MESSAGES, LANG), else English.
 */
export function parseLang(text: string): Lang {
  const found = languageNamed(text)
  if (!found) throw new UsageError(t('cli.unknownLang', { lang: text }), t('cli.unknownLang.hint', { languages: LANGUAGES.join(', ') }))
  return found
}

/** The language a POSIX locale names: zh_CN*, zh_SG* → zh-CN; zh_TW*, zh_HK*, zh_MO* → zh-TW; else English. */
export function languageOfLocale(env: NodeJS.ProcessEnv): Lang {
  const locale = env.LC_ALL || env.LC_MESSAGES || env.LANG || ''
  if (/^zh[_-](TW|HK|MO)|^zh[_-]Hant/i.test(locale)) return 'zh-TW'
  if (/^zh([_-](CN|SG)|[_-]Hans|$|\.)/i.test(locale)) return 'zh-CN'
  return 'en'
}

/** --lang as given on the command line (before or after the command), if any. */
export function langArgument(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const word = argv[i]!
    if (word === '--') return undefined
    if (word === '--lang') return argv[i + 1] ?? ''
    if (word.startsWith('--lang=')) return word.slice('--lang='.length)
  }
  return undefined
}
