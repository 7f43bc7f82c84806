import { isChinese, label } from '../i18n/catalog.js'
import type { EnumKind } from '../i18n/enums.js'

// How request values read in messages (DESIGN.md §7).

/** Values offered in a hint: themselves in English, 'label (value)' in Chinese. */
export function shownValues(kind: EnumKind, values: readonly string[]): string {
  return values.map((v) => (isChinese() ? `${label(kind, v)} (${v})` : v)).join(', ')
}

/** A status as a person reads it: the value in English, its label in Chinese. */
export function shownStatus(status: string): string {
  return isChinese() ? label('requestStatus', status) : status
}
