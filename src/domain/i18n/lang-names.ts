import { LANGUAGES, type Lang } from './catalog.js'

/** The interface language a name means (en, zh-CN, zh_CN, zh, zh-Hans, zh-TW, zh-Hant…), if any. */
export function languageNamed(text: string): Lang | undefined {
  const wanted = text.trim().replace('_', '-').toLowerCase()
  return LANGUAGES.find((l) => l.toLowerCase() === wanted) ?? (wanted === 'zh' || wanted === 'zh-hans' ? 'zh-CN' : wanted === 'zh-hant' ? 'zh-TW' : undefined)
}
