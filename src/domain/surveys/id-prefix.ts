import { UserError } from '../errors.js'
import { excerpt, quote } from '../excerpt.js'
import { t } from '../i18n/catalog.js'

/**
 * A prefix for a file's response ids (`--id-prefix B-`, or `"id_prefix": "B-"` in the map):
 * two questionnaires whose exports both number their answers from 1 can go into one survey, each
 * with ids of its own ('B-1', 'B-2', …). The prefixed id is the response id stored, shown and
 * exported, and the row's natural key, so importing the file again needs the same prefix.
 */

/** The longest prefix: a tag, not a second id. */
export const ID_PREFIX_MAX = 20

/**
 * Reads a prefix as given (`from`: '--id-prefix' or the mapping file's words; `example`: how to
 * give one there): 1–20 letters (any script), digits and - _ . : /, not ending in a digit (2
 * before 1 would be 21, another questionnaire's id). Nothing a shell would read otherwise, so a
 * hint that repeats it can be pasted as it is.
 */
export function parseIdPrefix(value: unknown, from: string, example: string): string {
  const text = typeof value === 'string' ? value.normalize('NFKC').trim() : undefined
  if (text !== undefined && [...text].length <= ID_PREFIX_MAX && /^[\p{L}\p{N}\-_.:/]+$/u.test(text) && !/[0-9]$/.test(text)) return text
  throw new UserError(
    t('surveyImport.idPrefix.bad', { from, value: typeof value === 'string' ? quote(value) : excerpt(JSON.stringify(value) ?? String(value)), max: ID_PREFIX_MAX }),
    t('surveyImport.idPrefix.hint', { example }),
  )
}
