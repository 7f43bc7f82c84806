import { UserError } from '../errors.js'
import { quote } from '../excerpt.js'
import { t } from '../i18n/catalog.js'

/** Field delimiters survey import reads (DESIGN.md §5): comma, tab (UTF-16 Excel "Unicode text"), semicolon (European Excel). */
export type CsvDelimiter = ',' | '\t' | ';'

const CANDIDATES: readonly CsvDelimiter[] = ['\t', ',', ';']

/** A delimiter in words, as `survey import` reports it: comma, tab, semicolon. */
export function delimiterName(d: CsvDelimiter): string {
  return d === ',' ? 'comma' : d === '\t' ? 'tab' : 'semicolon'
}

/**
 * The delimiter of a CSV text from its first lines (already decoded; pass the first few KB — a
 * record cut at the end is fine). Delimiters inside double quotes do not count. The winner is the
 * candidate whose count per record most often equals its count in the header record, then the
 * one with more fields in the header; tab beats comma beats semicolon on a tie, so a tab-separated
 * file whose comments hold commas stays tab-separated. A single-column text gives ','.
 */
export function detectDelimiter(firstLines: string): CsvDelimiter {
  const records = countPerRecord(firstLines)
  const header = records[0]
  if (!header) return ','
  let best: CsvDelimiter = ','
  let bestScore: [number, number] = [-1, -1]
  for (const d of CANDIDATES) {
    const inHeader = header[d]
    if (inHeader === 0) continue
    const agreeing = records.filter((r) => r[d] === inHeader).length
    const score: [number, number] = [agreeing, inHeader]
    if (score[0] > bestScore[0] || (score[0] === bestScore[0] && score[1] > bestScore[1])) {
      best = d
      bestScore = score
    }
  }
  return best
}

/** `--delimiter`: `,` `comma` `tab` `\t` (typed as backslash-t or a real tab) `;` `semicolon`. */
export function parseDelimiterOption(text: string): CsvDelimiter {
  if (text === '\t') return '\t'
  switch (text.trim().toLowerCase()) {
    case ',':
    case 'comma':
      return ','
    case 'tab':
    case '\\t':
      return '\t'
    case ';':
    case 'semicolon':
      return ';'
    default:
      throw new UserError(t('surveyImport.unknownDelimiter', { text: quote(text) }), t('surveyImport.unknownDelimiter.hint'))
  }
}

type Counts = Record<CsvDelimiter, number>

/**
 * Delimiter counts per record, outside double quotes; a newline inside quotes stays in its
 * record. The last record is left out when the text ends inside it (cut by the sample), unless
 * it is the only one.
 */
function countPerRecord(text: string): Counts[] {
  const out: Counts[] = []
  let cur: Counts = { ',': 0, '\t': 0, ';': 0 }
  let inQuotes = false
  let sawContent = false
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!
    if (c === '"') {
      inQuotes = !inQuotes
      sawContent = true
    } else if (inQuotes) {
      continue
    } else if (c === '\n' || c === '\r') {
      if (sawContent) out.push(cur)
      cur = { ',': 0, '\t': 0, ';': 0 }
      sawContent = false
    } else {
      if (c === ',' || c === '\t' || c === ';') cur[c]++
      if (c !== '\uFEFF') sawContent = true
    }
  }
  if (sawContent && out.length === 0) out.push(cur)
  return out
}
