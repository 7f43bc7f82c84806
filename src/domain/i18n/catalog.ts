import { en } from './en/index.js'
import { enumLabel, setTraditionalLabels, type EnumKind } from './enums.js'
import { format, type ArgsOf } from './format.js'

/**
 * The interface language (DESIGN.md §7) and its messages. English is the source: its catalog
 * names every message and its placeholders; zh-CN is a typed translation of it and zh-TW is
 * made from zh-CN (scripts/gen-zh-tw.mjs). Only the active language is loaded. Data (unit names,
 * titles, comments) is never translated; contracts (command and flag names, codes, --json keys
 * and values, CSV headers on stdout) never change with the language.
 */
export type Lang = 'en' | 'zh-CN' | 'zh-TW'
export const LANGUAGES: readonly Lang[] = ['en', 'zh-CN', 'zh-TW']

export type Messages = typeof en
export type MessageKey = keyof Messages

let active: Lang = 'en'
let messages: Readonly<Record<MessageKey, string>> = en

/** Loads a language's messages and makes it the one t() speaks. */
export async function useLanguage(lang: Lang): Promise<void> {
  if (lang === active) return
  if (lang === 'en') messages = en
  else if (lang === 'zh-CN') messages = (await import('./zh-CN/index.js')).zhCN
  else {
    const zhTW = await import('./zh-TW/index.generated.js')
    messages = zhTW.zhTW
    setTraditionalLabels(zhTW.zhTWEnums)
  }
  active = lang
}

/** The language t() speaks now. */
export function language(): Lang {
  return active
}

/** True when the interface speaks Chinese (simplified or traditional). */
export function isChinese(): boolean {
  return active !== 'en'
}

/** A message in the active language, its placeholders filled: t('cli.unknownCommand', { name }). */
export function t<K extends MessageKey>(key: K, ...args: ArgsOf<Messages[K]>): string {
  return format(messages[key], args[0] as Record<string, string | number> | undefined)
}

/** Whether a text is a key of the catalog (for keys made from data, such as a column's name). */
export function hasMessage(key: string): key is MessageKey {
  return Object.hasOwn(en, key)
}

/** The English message, whatever the active language (for --json error codes and logs). */
export function english<K extends MessageKey>(key: K, ...args: ArgsOf<Messages[K]>): string {
  return format(en[key], args[0] as Record<string, string | number> | undefined)
}

/** A fixed value's label in the interface language ('in_progress' → 'in progress', '处理中', '處理中'). */
export function label(kind: EnumKind, value: string): string {
  return enumLabel(kind, value, active)
}
