/**
 * HTML built as text, escaped by construction: `html` is a tagged template whose interpolations
 * are escaped unless they are already Html (built by `html` or `raw`), so a unit name, a comment
 * or a survey title never becomes markup. Arrays of Html are joined.
 */
export class Html {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text
  }
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }

/** Text made safe for an HTML element or a quoted attribute. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!)
}

export type HtmlValue = Html | string | number | null | undefined | false | readonly HtmlValue[]

function piece(v: HtmlValue): string {
  if (v === null || v === undefined || v === false) return ''
  if (v instanceof Html) return v.text
  if (Array.isArray(v)) return v.map(piece).join('')
  return escapeHtml(String(v))
}

export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): Html {
  let out = strings[0]!
  for (let i = 0; i < values.length; i++) out += piece(values[i]!) + strings[i + 1]!
  return new Html(out)
}

/** Markup icm made itself (an SVG from the chart renderer, the style sheet): not escaped. */
export function raw(text: string): Html {
  return new Html(text)
}
