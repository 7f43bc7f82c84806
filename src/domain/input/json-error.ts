/**
 * Where a JSON text goes wrong, as a person finds it in an editor, from JSON.parse's message:
 * - "… in JSON at position 15": the 1-based line and column of that offset, and the text from
 *   there to the end of its line (empty at the end of the text);
 * - "Unexpected end of JSON input": the end of the text;
 * - "Unexpected token 'x', … is not valid JSON" (V8 names no position then): the token.
 * Undefined for any other message.
 */
export type JsonErrorPlace = { line: number; column: number; rest: string } | { token: string }

export function jsonErrorAt(text: string, parserMessage: string): JsonErrorPlace | undefined {
  const at = /position (\d+)/.exec(parserMessage)
  const offset = at ? Number(at[1]) : /Unexpected end of JSON input/.test(parserMessage) ? text.length : undefined
  if (offset !== undefined) {
    const before = text.slice(0, offset).split(/\r?\n/)
    return { line: before.length, column: [...before.at(-1)!].length + 1, rest: text.slice(offset).split(/\r?\n/)[0]! }
  }
  const token = /^Unexpected token '(.+?)'/.exec(parserMessage)
  return token ? { token: token[1]! } : undefined
}
