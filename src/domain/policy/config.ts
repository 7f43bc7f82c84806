import { parseWorkDays, parseWorkHours } from '../calendar/business-time.js'
import { UserError } from '../errors.js'
import { parseBonusTable, parseGradeBands, parseWeights } from '../assessment/policy-tables.js'
import { quote } from '../excerpt.js'
import { LANGUAGES, t } from '../i18n/catalog.js'
import { languageNamed } from '../i18n/lang-names.js'

/**
 * The policy parameters of DESIGN.md §4: each key's default, meaning and validation. The database
 * holds only the values an admin set; everything else is the default here.
 */
export interface ConfigKey {
  key: string
  default: string | null
  description: string
  /** Returns the value to store (normalised), or throws UserError. */
  validate: (value: string) => string
  /** a secret: masked in config list/get and in the event log */
  secret?: boolean
}

function positiveNumber(key: string, max: number) {
  return (v: string) => {
    const text = v.normalize('NFKC').trim()
    const n = Number(text)
    if (text === '' || !Number.isFinite(n) || n <= 0 || n > max) {
      throw new UserError(t('config.positiveNumber', { key, max, text: quote(v) }))
    }
    return String(n)
  }
}

function wholeNumber(key: string, min: number, max: number) {
  return (v: string) => {
    const text = v.normalize('NFKC').trim()
    if (!/^\d+$/.test(text) || Number(text) < min || Number(text) > max) {
      throw new UserError(t('config.wholeNumber', { key, min, max, text: quote(v) }))
    }
    return String(Number(text))
  }
}

function nonEmptyText(key: string) {
  return (v: string) => {
    const text = v.trim()
    if (text === '') throw new UserError(t('config.empty', { key }), t('config.empty.hint', { key }))
    return text
  }
}

function channelList(key: string) {
  return (v: string) => {
    const items = v.split(',').map((s) => s.trim().toLowerCase())
    if (items.some((s) => !/^[a-z][a-z0-9_-]*$/.test(s))) {
      throw new UserError(t('config.channels', { key, text: quote(v) }), t('config.channels.hint'))
    }
    if (new Set(items).size !== items.length) throw new UserError(t('config.channelTwice', { key, text: quote(v) }))
    return items.join(',')
  }
}

function language(key: string) {
  return (v: string) => {
    const lang = languageNamed(v)
    if (!lang) throw new UserError(t('config.language', { key, languages: LANGUAGES.join(', '), text: quote(v) }))
    return lang
  }
}

export const CONFIG_KEYS: readonly ConfigKey[] = [
  { key: 'sla.response_hours', default: '8', description: 'business hours to respond to a request', validate: positiveNumber('sla.response_hours', 10_000) },
  { key: 'sla.resolution_days', default: '5', description: 'business days to resolve an accepted request', validate: positiveNumber('sla.resolution_days', 1_000) },
  {
    key: 'sla.work_hours',
    default: '09:00-18:00',
    description: 'working hours, local time',
    validate: (v) => {
      const { startMinute, endMinute } = parseWorkHours(v)
      const hm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`
      return `${hm(startMinute)}-${hm(endMinute)}`
    },
  },
  {
    key: 'sla.work_days',
    default: '1-5',
    description: 'working weekdays, 1 = Monday … 7 = Sunday',
    validate: (v) => {
      parseWorkDays(v)
      return v.replace(/\s+/g, '')
    },
  },
  { key: 'complaint.handler', default: null, description: 'the designated complaint handler (published)', validate: nonEmptyText('complaint.handler') },
  { key: 'complaint.channels', default: 'email,phone,online,in_person', description: 'published complaint intake channels', validate: channelList('complaint.channels') },
  { key: 'complaint.plan_days', default: '5', description: 'business days from plan to its deadline', validate: wholeNumber('complaint.plan_days', 1, 365) },
  {
    key: 'complaint.investigate_hours',
    default: '8',
    description: 'business hours from receipt to the investigation team (7.二.1)',
    validate: positiveNumber('complaint.investigate_hours', 10_000),
  },
  { key: 'visit.interval_days', default: '90', description: 'days between follow-up visits to a customer', validate: wholeNumber('visit.interval_days', 1, 3650) },
  {
    key: 'assess.weights',
    default: 'S=30,T=20,C=15,H=15,self=5,superior=15',
    description: 'KPI weights: satisfaction, timeliness, collaboration, complaint handling, self, superior',
    validate: (v) => checked(v, parseWeights),
  },
  { key: 'assess.grades', default: 'A=90,B=80,C=70,D=60', description: 'lowest total of each grade (E below D)', validate: (v) => checked(v, parseGradeBands) },
  { key: 'assess.bonus', default: 'A=1.2,B=1.1,C=1.0,D=0.9,E=0.8', description: 'bonus coefficient of each grade', validate: (v) => checked(v, parseBonusTable) },
  { key: 'assess.min_responses', default: '5', description: 'fewest survey responses for a satisfaction score', validate: wholeNumber('assess.min_responses', 1, 1_000_000) },
  { key: 'assess.complaint_free', default: '2', description: 'complaints allowed per 100 requests before the penalty (and at least this many)', validate: wholeNumber('assess.complaint_free', 0, 1_000) },
  { key: 'relation.threshold', default: '60', description: 'relationship index below which a pair is flagged', validate: wholeNumber('relation.threshold', 0, 100) },
  { key: 'relation.frequent', default: '12', description: 'contacts in a period that count as full collaboration frequency', validate: wholeNumber('relation.frequent', 1, 100_000) },
  { key: 'ui.lang', default: null, description: 'interface language for everyone using this database (en, zh-CN or zh-TW); --lang wins', validate: language('ui.lang') },
  { key: 'org.name', default: null, description: 'the company name shown on reports', validate: nonEmptyText('org.name') },
]

/** A key=value list as typed (spaces removed), once its parser accepts it. */
function checked(v: string, parse: (text: string) => unknown): string {
  parse(v)
  return v.replace(/\s+/g, '')
}

/**
 * The push keys of `icm notify`, one pair per unit (or `default`): `notify.<unit>.webhook` (an
 * http(s) URL) and `notify.<unit>.secret` (the robot's signing secret, masked wherever shown).
 */
const NOTIFY_KEY = /^notify\.(.+)\.(webhook|secret)$/i

export interface NotifyKey {
  /** the unit's code as written, or 'default' */
  unit: string
  field: 'webhook' | 'secret'
}

/** `notify.IT.webhook` → { unit: 'IT', field: 'webhook' }; undefined for any other key. */
export function parseNotifyKey(key: string): NotifyKey | undefined {
  const m = NOTIFY_KEY.exec(key.trim())
  if (!m) return undefined
  const unit = m[1]!.toLowerCase() === 'default' ? 'default' : m[1]!
  return { unit, field: m[2]!.toLowerCase() as NotifyKey['field'] }
}

export function notifyKeyName(k: NotifyKey): string {
  return `notify.${k.unit}.${k.field}`
}

/** A webhook as config and --webhook take it: an http or https URL. */
export function checkWebhook(value: string, what: string): string {
  const v = value.trim()
  let url: URL | undefined
  try {
    url = new URL(v)
  } catch {
    url = undefined
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    throw new UserError(t('system.webhook.invalid', { what, got: quote(value) }), t('system.webhook.invalid.hint'))
  }
  return v
}

function notifyConfigKey(k: NotifyKey): ConfigKey {
  const key = notifyKeyName(k)
  return k.field === 'webhook'
    ? { key, default: null, description: `group robot webhook for ${k.unit === 'default' ? 'units without their own' : k.unit} (icm notify)`, validate: (v) => checkWebhook(v, key) }
    : { key, default: null, description: `group robot signing secret for ${k.unit === 'default' ? 'units without their own' : k.unit} (钉钉, 飞书)`, validate: nonEmptyText(key), secret: true }
}

/** How a secret is shown in config list/get and the event log. */
export const MASKED = '********'

/** A key's value as shown: a secret masked. */
export function shownValue(def: ConfigKey, value: string | null): string | null {
  return def.secret && value !== null ? MASKED : value
}

/**
 * A key's value as the event log keeps it (for good: the log is append-only): shownValue, and a
 * group robot's webhook with its token masked, for the URL is the robot's password
 * (…/robot/send?access_token=…, …/webhook/send?key=…, …/bot/v2/hook/<token>).
 */
export function loggedValue(def: ConfigKey, value: string | null): string | null {
  const shown = shownValue(def, value)
  return shown !== null && parseNotifyKey(def.key)?.field === 'webhook' ? maskWebhookToken(shown) : shown
}

/** The URL with every query value, and every path segment of 16 characters or more, masked. */
export function maskWebhookToken(text: string): string {
  let url: URL
  try {
    url = new URL(text)
  } catch {
    return MASKED
  }
  const path = url.pathname
    .split('/')
    .map((segment) => (segment.length >= 16 ? MASKED : segment))
    .join('/')
  const query = [...url.searchParams.keys()].map((k) => `${encodeURIComponent(k)}=${MASKED}`).join('&')
  return `${url.origin}${path}${query ? `?${query}` : ''}`
}

export function configKey(key: string): ConfigKey {
  const notify = parseNotifyKey(key)
  if (notify) return notifyConfigKey(notify)
  const def = CONFIG_KEYS.find((k) => k.key === key.trim().toLowerCase())
  if (!def) {
    throw new UserError(t('config.unknownKey', { key: quote(key) }), t('config.unknownKey.hint', { keys: `${CONFIG_KEYS.map((k) => k.key).join(', ')}, notify.<unit>.webhook, notify.<unit>.secret` }))
  }
  return def
}

/** The value a key has given what the database holds: the stored one, else the default. */
export function effectiveValue(stored: ReadonlyMap<string, string>, key: string, def: ConfigKey = configKey(key)): string | null {
  return stored.get(key) ?? def.default
}

/** A key as `config list` and `config get` show it: its value in force, its default and where the value comes from. */
export interface ConfigEntry {
  key: string
  value: string | null
  default: string | null
  source: 'default' | 'set'
  description: string
}

/** Every key, in the order of CONFIG_KEYS, given what the database holds. */
export function configEntries(stored: ReadonlyMap<string, string>): ConfigEntry[] {
  const notify = [...stored.keys()].filter((k) => parseNotifyKey(k) !== undefined).sort()
  return [...CONFIG_KEYS, ...notify.map((k) => configKey(k))].map((k) => ({
    key: k.key,
    value: shownValue(k, stored.get(k.key) ?? k.default),
    default: k.default,
    source: stored.has(k.key) ? 'set' : 'default',
    description: k.description,
  }))
}

/** The typed policy parameters used by the rules. */
export interface Policy {
  responseHours: number
  resolutionDays: number
  workHours: string
  workDays: string
  complaintHandler: string | null
  complaintChannels: string[]
  complaintPlanDays: number
  complaintInvestigateHours: number
  visitIntervalDays: number
  weights: ReturnType<typeof parseWeights>
  grades: ReturnType<typeof parseGradeBands>
  bonus: ReturnType<typeof parseBonusTable>
  minResponses: number
  complaintFree: number
  relationThreshold: number
  relationFrequent: number
}

export function policyOf(stored: ReadonlyMap<string, string>): Policy {
  const v = (k: string) => effectiveValue(stored, k) ?? ''
  return {
    responseHours: Number(v('sla.response_hours')),
    resolutionDays: Number(v('sla.resolution_days')),
    workHours: v('sla.work_hours'),
    workDays: v('sla.work_days'),
    complaintHandler: effectiveValue(stored, 'complaint.handler'),
    complaintChannels: v('complaint.channels').split(','),
    complaintPlanDays: Number(v('complaint.plan_days')),
    complaintInvestigateHours: Number(v('complaint.investigate_hours')),
    visitIntervalDays: Number(v('visit.interval_days')),
    weights: parseWeights(v('assess.weights')),
    grades: parseGradeBands(v('assess.grades')),
    bonus: parseBonusTable(v('assess.bonus')),
    minResponses: Number(v('assess.min_responses')),
    complaintFree: Number(v('assess.complaint_free')),
    relationThreshold: Number(v('relation.threshold')),
    relationFrequent: Number(v('relation.frequent')),
  }
}
