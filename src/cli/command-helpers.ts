import type { Command } from 'commander'
import type { Kysely } from 'kysely'
import type { AppContext } from './context.js'
import { policyOf, type Policy } from '../domain/config.js'
import { formatInstant, parseInstant } from '../domain/calendar/dates.js'
import { NotFoundError, UserError } from '../domain/errors.js'
import { scheduleOf, type WorkSchedule } from '../domain/calendar/business-time.js'
import { listCalendarDays } from '../storage/calendar-repo.js'
import { loadConfigValues } from '../storage/config-repo.js'
import type { DB, UnitRow } from '../storage/schema.js'
import { findUnitByCode, findUnitsByName } from '../storage/units-repo.js'
import { quote } from '../domain/excerpt.js'

/** Examples of every command, so the help and the command-tree test read the same list. */
const examples = new WeakMap<Command, string[]>()

/** Adds an Examples section to a command's --help. */
export function example(cmd: Command, ...lines: string[]): Command {
  examples.set(cmd, lines)
  cmd.addHelpText('after', `\nExample${lines.length > 1 ? 's' : ''}:\n${lines.map((l) => `  ${l}`).join('\n')}\n`)
  return cmd
}

export function examplesOf(cmd: Command): string[] {
  return examples.get(cmd) ?? []
}

/** A unit by code (any case) or exact name; NotFoundError (exit 4) otherwise. */
export async function requireUnit(db: Kysely<DB>, ref: string, what = 'unit'): Promise<UnitRow> {
  const text = ref.trim()
  const byCode = await findUnitByCode(db, text)
  if (byCode) return byCode
  const byName = await findUnitsByName(db, text)
  if (byName.length === 1) return byName[0]!
  if (byName.length > 1) {
    throw new UserError(`${what} ${quote(ref)} is ambiguous: ${byName.map((u) => u.code).join(', ')} share that name`, 'use the unit code')
  }
  throw new NotFoundError(`unknown ${what} ${quote(ref)}`, 'see icm unit list')
}

/** A list option 'A,B, C' → ['A','B','C'] (empty items dropped). */
export function splitList(text: string | undefined): string[] {
  if (!text) return []
  return text
    .split(/[,，]/)
    .map((s) => s.trim())
    .filter((s) => s !== '')
}

/** --at: when the thing happened (default now); a time in the future is refused. */
export function parseAt(ctx: AppContext, at: string | undefined): Date {
  const now = ctx.now()
  if (at === undefined) return now
  const t = parseInstant(at, '--at')
  if (t.getTime() > now.getTime() + 60_000) {
    throw new UserError(`--at ${at} is in the future (now is ${formatInstant(now)})`, '--at records when something already happened')
  }
  return t
}

/** A whole number option within [min, max], or UserError naming the option. */
export function parseWhole(text: string | undefined, flag: string, min: number, max: number): number | undefined {
  if (text === undefined) return undefined
  const t = String(text).trim()
  if (!/^-?\d+$/.test(t) || Number(t) < min || Number(t) > max) {
    throw new UserError(`${flag} must be a whole number from ${min} to ${max}, got ${quote(text)}`)
  }
  return Number(t)
}

/** A number option within [min, max], or UserError naming the option. */
export function parseNumber(text: string | undefined, flag: string, min: number, max: number): number | undefined {
  if (text === undefined) return undefined
  const t = String(text).trim()
  const n = Number(t)
  if (t === '' || !Number.isFinite(n) || n < min || n > max) {
    throw new UserError(`${flag} must be a number from ${min} to ${max}, got ${quote(text)}`)
  }
  return n
}

export async function loadPolicy(db: Kysely<DB>): Promise<Policy> {
  return policyOf(await loadConfigValues(db))
}

/** The business calendar: work hours and days from config, holidays and make-up days from the calendar. */
export async function loadSchedule(db: Kysely<DB>, policy?: Policy): Promise<WorkSchedule> {
  const p = policy ?? (await loadPolicy(db))
  const days = await listCalendarDays(db)
  return scheduleOf(p.workHours, p.workDays, days)
}

/** An ISO UTC text from the database as ISO 8601 with the local offset (null stays null). */
export function shownInstant(iso: string | null | undefined): string | null {
  return iso ? formatInstant(new Date(iso)) : null
}
