import type { Command } from 'commander'
import type { AppContext } from '../../cli/context.js'
import { confirm, printJson, printRows, warn, shownInstant } from '../../cli/output.js'
import type { ChainReport } from '../../domain/event-chain.js'
import { ConflictError } from '../../domain/errors.js'
import { finalTablesIntact, integrityProblems, verifyEventChain } from '../../storage/check-repo.js'
import { appendOnlyProblems, restoreAppendOnly } from '../../storage/dialect.js'
import { appendEvent } from '../../storage/events-repo.js'
import { example } from '../../cli/help.js'
import { counted } from '../../domain/counting.js'

export function registerCheckCommand(program: Command, ctx: AppContext): void {
  example(
    program
      .command('check')
      .description('Check the database for damage and tampering: file integrity, the event hash chain, the final score tables, the append-only triggers (restored when missing)')
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
const LABELS = { integrity: 'file integrity', triggers: 'append-only triggers', chain: 'event chain', finalTables: 'final tables' } as const

export async function checkRun(ctx: AppContext): Promise<void> {
  const store = await ctx.store()

  const problems = integrityProblems(store)
  const integrity: CheckResult & { problems: string[] } =
    problems === null
      ? { status: 'skipped', detail: 'PostgreSQL checks its own pages (PRAGMA integrity_check is SQLite only)', problems: [] }
      : problems.length === 0
        ? { status: 'ok', detail: 'PRAGMA integrity_check: ok', problems }
        : { status: 'failed', detail: `${problems[0]!.slice(0, 80)}${problems.length > 1 ? ` (and ${problems.length - 1} more problems)` : ''}`, problems }

  // the triggers first: restoring them writes an event, which the chain check then covers
  let triggers: CheckResult & { restored: string[] }
  try {
    const broken = await appendOnlyProblems(store.db, 'events')
    if (broken.length === 0) triggers = { status: 'ok', detail: 'events refuses UPDATE and DELETE', restored: [] }
    else if (integrity.status === 'failed') triggers = { status: 'failed', detail: `${broken.join(', ')} missing or altered; not restored, the file is damaged`, restored: [] }
    else {
      await store.write(async (trx) => {
        await restoreAppendOnly(trx, 'events', broken)
        await appendEvent(trx, ctx.event('db.restore-triggers', null, { triggers: broken }))
      })
      warn(ctx, `the append-only trigger${broken.length > 1 ? 's' : ''} ${broken.join(', ')} ${broken.length > 1 ? 'were' : 'was'} missing or altered, so events could be changed or deleted: restored`)
      triggers = { status: 'failed', detail: `${broken.join(', ')} missing or altered: restored`, restored: broken }
    }
  } catch (e) {
    triggers = { status: 'failed', detail: `cannot read the triggers: ${(e as Error).message}`, restored: [] }
  }

  let chain: CheckResult & { events: number; breaks: number; head: ChainReport['head']; firstBreak: ChainReport['firstBreak'] }
  try {
    const r = await verifyEventChain(store)
    chain = { status: r.firstBreak ? 'failed' : 'ok', detail: chainDetail(r), events: r.events, breaks: r.breaks, head: r.head, firstBreak: r.firstBreak }
  } catch (e) {
    chain = { status: 'failed', detail: `cannot read the event log: ${(e as Error).message}`, events: 0, breaks: 0, head: null, firstBreak: null }
  }

  let finalTables: CheckResult & { tables: { period: string; intact: boolean }[] }
  try {
    const tables = await finalTablesIntact(store.db)
    const changed = tables.filter((t) => !t.intact).map((t) => t.period)
    finalTables =
      changed.length > 0
        ? { status: 'failed', detail: `${changed.join(', ')} ${changed.length > 1 ? 'do' : 'does'} not match ${changed.length > 1 ? 'their hashes' : 'its hash'}: rows changed outside icm`, tables }
        : { status: 'ok', detail: tables.length === 0 ? 'no final tables yet' : `${tables.map((t) => t.period).join(', ')} match${tables.length > 1 ? '' : 'es'} ${tables.length > 1 ? 'their hashes' : 'its hash'}`, tables }
  } catch (e) {
    finalTables = { status: 'failed', detail: `cannot read the score tables: ${(e as Error).message}`, tables: [] }
  }

  const results = { integrity, triggers, chain, finalTables }
  if (ctx.json) printJson(ctx, results)
  else {
    await printRows(
      ctx,
      Object.entries(results).map(([key, r]) => ({ check: LABELS[key as keyof typeof LABELS], result: r.status === 'failed' ? 'FAILED' : r.status, detail: r.detail })),
      [
        { header: 'check', value: (r) => r.check },
        { header: 'result', value: (r) => r.result },
        { header: 'detail', value: (r) => r.detail },
      ],
    )
  }
  const failed = Object.entries(results).filter(([, r]) => r.status === 'failed').map(([key]) => LABELS[key as keyof typeof LABELS])
  if (failed.length > 0) {
    throw new ConflictError(`${failed.length} of 4 checks failed: ${failed.join(', ')}`, 'the table above names what broke; compare with a backup: icm --db BACKUP check')
  }
  confirm(ctx, integrity.status === 'skipped' ? 'the event chain, the final tables and the triggers hold (file integrity is the server\'s)' : 'all 4 checks hold')
}

function chainDetail(r: ChainReport): string {
  const b = r.firstBreak
  if (!b) return r.head ? `${counted(r.events, 'event')} chained; head #${r.head.seq} ${r.head.hash.slice(0, 12)}…` : 'no events yet'
  const where = b.event ? `event ${b.event.id} (${shownAt(b.event.at)}, ${b.event.action}) ${b.reason}` : b.reason
  return r.breaks > 1 ? `${where} (${r.breaks - 1} more break${r.breaks > 2 ? 's' : ''} after it)` : where
}

/** A stored time as shown elsewhere; a forged row's unreadable time as it is. */
function shownAt(at: string): string {
  return Number.isNaN(Date.parse(at)) ? at.slice(0, 40) : (shownInstant(at) ?? at)
}
