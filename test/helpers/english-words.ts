/** What every Chinese screen may show in Latin letters: the program's name and the file formats. */
const ALWAYS = ['icm', 'csv', 'json', 'CSV', 'JSON']

/**
 * The words of three or more Latin letters in `text`: what a screen in Chinese should not have,
 * but for `allowed` (codes such as REQ, names typed as they are such as UTF or SQLite).
 */
export function englishWords(text: string, allowed: readonly string[] = []): string[] {
  const ok = new Set([...ALWAYS, ...allowed])
  return (text.match(/[A-Za-z]{3,}/g) ?? []).filter((w) => !ok.has(w))
}
