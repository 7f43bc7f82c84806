import stringWidth from 'string-width'

/** Text fitted to a terminal's columns, counting wide (CJK) characters as two. */

/** Terminal columns of a text: CJK and other wide characters take two, colour codes none. */
export function displayWidth(text: string): number {
  return stringWidth(text)
}

/** Pads text with spaces to a display width. */
export function padTo(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - stringWidth(text)))
}

/** Cuts text to at most `width` columns, ending with '…' when it was cut. */
export function cutTo(text: string, width: number): string {
  if (stringWidth(text) <= width) return text
  let out = ''
  let used = 0
  for (const ch of text) {
    const w = stringWidth(ch)
    if (used + w > width - 1) break
    out += ch
    used += w
  }
  return `${out}…`
}

/**
 * Prints lines on stdout; on a terminal, more lines than it has rows go through $PAGER when it is
 * set (never when piped).
 */
export async function printPaged(io: { out(t: string): void; stdoutIsTTY: boolean; rows?: number; page(text: string, pager: string): Promise<boolean> }, env: NodeJS.ProcessEnv, lines: readonly string[]): Promise<void> {
  const text = lines.length === 0 ? '' : `${lines.join('\n')}\n`
  const pager = env.PAGER?.trim()
  if (io.stdoutIsTTY && pager && io.rows !== undefined && lines.length >= io.rows) {
    if (await io.page(text, pager)) return
  }
  io.out(text)
}
