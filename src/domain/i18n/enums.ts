/**
 * The fixed values of icm (statuses, channels, categories, severities, kinds …) as people read
 * and type them (DESIGN.md §7). The value itself (`in_progress`) is the contract: it is what
 * --json, CSV and the database hold. People see its label in the interface language, and may
 * type the value, its English label, or a Chinese word for it (simplified or traditional).
 *
 * Each entry: [English label, simplified Chinese label, …more Chinese words accepted as input].
 * The traditional labels are made from the simplified ones (scripts/gen-zh-tw.mjs).
 */
export const ENUM_LABELS = {
  requestStatus: {
    new: ['new', '新建', '新'],
    evaluated: ['evaluated', '已评估'],
    accepted: ['accepted', '已受理', '受理', '已接受'],
    rejected: ['rejected', '已拒绝', '拒绝'],
    in_progress: ['in progress', '处理中', '进行中'],
    waiting: ['waiting', '等待客户', '等待中', '等待'],
    resolved: ['resolved', '已解决', '解决'],
    closed: ['closed', '已关闭', '关闭'],
    cancelled: ['cancelled', '已取消', '取消'],
  },
  requestChannel: {
    meeting: ['meeting', '会议'],
    mailbox: ['mailbox', '意见箱', '信箱', '邮箱'],
    hotline: ['hotline', '热线', '电话'],
    online: ['online', '线上', '在线', '网上'],
    survey: ['survey', '问卷', '调查'],
    research: ['research', '调研', '走访'],
  },
  complaintStatus: {
    received: ['received', '已受理', '已接收', '受理'],
    investigating: ['investigating', '调查中', '调查'],
    planned: ['planned', '已制定方案', '方案'],
    confirmed: ['confirmed', '已确认', '确认'],
    verified: ['verified (closed)', '已验证关闭', '已验证', '已关闭', '关闭'],
  },
  complaintChannel: {
    email: ['email', '邮件', '电子邮件', '邮箱'],
    phone: ['phone', '电话', '手机'],
    online: ['online', '线上', '在线', '网上'],
    in_person: ['in person', '当面', '现场', '面谈'],
  },
  rootCause: {
    process: ['process', '流程'],
    people: ['people', '人员', '人'],
    system: ['system', '系统'],
    communication: ['communication', '沟通'],
    resource: ['resource', '资源'],
    other: ['other', '其他'],
  },
  evidenceKind: {
    document: ['document', '文件', '文档', '书面材料'],
    interview: ['interview', '访谈', '面谈'],
    site_visit: ['site visit', '现场查看', '现场'],
  },
  severity: {
    minor: ['minor', '轻微', '一般'],
    major: ['major', '严重'],
    critical: ['critical', '重大', '致命'],
  },
  unitKind: {
    department: ['department', '部门'],
    position: ['position', '岗位', '职位'],
  },
  projectKind: {
    project: ['project', '项目'],
    problem: ['joint problem solving', '问题协同', '协同解决问题', '问题'],
  },
  projectStatus: {
    open: ['open', '进行中', '未完成'],
    completed: ['completed', '已完成', '完成'],
    cancelled: ['cancelled', '已取消', '取消'],
  },
  actionStatus: {
    open: ['open', '未完成', '进行中'],
    done: ['done', '已完成', '完成'],
    overdue: ['overdue', '已逾期', '逾期'],
  },
  actionSource: {
    manual: ['manual', '手工', '手动'],
    complaint: ['complaint', '投诉'],
    survey: ['survey', '问卷', '满意度调查'],
    audit: ['audit', '审核', '内审'],
    relation: ['relationship', '客户关系', '关系评估'],
    assessment: ['assessment', '考核'],
  },
  surveyKind: {
    service: ['service', '服务满意度', '服务'],
    relationship: ['relationship', '客户关系', '关系'],
  },
  assessmentState: {
    draft: ['draft', '草稿'],
    final: ['final', '已定稿', '定稿'],
  },
  level: {
    department: ['department', '部门'],
    position: ['position', '岗位'],
  },
  calendarDay: {
    holiday: ['holiday', '节假日', '假日', '放假'],
    workday: ['make-up workday', '调休上班日', '调休', '补班', '上班'],
  },
  yesNo: {
    yes: ['yes', '是', '对', 'y', 'true', '1'],
    no: ['no', '否', '不', 'n', 'false', '0'],
  },
  reportValidity: {
    valid: ['valid', '属实', '有效'],
    invalid: ['invalid', '不属实', '无效'],
  },
} as const satisfies Record<string, Record<string, readonly [string, string, ...string[]]>>

export type EnumKind = keyof typeof ENUM_LABELS
export type EnumValue<K extends EnumKind> = keyof (typeof ENUM_LABELS)[K] & string

/** The traditional labels, filled by the catalog when the interface speaks zh-TW. */
let traditional: { readonly [K in EnumKind]?: Readonly<Record<string, string>> } | undefined

/** Called by useLanguage: the zh-TW labels generated from the simplified ones (undefined otherwise). */
export function setTraditionalLabels(labels: typeof traditional): void {
  traditional = labels
}

/** The label of a value in the interface language ('in_progress' → 'in progress', '处理中', '處理中'). */
export function enumLabel<K extends EnumKind>(kind: K, value: string, lang: 'en' | 'zh-CN' | 'zh-TW'): string {
  const entry = (ENUM_LABELS[kind] as Record<string, readonly string[]>)[value]
  if (!entry) return value
  if (lang === 'en') return entry[0]!
  if (lang === 'zh-TW') return traditional?.[kind]?.[value] ?? entry[1]!
  return entry[1]!
}

/** Folds typed text for matching: NFKC, trimmed, lower case, '-' and spaces as '_'. */
function fold(text: string): string {
  return text.normalize('NFKC').trim().toLowerCase().replace(/[\s-]+/g, '_')
}

/**
 * The value a person typed: the value itself (any case, '-' or ' ' for '_'), its English label,
 * or a Chinese word for it; `simplify` turns traditional characters into simplified ones first.
 * Undefined when nothing matches (the caller names the option and the accepted values).
 */
export function matchEnum<K extends EnumKind>(kind: K, text: string, allowed: readonly string[], simplify: (s: string) => string): EnumValue<K> | undefined {
  const wanted = fold(text)
  if (wanted === '') return undefined
  const simplified = /^[\x00-\x7f]*$/.test(wanted) ? wanted : fold(simplify(wanted))
  const table = ENUM_LABELS[kind] as Record<string, readonly string[]>
  for (const value of allowed) {
    if (fold(value) === wanted) return value as EnumValue<K>
  }
  for (const value of allowed) {
    const words = table[value] ?? []
    if (words.some((w) => fold(w) === wanted || fold(w) === simplified)) return value as EnumValue<K>
  }
  return undefined
}
