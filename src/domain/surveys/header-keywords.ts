import type { SurveyField } from './survey-fields.js'
import { t } from '../i18n/catalog.js'

/**
 * Finding a survey field in a header its author worded freely (`4、请选择您本次评价的对象部门`),
 * by keywords, after header-aliases.ts normalizeHeader has stripped the question number, the
 * (单选题) annotation and the punctuation. Pure. A field is taken only when exactly one header
 * has every keyword group of the field (a clear winner); two such headers (a tie) or only
 * headers with some of the groups (a weak match) are never taken silently: the importer asks on
 * a terminal, or stops naming the candidates (DESIGN.md §5).
 */

interface FieldKeywords {
  /** every group must match (one keyword of each) for a strong match */
  groups: readonly (readonly string[])[]
  /** a header with one of these is not this field (所在 in 您所在的部门 is the respondent, not the rated unit) */
  avoid?: readonly string[]
}

const UNIT_WORDS = ['部门', '单位', '科室', '对象', '处室', 'department', 'dept', 'unit', 'team']
const RESPONDENT_WORDS = ['所在', '您的', '你的', '所属', '本人', '填写人', '评价人', '答题人', 'your', 'respondent', 'rater']
const ACCURACY = ['准确', '正确', '差错', 'accura', 'correct']
const TIMELINESS = ['及时', '时效', '响应速度', '速度', 'timel', 'prompt', 'speed', 'quick', 'fast', 'responsive']
const COMPLETENESS = ['完整', '齐全', '完备', 'complete']
const PROFESSIONALISM = ['专业', 'profession', 'expert', 'competen']
const DIMENSIONS = [...ACCURACY, ...TIMELINESS, ...COMPLETENESS, ...PROFESSIONALISM]
const LOYALTY = ['推荐', '继续合作', '合作意愿', '愿意', 'recommend', 'likely', 'loyal']
const SATISFACTION = ['满意', 'satisf']
const COMMENT = ['意见', '建议', '留言', '备注', 'comment', 'suggest', 'remark', 'feedback']
const SCORE_WORDS = [...DIMENSIONS, ...LOYALTY, ...SATISFACTION, ...COMMENT, '评分', '打分', 'score']

export const FIELD_KEYWORDS: Readonly<Partial<Record<SurveyField, FieldKeywords>>> = {
  respondent_unit: { groups: [RESPONDENT_WORDS, UNIT_WORDS], avoid: SCORE_WORDS },
  rated_unit: {
    groups: [['评价', '被评', '评估', '考评', '考核', '测评', 'rate', 'rating', 'rated', 'evaluat', 'assess'], UNIT_WORDS],
    avoid: [...RESPONDENT_WORDS, ...SCORE_WORDS],
  },
  accuracy: { groups: [ACCURACY], avoid: COMMENT },
  timeliness: { groups: [TIMELINESS], avoid: COMMENT },
  completeness: { groups: [COMPLETENESS], avoid: COMMENT },
  professionalism: { groups: [PROFESSIONALISM], avoid: COMMENT },
  overall: { groups: [[...SATISFACTION, '总体评价', '整体评价', '综合评价', 'overall']], avoid: [...DIMENSIONS, ...LOYALTY, ...COMMENT] },
  loyalty: { groups: [LOYALTY], avoid: COMMENT },
  comment: { groups: [COMMENT] },
  submitted_at: { groups: [['提交', '完成时间', '结束时间', '交卷', 'submi', 'completion time', 'completed', 'timestamp']], avoid: ['开始', 'start', ...SCORE_WORDS, ...UNIT_WORDS, '材料'] },
}

/** A field found by keywords: its column (0-based) and the keywords that matched, one per group. */
export interface KeywordMatch {
  field: SurveyField
  column: number
  keywords: string[]
}

/** A field with no clear winner: every candidate column, best first; `strong` when it has every group (a tie). */
export interface AmbiguousField {
  field: SurveyField
  candidates: { column: number; keywords: string[]; strong: boolean }[]
}

const compiled = new Map<string, RegExp | null>()
/** English keywords match at the start of a word (rate is not accurate); Chinese ones anywhere. */
function has(header: string, keyword: string): boolean {
  let re = compiled.get(keyword)
  if (re === undefined) {
    re = /^[\x20-\x7e]+$/.test(keyword) ? new RegExp(`(?:^|[^a-z])${keyword.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`, 'u') : null
    compiled.set(keyword, re)
  }
  return re ? re.test(header) : header.includes(keyword)
}

/** The keyword of each group a header has (one per group matched), or undefined when it has an avoided word or none. */
export function keywordsIn(header: string, spec: FieldKeywords): string[] | undefined {
  if (spec.avoid?.some((w) => has(header, w))) return undefined
  const found: string[] = []
  for (const group of spec.groups) {
    const k = group.find((w) => has(header, w))
    if (k !== undefined) found.push(k)
  }
  return found.length > 0 ? found : undefined
}

/**
 * Matches the `fields` (those no alias or --map entry found) among the normalised headers
 * `norm`, skipping the columns in `taken`. A field with exactly one strong header is matched
 * (and that column is taken for the fields after it); with two or more strong ones it is
 * ambiguous; with only weak ones it is ambiguous when it is `required`, else left out.
 */
export function matchByKeywords(
  norm: readonly string[],
  taken: ReadonlySet<number>,
  fields: readonly SurveyField[],
  required: ReadonlySet<SurveyField>,
): { matched: KeywordMatch[]; ambiguous: AmbiguousField[] } {
  const used = new Set(taken)
  const matched: KeywordMatch[] = []
  const ambiguous: AmbiguousField[] = []
  for (const field of fields) {
    const spec = FIELD_KEYWORDS[field]
    if (!spec) continue
    const candidates: AmbiguousField['candidates'] = []
    norm.forEach((h, column) => {
      if (used.has(column) || h === '') return
      const keywords = keywordsIn(h, spec)
      if (keywords) candidates.push({ column, keywords, strong: keywords.length === spec.groups.length })
    })
    candidates.sort((a, b) => b.keywords.length - a.keywords.length || a.column - b.column)
    const strong = candidates.filter((c) => c.strong)
    if (strong.length === 1) {
      matched.push({ field, column: strong[0]!.column, keywords: strong[0]!.keywords })
      used.add(strong[0]!.column)
    } else if (strong.length > 1) {
      ambiguous.push({ field, candidates: strong })
    } else if (candidates.length > 0 && required.has(field)) {
      ambiguous.push({ field, candidates })
    }
  }
  return { matched, ambiguous }
}

/** "rated unit" for "rated_unit": how the summary names a field. */
export function fieldName(field: SurveyField): string {
  return t(`surveyImport.field.${field}`)
}
