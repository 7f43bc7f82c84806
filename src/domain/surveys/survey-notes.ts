import { english, isChinese, language, t, type MessageKey, type Messages } from '../i18n/catalog.js'
import type { ArgsOf } from '../i18n/format.js'

/**
 * The import's notes and conversions ("no response id column: …", "loyalty: 0–10 scale read as
 * …") and the reason an encoding was chosen are data of `survey import --json` (its "notes" and
 * "conversions", and --show-mapping's "encodingReason"): English whatever the interface language,
 * a contract. A terminal shows them in the interface language: note() returns the English text
 * and remembers its translation, shownNote() gives it back.
 */
/** 'zh-CN\0<English text>' → its translation (a test may switch the language within one process) */
const translations = new Map<string, string>()

/** A note in English (as --json says it); its text in the interface language is kept for shownNote. */
export function note<K extends MessageKey>(key: K, ...args: ArgsOf<Messages[K]>): string {
  const text = english(key, ...args)
  if (isChinese()) translations.set(`${language()}\0${text}`, t(key, ...args))
  return text
}

/** note() whose translation names things as a person reads them (a field by its name, not its key). */
export function noteShown<K extends MessageKey>(key: K, params: ArgsOf<Messages[K]>[0], shown: ArgsOf<Messages[K]>[0]): string {
  const text = english(key, ...([params] as ArgsOf<Messages[K]>))
  if (isChinese()) translations.set(`${language()}\0${text}`, t(key, ...([shown] as ArgsOf<Messages[K]>)))
  return text
}

/** A note made by note() as a person reads it, in the interface language (any other text as it is). */
export function shownNote(text: string): string {
  return translations.get(`${language()}\0${text}`) ?? text
}
