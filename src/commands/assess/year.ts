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
import { liveAnnual, type AnnualTable } from './tables.js'
import { annualColumns, bandsText, shownAt } from './views.js'

/**
 * The annual table frozen (DESIGN.md §3 Annual): `assess finalize --year` stores it graded with
 * the policy in force, with a hash of what it rests on; `assess reopen --year` unfreezes it.
 */

/** The year of --year when it is given instead of --period (both: exit 2); undefined for a period. */
export function yearInstead(opts: { period?: string; year?: string }): number | undefined {
  if (opts.year !== undefined && opts.period !== undefined) throw new UsageError('give --period or --year, not both', 'a half-year or quarter: --period 2026-H1; the annual table: --year 2026')
  return opts.year === undefined ? undefined : yearOf(opts.year)
}

/** Freezes the year's annual table; refused (exit 3) unless both half-years are final at that level. */
export async function finalizeYear(ctx: AppContext, year: number, level: AssessLevel): Promise<void> {
  const name = tableName(String(year), level)
  const store = await ctx.store()
  const now = ctx.now()
  const annual = await store.write(async (trx): Promise<AnnualTable> => {
    const before = await findScoreTable(trx, String(year), level)
    if (before?.state === 'final') throw new ConflictError(`the ${name} annual table is already final (since ${shownAt(before.finalizedAt)})`, `to change it: icm assess reopen --year ${year}${levelFlag(level)} --reason TEXT`)
    for (const half of halvesOf(year)) {
      const t = await findScoreTable(trx, half.code, level)
      if (t?.state !== 'final') {
        throw new UserError(`${tableName(half.code, level)} is not final, so ${year} cannot be finalized`, `the year rests on both half-years: icm assess finalize --period ${half.code}${levelFlag(level)}`)
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
  confirm(ctx, `the ${name} annual table is final (inputs hash ${annual.frozen!.inputsHash.slice(0, 12)}…)`)
}

/** Unfreezes the year's annual table (the reason is kept in the event log): `assess annual` computes it afresh again. */
export async function reopenYear(ctx: AppContext, year: number, level: AssessLevel, reason: string): Promise<void> {
  const name = tableName(String(year), level)
  const store = await ctx.store()
  await store.write(async (trx) => {
    const before = await findScoreTable(trx, String(year), level)
    if (!before) throw new NotFoundError(`the ${name} annual table has never been finalized`, `finalize it: icm assess finalize --year ${year}${levelFlag(level)}`)
    if (before.state !== 'final') throw new UserError(`the ${name} annual table is not final, so there is nothing to reopen`)
    await setScoreTableState(trx, reopened(before))
    await appendEvent(trx, ctx.event('assess.reopen', String(year), { level, reason, finalizedAt: before.finalizedAt, finalizedBy: before.finalizedBy, inputsHash: before.inputsHash, rowsHash: before.rowsHash }))
  })
  if (ctx.json) printJson(ctx, { year, level, state: 'draft', reason })
  confirm(ctx, `the ${name} annual table reopened: ${reason}`)
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
  const state = f ? `final since ${shownAt(f.finalizedAt)}` : 'computed now (not final: icm assess finalize --year to freeze it)'
  printCaption(ctx, `${tableName(String(a.year), a.level)} annual evaluation — ${state}: mean of the final half-year totals (${a.finals.join(', ')}); ${bandsText(a.policy)}`)
  await printRows(ctx, a.rows, annualColumns, { csv: ctx.csv })
}
