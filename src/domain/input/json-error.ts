/**
 * Where a JSON text goes wrong, as a person finds it in an editor: the 1-based line and column
 * of the offset JSON.parse names ("… in JSON at position 15"), and the text from there to the end
 * of that line (at most 20 characters; empty at the end of the text). Undefined when the
 * parser's message names no position.
 */
export function jsonErrorAt(text: string, parserMessage: string): { line: number; column: number; rest: string } | undefined {
  const at = /position (\d+)/.exec(parserMessage)
  if (!at) return undefined
  const offset = Number(at[1])
  const before = text.slice(0, offset).split('\n')
  return { line: before.length, column: before.at(-1)!.length + 1, rest: text.slice(offset).split('\n')[0]!.slice(0, 20) }
}
