/**
 * Dates, times and periods as people write them (DESIGN.md §7), turned into the one form the
 * strict parsers read: `2026/3/5`, `2026-3-5`, `2026.3.5` and `2026年3月5日` are 2026-03-05; a
 * time may follow after a space (`10:00`, `10：00` with a full-width colon, `10点30分`, `下午3:05`,
 * `3:05 PM`); `2026H1`, `2026上半年`, `2026年第三季度`, `2026年1-6月` and `2026年` are periods. Text
 * in none of these forms comes back as it was (normalised), for the strict parser to refuse with its message.
 */

/** NFKC (full-width digits, letters, colons, commas → ASCII) and trimmed, inner runs of spaces as one. */
export function normaliseInput(text: string): string {
  return text.normalize('NFKC').trim().replace(/\s+/g, ' ')
}

const CHINESE_DIGITS: Record<string, number> = { 〇: 0, 零: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10 }

const pad2 = (n: number | string) => String(n).padStart(2, '0')

/** A date: Y-M-D with -, / or . between, or 年月日 (日 or 号 at the end, optional). */
const DATE_FORMS = /^(\d{4})\s*(?:[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{1,2})|年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]?)/

/** A time after the date: 14:30, 14:30:05, 14点30分, 14时30分05秒, 下午3:05, 3:05 PM, with an optional zone. */
const TIME_FORMS =
  /^(?:[T ]\s*)?(上午|下午|凌晨|早上|晚上|中午)?\s*(\d{1,2})\s*(?::|点|时)\s*(\d{1,2})?\s*(?:(?::|分)\s*(\d{1,2}(?:\.\d{1,9})?)?\s*秒?)?\s*(AM|PM|am|pm|a\.m\.|p\.m\.)?\s*(Z|[+-]\d{2}:?\d{2})?$/

/**
 * `text` as `YYYY-MM-DD` or `YYYY-MM-DDTHH:MM[:SS][zone]` when it is a date or date-time in one of
 * the everyday forms; otherwise the normalised text, unchanged. Does not check that the day exists
 * (the strict parser does, naming the input).
 */
export function canonicalDateTime(text: string): string {
  const t = normaliseInput(text)
  const d = DATE_FORMS.exec(t)
  if (!d) return t
  const [y, mo, day] = [d[1]!, d[2] ?? d[4]!, d[3] ?? d[5]!]
  const date = `${y}-${pad2(mo)}-${pad2(day)}`
  const rest = t.slice(d[0].length)
  if (rest.trim() === '') return date
  const m = TIME_FORMS.exec(rest)
  if (!m) return t
  let hour = Number(m[2])
  const minute = m[3] === undefined ? 0 : Number(m[3])
  const seconds = m[4]
  const meridiem = (m[1] ?? m[5] ?? '').toLowerCase().replace(/\./g, '')
  if (meridiem !== '') {
    if (hour < 1 || hour > 12) return t // "下午15:00" or "13 PM" is no time anyone means
    const afternoon = meridiem === 'pm' || meridiem === '下午' || meridiem === '晚上' || (meridiem === '中午' && hour < 3)
    if (afternoon && hour < 12) hour += 12
    if (!afternoon && hour === 12) hour = 0
  }
  return `${date}T${pad2(hour)}:${pad2(minute)}${seconds === undefined ? '' : `:${seconds.includes('.') ? seconds.padStart(2 + seconds.length - seconds.indexOf('.'), '0') : pad2(seconds)}`}${m[6] ?? ''}`
}

/** A quarter or half written in Chinese numerals or digits: 第三季度, 3季度, 第3季. */
function chineseNumber(text: string): number | undefined {
  if (/^\d+$/.test(text)) return Number(text)
  return CHINESE_DIGITS[text]
}

/**
 * `text` as a period code (`2026`, `2026-H1`, `2026-Q3`) when it is one in an everyday form:
 * `2026H1`, `2026 h1`, `2026-h1`, `2026上半年`, `2026年下半年`, `2026Q3`, `2026年第三季度`,
 * `2026年3季度`, `2026年`, `2026年度`, and as months: `2026年1-6月` (H1), `2026年7月至9月` (Q3),
 * `2026年1-12月` (the year); otherwise the normalised text, unchanged (`2026年2-5月` is no period).
 */
export function canonicalPeriod(text: string): string {
  const t = normaliseInput(text)
  let m = /^(\d{4})\s*[-_ ]?\s*([HhQq])\s*(\d)$/.exec(t)
  if (m) return `${m[1]}-${m[2]!.toUpperCase()}${m[3]}`
  m = /^(\d{4})\s*年?\s*(上|下)半年度?$/.exec(t)
  if (m) return `${m[1]}-H${m[2] === '上' ? 1 : 2}`
  m = /^(\d{4})\s*年?\s*第?\s*([一二三四\d])\s*季度?$/.exec(t)
  if (m) {
    const n = chineseNumber(m[2]!)
    return n === undefined ? t : `${m[1]}-Q${n}`
  }
  m = /^(\d{4})\s*年度?$/.exec(t)
  if (m) return m[1]!
  m = MONTH_RANGE.exec(t)
  if (m) {
    const span = MONTH_SPANS[`${Number(m[2])}-${Number(m[3])}`]
    return span === undefined ? t : `${m[1]}${span}`
  }
  return t
}

/**
 * What stands between the ends of a range as people write it (after NFKC: full-width ～ and －
 * are ~ and -): 1-6, 1~6, 1〜6, 1—6, 1至6, 1到6. Also the survey importer's, for `（0-10分）`.
 */
export const RANGE_SEPARATOR = '(?:-|~|〜|—|–|至|到)'

/** A half year, quarter or year written as its months: `2026年1-6月`, `2026年7月至12月`, `2026年1~3月`. */
const MONTH_RANGE = new RegExp(`^(\\d{4})\\s*年\\s*(\\d{1,2})\\s*月?\\s*${RANGE_SEPARATOR}\\s*(\\d{1,2})\\s*月份?$`)
/** The month spans that are periods, and the period's suffix; any other span is no period. */
const MONTH_SPANS: Record<string, string> = { '1-6': '-H1', '7-12': '-H2', '1-3': '-Q1', '4-6': '-Q2', '7-9': '-Q3', '10-12': '-Q4', '1-12': '' }

