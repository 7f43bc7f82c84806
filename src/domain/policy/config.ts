import { parseWorkDays, parseWorkHours } from '../calendar/business-time.js'
import { UserError } from '../errors.js'
import { parseBonusTable, parseGradeBands, parseWeights } from '../assessment/kpi.js'
import { quote } from '../excerpt.js'

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
}

function positiveNumber(key: string, max: number) {
  return (v: string) => {
    const n = Number(v.trim())
    if (v.trim() === '' || !Number.isFinite(n) || n <= 0 || n > max) {
      throw new UserError(`${key} must be a number greater than 0 and at most ${max}, got ${quote(v)}`)
    }
    return String(n)
  }
}

function wholeNumber(key: string, min: number, max: number) {
  return (v: string) => {
    const t = v.trim()
    if (!/^\d+$/.test(t) || Number(t) < min || Number(t) > max) {
      throw new UserError(`${key} must be a whole number from ${min} to ${max}, got ${quote(v)}`)
    }
    return String(Number(t))
  }
}

function nonEmptyText(key: string) {
  return (v: string) => {
    const t = v.trim()
    if (t === '') throw new UserError(`${key} cannot be empty`, `to go back to the default, run icm config unset ${key}`)
    return t
  }
}

function channelList(key: string) {
  return (v: string) => {
    const items = v.split(',').map((s) => s.trim().toLowerCase())
    if (items.some((s) => !/^[a-z][a-z0-9_-]*$/.test(s))) {
      throw new UserError(`${key} must be a comma-separated list of channel names (letters, digits, - and _), got ${quote(v)}`, 'e.g. email,phone,online,in_person')
    }
    if (new Set(items).size !== items.length) throw new UserError(`${key} lists a channel twice: ${quote(v)}`)
    return items.join(',')
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
]

/** A key=value list as typed (spaces removed), once its parser accepts it. */
function checked(v: string, parse: (text: string) => unknown): string {
  parse(v)
  return v.replace(/\s+/g, '')
}

export function configKey(key: string): ConfigKey {
  const def = CONFIG_KEYS.find((k) => k.key === key.trim().toLowerCase())
  if (!def) {
    throw new UserError(`unknown config key ${quote(key)}`, `known keys: ${CONFIG_KEYS.map((k) => k.key).join(', ')}`)
  }
  return def
}

/** The value a key has given what the database holds: the stored one, else the default. */
export function effectiveValue(stored: ReadonlyMap<string, string>, key: string): string | null {
  return stored.get(key) ?? configKey(key).default
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
  return CONFIG_KEYS.map((k) => ({
    key: k.key,
    value: stored.get(k.key) ?? k.default,
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
