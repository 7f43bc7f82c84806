import type { Command } from 'commander'
import type { AppContext } from '../../cli/context.js'
import { confirm, printJson, printRows, warn, shownInstant } from '../../cli/output.js'
import type { ChainReport } from '../../domain/event-chain.js'
import { ConflictError } from '../../domain/errors.js'
import { finalTablesIntact, integrityProblems, verifyEventChain } from '../../storage/check-repo.js'
import { appendOnlyProblems, restoreAppendOnly } from '../../storage/dialect.js'
import { appendEvent } from '../../storage/events-repo.js'
import { example } from '../../cli/help.js'
import { english, t, type MessageKey, type Messages } from '../../domain/i18n/catalog.js'
import type { ArgsOf } from '../../domain/i18n/format.js'

export function registerCheckCommand(program: Command, ctx: AppContext): void {
  example(
    program
      .command('check')
      .description(t('check.description'))
      .action(() => checkRun(ctx)),
    'icm check',
    'icm --db backups/icm-2026-06-30.db check --json',
  )
}

type Status = 'ok' | 'failed' | 'skipped'

interface CheckResult {
  status: Status
  detail: string
}

/**
 * `icm check` (DESIGN.md §8): is the file sound, has anything been changed behind icm's back?
 * Four checks, one line each; exit 0 when all hold, 5 when any fails.
 */
const LABELS = { integrity: 'check.label.integrity', triggers: 'check.label.triggers', chain: 'check.label.chain', finalTables: 'check.label.finalTables' } as const

/** What a check says: in English for --json (a contract), in the interface language on a terminal. */
const shown = new Map<string, string>()
function say<K extends MessageKey>(key: K, ...args: ArgsOf<Messages[K]>): string {
  const detail = english(key, ...args)
  shown.set(detail, t(key, ...args))
  return detail
}

export async function checkRun(ctx: AppContext): Promise<void> {
  const store = await ctx.store()

  const problems = integrityProblems(store)
  const integrity: CheckResult & { problems: string[] } =
    problems === null
      ? { status: 'skipped', detail: say('check.integrity.skipped'), problems: [] }
      : problems.length === 0
        ? { status: 'ok', detail: say('check.integrity.ok'), problems }
        : { status: 'failed', detail: problems.length > 1 ? say('check.integrity.more', { problem: problems[0]!.slice(0, 80), n: problems.length - 1 }) : problems[0]!.slice(0, 80), problems }

  // the triggers first: restoring them writes an event, which the chain check then covers
  let triggers: CheckResult & { restored: string[] }
  try {
    const broken = await appendOnlyProblems(store.db, 'events')
    if (broken.length === 0) triggers = { status: 'ok', detail: say('check.triggers.ok'), restored: [] }
    else if (integrity.status === 'failed') triggers = { status: 'failed', detail: say('check.triggers.damaged', { triggers: broken.join(', ') }), restored: [] }
    else {
      await store.write(async (trx) => {
        await restoreAppendOnly(trx, 'events', broken)
        await appendEvent(trx, ctx.event('db.restore-triggers', null, { triggers: broken }))
      })
      warn(ctx, t('check.triggers.restoredWarning', { n: broken.length, triggers: broken.join(', ') }))
      triggers = { status: 'failed', detail: say('check.triggers.restored', { triggers: broken.join(', ') }), restored: broken }
    }
  } catch (e) {
    triggers = { status: 'failed', detail: say('check.triggers.unreadable', { message: (e as Error).message }), restored: [] }
  }

  let chain: CheckResult & { events: number; breaks: number; head: ChainReport['head']; firstBreak: Omit<NonNullable<ChainReport['firstBreak']>, 'shownReason'> | null }
  try {
    const r = await verifyEventChain(store)
    chain = { status: r.firstBreak ? 'failed' : 'ok', detail: chainDetail(r), events: r.events, breaks: r.breaks, head: r.head, firstBreak: englishOnly(r.firstBreak) }
  } catch (e) {
    chain = { status: 'failed', detail: say('check.chain.unreadable', { message: (e as Error).message }), events: 0, breaks: 0, head: null, firstBreak: null }
  }

  let finalTables: CheckResult & { tables: { period: string; level: string; intact: boolean }[] }
  try {
    const tables = await finalTablesIntact(store.db)
    const named = (t: { period: string; level: string }) => (t.level === 'department' ? t.period : `${t.period} (${t.level})`)
    const changed = tables.filter((x) => !x.intact).map(named)
    finalTables =
      changed.length > 0
        ? { status: 'failed', detail: say('check.final.changed', { periods: changed.join(', '), n: changed.length }), tables }
        : { status: 'ok', detail: tables.length === 0 ? say('check.final.none') : say('check.final.match', { periods: tables.map(named).join(', '), n: tables.length }), tables }
  } catch (e) {
    finalTables = { status: 'failed', detail: say('check.final.unreadable', { message: (e as Error).message }), tables: [] }
  }

  const results = { integrity, triggers, chain, finalTables }
  if (ctx.json) printJson(ctx, results)
  else {
    // a terminal reads the checks in the interface language; piped lines keep them in English
    const term = ctx.io.stdoutIsTTY
    await printRows(
      ctx,
      Object.entries(results).map(([key, r]) => ({
        check: term ? t(LABELS[key as keyof typeof LABELS]) : english(LABELS[key as keyof typeof LABELS]),
        result: term ? t(`check.result.${r.status}`) : r.status === 'failed' ? 'FAILED' : r.status,
        detail: term ? (shown.get(r.detail) ?? r.detail) : r.detail,
      })),
      [
        { header: 'check', title: t('check.col.check'), value: (r) => r.check },
        { header: 'result', title: t('check.col.result'), value: (r) => r.result },
        { header: 'detail', title: t('check.col.detail'), value: (r) => r.detail },
      ],
    )
  }
  const failed = Object.entries(results).filter(([, r]) => r.status === 'failed').map(([key]) => t(LABELS[key as keyof typeof LABELS]))
  if (failed.length > 0) {
    throw new ConflictError(t('check.failed', { n: failed.length, failed: failed.join(', ') }), t('check.failed.hint'))
  }
  confirm(ctx, integrity.status === 'skipped' ? t('check.allHoldServer') : t('check.allHold'))
}

function chainDetail(r: ChainReport): string {
  const b = r.firstBreak
  if (!b) return r.head ? say('check.chain.ok', { n: r.events, seq: r.head.seq, hash: r.head.hash.slice(0, 12) }) : say('check.chain.empty')
  const where = b.event ? english('check.chain.breakAt', { id: b.event.id, at: shownAt(b.event.at), action: b.event.action, reason: b.reason }) : b.reason
  shown.set(where, b.event ? t('check.chain.breakAt', { id: b.event.id, at: shownAt(b.event.at), action: b.event.action, reason: b.shownReason }) : b.shownReason)
  if (r.breaks <= 1) return where
  const detail = english('check.chain.moreBreaks', { where, n: r.breaks - 1 })
  shown.set(detail, t('check.chain.moreBreaks', { where: shown.get(where) ?? where, n: r.breaks - 1 }))
  return detail
}

/** A stored time as shown elsewhere; a forged row's unreadable time as it is. */
function shownAt(at: string): string {
  return Number.isNaN(Date.parse(at)) ? at.slice(0, 40) : (shownInstant(at) ?? at)
}

/** A chain break as --json gives it: English only, the same in every interface language. */
function englishOnly(b: ChainReport['firstBreak']): Omit<NonNullable<ChainReport['firstBreak']>, 'shownReason'> | null {
  if (!b) return null
  const { shownReason: _, ...rest } = b
  return rest
}
