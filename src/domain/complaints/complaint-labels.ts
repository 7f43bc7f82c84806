import { isChinese, label } from '../i18n/catalog.js'

// How complaint values read in messages (DESIGN.md §7).

/** A status as a person reads it: the value in English, its label in Chinese. */
export function shownComplaintStatus(status: string): string {
  return isChinese() ? label('complaintStatus', status) : status
}
