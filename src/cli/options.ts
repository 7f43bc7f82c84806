import type { Command } from 'commander'
import { formatInstant, parseInstant } from '../domain/calendar/dates.js'
import { UserError } from '../domain/errors.js'
import { t } from '../domain/i18n/catalog.js'
import { quote } from '../domain/excerpt.js'
import { checkName } from '../domain/org/unit.js'
import type { AppContext } from './context.js'
import { need, type NeedSpec } from './prompt.js'

/**
 * Option values as every command reads them: one parser per kind of value, so `--at`, a list of
 * units or a score means the same in every group.
 */

/** A list option 'A,B, C' → ['A','B','C'] (empty items dropped; a full-width comma separates too). */
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
  const when = parseInstant(at, '--at')
  if (when.getTime() > now.getTime() + 60_000) {
    throw new UserError(t('system.option.atFuture', { at, now: formatInstant(now) }), t('system.option.atFuture.hint'))
  }
  return when
}

/** A whole number option within [min, max], or UserError naming the option. */
export function parseWhole(text: string | undefined, flag: string, min: number, max: number): number | undefined {
  if (text === undefined) return undefined
  const digits = String(text).normalize('NFKC').trim()
  if (!/^-?\d+$/.test(digits) || Number(digits) < min || Number(digits) > max) {
    throw new UserError(t('system.option.whole', { flag, min, max, got: quote(text) }))
  }
  return Number(digits)
}

/** A number option within [min, max], or UserError naming the option. */
export function parseNumber(text: string | undefined, flag: string, min: number, max: number): number | undefined {
  if (text === undefined) return undefined
  const digits = String(text).normalize('NFKC').trim()
  const n = Number(digits)
  if (digits === '' || !Number.isFinite(n) || n < min || n > max) {
    throw new UserError(t('system.option.number', { flag, min, max, got: quote(text) }))
  }
  return n
}

/**
 * A required text option: asked for on a terminal when missing; given but blank it is invalid
 * input (exit 3), not a missing option.
 */
export async function requiredText(ctx: AppContext, value: string | undefined, spec: NeedSpec): Promise<string> {
  if (value !== undefined) return checkName(value, spec.flag)
  return checkName(await need(ctx, value, { check: (v) => checkName(v, spec.flag), ...spec }), spec.flag)
}

/** An optional text option: blank is the same as not given. */
export function optionalText(value: string | undefined): string | null {
  const t = value?.trim()
  return t ? t : null
}

// ── Shared options: one flag, one help text, wherever a command takes it ─────────────────────

/**
 * --period P. `role` says what the period selects, e.g. 'only complaints received in' gives
 * "only complaints received in the period (e.g. 2026-H1, 2026-Q3 or 2026)".
 */
export function periodOption(cmd: Command, role?: string): Command {
  return cmd.option('--period <period>', role === undefined ? t('cli.option.period') : t('cli.option.periodFor', { role }))
}

/** --at DATETIME: when the thing happened, for back-filling (never in the future). */
export function atOption(cmd: Command, happened = t('cli.option.at.happened')): Command {
  return cmd.option('--at <datetime>', t('cli.option.at', { happened }))
}

/** --unit UNIT, a unit by code or name. */
export function unitOption(cmd: Command, role: string): Command {
  return cmd.option('--unit <unit>', t('system.option.unit', { role }))
}

/** --yes: go ahead without asking (replace a file, confirm a destructive step). */
export function yesOption(cmd: Command, what = t('system.option.yes')): Command {
  return cmd.option('--yes', what)
}
