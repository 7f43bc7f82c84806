import * as OpenCC from 'opencc-js/t2cn'

/**
 * Matching unit references in survey files (DESIGN.md §5: "units by code or name") written in
 * simplified or traditional Chinese, with look-alike radical characters, full-width letters and
 * Taiwan/Hong Kong department vocabulary. Also home of the text folding that header and label
 * matching share (unifyLookalikes, toSimplified).
 */

/**
 * CJK Radicals Supplement characters (U+2E80–U+2EF3) that look exactly like a common ideograph.
 * NFKC maps the Kangxi radicals (⽬ U+2F6C → 目) but leaves this block alone (⻅ U+2EC5 stays),
 * and PDF or OCR copies of question texts are full of both. Pairs: radical, then its look-alike.
 */
const RADICAL_LOOKALIKES =
  '⺃乚⺅亻⺉刂⺊卜⺎兀⺏尣⺐尢⺒巳⺓幺⺔彑⺖忄⺘扌⺙攵⺛旡⺝月⺞歺⺠民⺡氵⺢氺⺣灬⺤爫⺦丬⺨犭⺩王⺫罒⺬示⺭礻⺯糹⺰纟⺲罒⺳㓁⺹耂⺺肀⺼月⺾艹⺿艹⻀艹⻁虎⻂衤⻃覀⻄西⻅见⻆角⻈讠⻉贝⻋车⻌辶⻍辶⻎辶⻏阝⻐钅⻑長⻒镸⻓长⻔门⻖阝⻗雨⻘青⻙韦⻚页⻛风⻜飞⻝食⻟飠⻠饣⻢马⻣骨⻤鬼⻥鱼⻦鸟⻧卤⻨麦⻩黄⻪黾⻫斉⻬齐⻭歯⻮齿⻯竜⻰龙⻱龜⻲亀'

const RADICAL_MAP: ReadonlyMap<string, string> = (() => {
  const m = new Map<string, string>()
  const chars = [...RADICAL_LOOKALIKES]
  for (let i = 0; i + 1 < chars.length; i += 2) m.set(chars[i]!, chars[i + 1]!)
  return m
})()

const SUPPLEMENT_RADICAL = /[\u2E80-\u2EFF]/u
const SUPPLEMENT_RADICALS = /[\u2E80-\u2EFF]/gu

/** `text` under NFKC (full-width → ASCII, Kangxi radicals → ideographs) with supplement radicals mapped too. */
export function unifyLookalikes(text: string): string {
  const nfkc = text.normalize('NFKC')
  if (!SUPPLEMENT_RADICAL.test(nfkc)) return nfkc
  return nfkc.replace(SUPPLEMENT_RADICALS, (c) => RADICAL_MAP.get(c) ?? c)
}

/** True when `text` holds radical characters (Kangxi or supplement) that look like ideographs. */
export function hasLookalikes(text: string): boolean {
  return /[\u2E80-\u2FDF]/u.test(text)
}

let converter: ((text: string) => string) | undefined

/**
 * `text` in simplified Chinese: OpenCC Taiwan-with-phrases → mainland (資訊技術部 → 信息技术部,
 * 被評價部門 → 被评价部门). Simplified text passes through unchanged, apart from Taiwan phrases
 * written in characters both scripts share. The dictionary loads on first use.
 */
export function toSimplified(text: string): string {
  if (!/[\u3400-\u9FFF\uF900-\uFAFF\u{20000}-\u{3FFFF}]/u.test(text)) return text
  const convert = (converter ??= OpenCC.Converter({ from: 'twp', to: 'cn' }))
  return convert(text)
}

/**
 * The comparison form of a unit name: NFKC and look-alike radicals, trimmed, simplified Chinese
 * (with Taiwan phrases), lower-case, without any whitespace. 'I T 服務台 ' → 'it服务台'.
 */
export function foldUnitName(name: string): string {
  return toSimplified(unifyLookalikes(name).trim()).toLowerCase().replace(/\s+/gu, '')
}

/**
 * Department vocabulary that differs between Taiwan/Hong Kong and the mainland and that OpenCC
 * leaves alone (it converts characters and some phrases, not every regional word), applied to
 * folded names, longest first. Only a fallback: a name that matches a unit as written never gets
 * here. Keep it small and unambiguous in a department name.
 */
export const REGIONAL_DEPARTMENT_WORDS: readonly (readonly [regional: string, mainland: string])[] = [
  ['资讯科技', '信息技术'], // HK: IT
  ['品管', '质量管理'], // TW: 品管部 = QA
  ['品质', '质量'], // TW: 品質管理部 = 质量管理部
  ['资讯', '信息'], // TW: 資訊部 (OpenCC converts 資訊 only in some phrases)
  ['资料', '数据'], // TW: 資料中心 = 数据中心
  ['软体', '软件'],
  ['硬体', '硬件'],
  ['网路', '网络'],
  ['人资', '人力资源'], // TW: 人資部 = 人力资源部
  ['行销', '营销'],
  ['稽核', '审计'], // TW: 稽核室 = internal audit
]

/**
 * The folded spellings of `name` with regional words replaced by mainland ones: each word alone
 * and all of them together, without the folded name itself. '品质资讯部' → ['质量资讯部',
 * '品质信息部', '质量信息部'].
 */
export function regionalVariants(name: string): string[] {
  const folded = foldUnitName(name)
  const out = new Set<string>()
  for (const [from, to] of REGIONAL_DEPARTMENT_WORDS) {
    if (folded.includes(from)) out.add(folded.split(from).join(to))
  }
  out.add(regionalCanonical(folded))
  out.delete(folded)
  return [...out]
}

/** A folded name with every regional word replaced (both sides of a comparison use this). */
function regionalCanonical(folded: string): string {
  let s = folded
  for (const [from, to] of REGIONAL_DEPARTMENT_WORDS) if (s.includes(from)) s = s.split(from).join(to)
  return s
}

export interface ResolvableUnit {
  id: number
  code: string
  name: string
  aliases?: string[]
}

/** How a reference matched: the level of createUnitResolver that found it. */
export type UnitMatchVia = 'code' | 'name' | 'alias' | 'folded' | 'regional'

export type UnitResolution =
  | { ok: true; id: number; via: UnitMatchVia }
  | { ok: false; reason: 'unknown' | 'ambiguous' }

export type UnitResolver = (text: string) => UnitResolution

/** Distinct texts a resolver remembers; beyond this a file of junk names cannot grow memory. */
const RESOLVER_CACHE_LIMIT = 10_000

/**
 * A function that finds the unit a survey cell names. Levels, first match wins: code
 * (case-insensitive), exact name, exact alias, folded name or alias (foldUnitName), then names
 * equal after replacing regional words on both sides (REGIONAL_DEPARTMENT_WORDS). When more than
 * one unit matches at the first level that matches, the answer is 'ambiguous' — a later level is
 * never consulted to break the tie. The text is trimmed; an empty text is 'unknown'. Results are
 * cached per distinct text, so call it per cell without worry.
 */
export function createUnitResolver(units: readonly ResolvableUnit[]): UnitResolver {
  const byCode = new Map<string, Set<number>>()
  const byName = new Map<string, Set<number>>()
  const byAlias = new Map<string, Set<number>>()
  const byFolded = new Map<string, Set<number>>()
  const byRegional = new Map<string, Set<number>>()
  for (const u of units) {
    add(byCode, u.code.trim().toLowerCase(), u.id)
    add(byName, u.name.trim(), u.id)
    const folded = [foldUnitName(u.name)]
    for (const a of u.aliases ?? []) {
      add(byAlias, a.trim(), u.id)
      folded.push(foldUnitName(a))
    }
    for (const f of folded) {
      if (f === '') continue
      add(byFolded, f, u.id)
      add(byRegional, regionalCanonical(f), u.id)
    }
  }

  const cache = new Map<string, UnitResolution>()
  return (text: string) => {
    const hit = cache.get(text)
    if (hit) return hit
    const result = resolve(text)
    if (cache.size < RESOLVER_CACHE_LIMIT) cache.set(text, result)
    return result
  }

  function resolve(text: string): UnitResolution {
    const t = text.trim()
    if (t === '') return { ok: false, reason: 'unknown' }
    const levels: [UnitMatchVia, Map<string, Set<number>>, () => string][] = [
      ['code', byCode, () => t.toLowerCase()],
      ['name', byName, () => t],
      ['alias', byAlias, () => t],
      ['folded', byFolded, () => foldUnitName(t)],
      ['regional', byRegional, () => regionalCanonical(foldUnitName(t))],
    ]
    for (const [via, index, key] of levels) {
      const ids = index.get(key())
      if (!ids) continue
      if (ids.size > 1) return { ok: false, reason: 'ambiguous' }
      const [id] = ids
      return { ok: true, id: id!, via }
    }
    return { ok: false, reason: 'unknown' }
  }
}

function add(index: Map<string, Set<number>>, key: string, id: number): void {
  if (key === '') return
  const ids = index.get(key)
  if (ids) ids.add(id)
  else index.set(key, new Set([id]))
}
