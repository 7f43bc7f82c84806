/**
 * Message templates: `{name}` is replaced by the parameter `name`; `{n|one|other}` picks `one`
 * when the number n is 1 and `other` otherwise (English plurals: `{n} {n|unit|units}`). The
 * placeholders of a template are a type, so a missing parameter or a translation with other
 * placeholders than the English message is a compile error.
 */

type Trim<S extends string> = S extends ` ${infer R}` ? Trim<R> : S extends `${infer R} ` ? Trim<R> : S
type NameOf<P extends string> = P extends `${infer N}|${string}` ? Trim<N> : Trim<P>

/** The parameter names of a template: `Params<'{n} {n|unit|units} in {file}'>` is 'n' | 'file'. */
export type Params<S extends string> = S extends `${string}{${infer P}}${infer Rest}` ? NameOf<P> | Params<Rest> : never

export type ParamValue = string | number

/** The arguments t() takes for a template: nothing, or an object with every placeholder. */
export type ArgsOf<S extends string> = [Params<S>] extends [never] ? [] : [params: { readonly [K in Params<S>]: ParamValue }]

/**
 * Every message of a translation has exactly the placeholders of the English message: a key whose
 * placeholders differ is typed as an explanation string, which the translation's value cannot
 * satisfy.
 */
export type SamePlaceholders<E extends Record<string, string>, T extends { readonly [K in keyof E]: string }> = {
  readonly [K in keyof E]: [Params<E[K]>] extends [Params<T[K]>] ? ([Params<T[K]>] extends [Params<E[K]>] ? T[K] : `placeholders differ from the English message: ${E[K]}`) : `placeholders differ from the English message: ${E[K]}`
}

const PLACEHOLDER = /\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*(?:\|([^|}]*)\|([^}]*))?\}/g

/** Fills a template's placeholders from `params` (a missing one is left visible, never dropped). */
export function format(template: string, params: Readonly<Record<string, ParamValue>> = {}): string {
  return template.replace(PLACEHOLDER, (whole, name: string, one: string | undefined, other: string | undefined) => {
    const value = params[name]
    if (value === undefined) return whole
    if (one !== undefined) return Number(value) === 1 ? one : (other ?? '')
    return String(value)
  })
}

/** The placeholder names of a template, in order of first use (for the catalog test). */
export function placeholdersOf(template: string): string[] {
  const names: string[] = []
  for (const m of template.matchAll(PLACEHOLDER)) if (!names.includes(m[1]!)) names.push(m[1]!)
  return names.sort()
}
