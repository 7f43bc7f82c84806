import type { AppContext } from '../../cli/context.js'
import { confirm, printCaption, printJson, printRows } from '../../cli/output.js'
import type { AssessLevel } from '../../domain/assessment/assessment.js'
import { annualInputsText, annualScoreRows } from '../../domain/assessment/annual.js'
import { reopened } from '../../domain/assessment/score-table.js'
import { sha256Hex } from '../../domain/assessment/table-hash.js'
import { halvesOf, yearOf } from '../../domain/calendar/period.js'
import { ConflictError, NotFoundError, UsageError, UserError } from '../../domain/errors.js'
import { findScoreTable, saveStoredTable, setScoreTableState } from '../../storage/assessments-repo.js'
import { appendEvent } from '../../storage/events-repo.js'
import { levelFlag, tableName } from './period.js'
import { t } from '../../domain/i18n/catalog.js'
import { liveAnnual, type AnnualTable } from './tables.js'
import { annualColumns, bandsText, onTerminal, shownAt } from './views.js'

/**
 * The annual table frozen (DESIGN.md §3 Annual): `assess finalize --year` stores it graded with
 * the policy in force, with a hash of what it rests on; `assess reopen --year` unfreezes it.
 */

/** The year of --year when it is given instead of --period (both: exit 2); undefined for a period. */
export function yearInstead(opts: { period?: string; year?: string }): number | undefined {
  if (opts.year !== undefined && opts.period !== undefined) throw new UsageError(t('assess.periodOrYear'), t('assess.periodOrYear.hint'))
  return opts.year === undefined ? undefined : yearOf(opts.year)
}

/** Freezes the year's annual table; refused (exit 3) unless both half-years are final at that level. */
export async function finalizeYear(ctx: AppContext, year: number, level: AssessLevel): Promise<void> {
  const name = tableName(String(year), level)
  const store = await ctx.store()
  const now = ctx.now()
  const annual = await store.write(async (trx): Promise<AnnualTable> => {
    const before = await findScoreTable(trx, String(year), level)
    if (before?.state === 'final') throw new ConflictError(t('assess.annual.alreadyFinal', { name, at: String(shownAt(before.finalizedAt)) }), t('assess.annual.alreadyFinal.hint', { command: `icm assess reopen --year ${year}${levelFlag(level)} --reason ${t('assess.reasonArg')}` }))
    for (const half of halvesOf(year)) {
      const halfTable = await findScoreTable(trx, half.code, level)
      if (halfTable?.state !== 'final') {
        throw new UserError(t('assess.annual.halfNotFinal', { half: tableName(half.code, level), year }), t('assess.annual.halfNotFinal.hint', { command: `icm assess finalize --period ${half.code}${levelFlag(level)}` }))
      }
    }
    const live = await liveAnnual(trx, year, level)
    const inputsHash = sha256Hex(annualInputsText(year, level, live.finals, live.recognitions, live.policy))
    const table = { period: String(year), level, state: 'final' as const, policy: live.policy, inputsHash, computedAt: now, finalizedAt: now, finalizedBy: ctx.actor }
    const rowsHash = await saveStoredTable(trx, table, annualScoreRows(live.halves, live.rows))
    await appendEvent(trx, ctx.event('assess.finalize', String(year), { level, inputsHash, rowsHash, halfYears: live.finals.map((f) => f.period), grades: live.policy.grades, bonus: live.policy.bonus, units: live.rows.length }))
    return { year, level, rows: live.rows, policy: live.policy, finals: live.finals.map((f) => f.period), frozen: { ...table, rowsHash } }
  })
  await printAnnual(ctx, annual)
  confirm(ctx, t('assess.annual.finalized', { name, hash: annual.frozen!.inputsHash.slice(0, 12) }))
}

/** Unfreezes the year's annual table (the reason is kept in the event log): `assess annual` computes it afresh again. */
export async function reopenYear(ctx: AppContext, year: number, level: AssessLevel, reason: string): Promise<void> {
  const name = tableName(String(year), level)
  const store = await ctx.store()
  await store.write(async (trx) => {
    const before = await findScoreTable(trx, String(year), level)
    if (!before) throw new NotFoundError(t('assess.annual.neverFinalized', { name }), t('assess.annual.neverFinalized.hint', { command: `icm assess finalize --year ${year}${levelFlag(level)}` }))
    if (before.state !== 'final') throw new UserError(t('assess.annual.notFinal', { name }))
    await setScoreTableState(trx, reopened(before))
    await appendEvent(trx, ctx.event('assess.reopen', String(year), { level, reason, finalizedAt: before.finalizedAt, finalizedBy: before.finalizedBy, inputsHash: before.inputsHash, rowsHash: before.rowsHash }))
  })
  if (ctx.json) printJson(ctx, { year, level, state: 'draft', reason })
  confirm(ctx, t('assess.annual.reopened', { name, reason }))
}

/** The annual table: JSON, or a caption and the rows. */
export async function printAnnual(ctx: AppContext, a: AnnualTable): Promise<void> {
  const f = a.frozen
  if (ctx.json) {
    printJson(ctx, {
      year: a.year,
      level: a.level,
      state: f ? 'final' : 'draft',
      halfYears: a.finals,
      grades: a.policy.grades,
      bonus: a.policy.bonus,
      inputsHash: f?.inputsHash ?? null,
      finalizedAt: shownAt(f?.finalizedAt ?? null),
      finalizedBy: f?.finalizedBy ?? null,
      rows: a.rows,
    })
    return
  }
  const state = f ? t('assess.state.finalSince', { at: String(shownAt(f.finalizedAt)) }) : t('assess.annual.computedNow')
  printCaption(ctx, t('assess.annual.caption', { name: tableName(String(a.year), a.level), state, finals: a.finals.join(', '), bands: bandsText(a.policy) }))
  await printRows(ctx, a.rows, annualColumns(onTerminal(ctx)), { csv: ctx.csv })
}
