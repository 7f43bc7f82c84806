import { UserError } from '../errors.js'
import { quote } from '../excerpt.js'
import { toSimplified } from '../org/unit-names.js'
import { language, t } from '../i18n/catalog.js'
import { ENUM_LABELS, enumLabel, matchEnum, type EnumKind, type EnumValue } from '../i18n/enums.js'

/**
 * A fixed value as a person typed it, in English or Chinese (DESIGN.md §7); a value in neither
 * language is refused (exit 3) with the accepted values in the interface language. `allowed`
 * narrows the values (a filter, or the complaint channels config publishes).
 */
export function parseEnum<K extends EnumKind>(kind: K, text: string, what: string, allowed: readonly string[] = Object.keys(ENUM_LABELS[kind])): EnumValue<K> {
  const value = matchEnum(kind, text, allowed, toSimplified)
  if (value !== undefined) return value
  throw new UserError(t('enum.invalid', { what, text: quote(text) }), t('enum.invalid.hint', { values: allowed.map((v) => shownValue(kind, v)).join(', ') }))
}

/** How a value is offered in a hint: itself in English; its label with the value in Chinese ('电话 (phone)'). */
function shownValue(kind: EnumKind, value: string): string {
  const lang = language()
  if (lang === 'en') return value
  const shown = enumLabel(kind, value, lang)
  return shown === value ? value : `${shown} (${value})`
}
