/**
 * How a message quotes text the user gave (a cell, a header, a line, an argument): at most
 * EXCERPT_CHARS characters of it, cut with '…', with line breaks, tabs and other control
 * characters written as escapes, so one bad cell can never make the one stderr line of an error
 * long or break it in two (DESIGN.md §8 "Inputs are bounded").
 */

/** Characters of user text a message quotes at most. */
export const EXCERPT_CHARS = 80

const ESCAPES: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' }

/**
 * At most `max` characters of `text` as shown (a character is a code point, so an astral
 * character is not cut in two; an escape counts its own length), '…' at the end when it is cut;
 * control characters (C0, DEL, C1, the line and paragraph separators) as \n, \r, \t or \u{…}.
 */
export function excerpt(text: string, max = EXCERPT_CHARS): string {
  let out = ''
  let count = 0
  for (const ch of text) {
    const c = ch.codePointAt(0)!
    const shown = c < 0x20 || (c >= 0x7f && c <= 0x9f) || c === 0x2028 || c === 0x2029 ? (ESCAPES[ch] ?? `\\u{${c.toString(16)}}`) : ch
    const width = shown === ch ? 1 : shown.length
    if (count + width > max) return `${out}…`
    out += shown
    count += width
  }
  return out
}

/** `excerpt` in single quotes, as messages quote a value: quote('NOPE') → "'NOPE'". */
export function quote(text: string, max = EXCERPT_CHARS): string {
  return `'${excerpt(text, max)}'`
}

/**
 * A list of user texts (headers, names), each quoted, ', ' apart, stopping once `max` characters
 * are used and saying how many more there are: "'a', 'b', … (and 998 more)".
 */
export function quoteList(items: readonly string[], max = EXCERPT_CHARS): string {
  const parts: string[] = []
  let used = 0
  for (let i = 0; i < items.length; i++) {
    const q = quote(items[i]!, Math.max(8, max - used))
    if (parts.length > 0 && used + q.length > max) return `${parts.join(', ')}, … (and ${items.length - i} more)`
    parts.push(q)
    used += q.length + 2
  }
  return parts.join(', ')
}
