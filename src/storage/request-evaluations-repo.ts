import type { Kysely } from 'kysely'
import type { Evaluation, EvaluationSummary } from '../domain/requests/evaluation.js'
import type { DB, RequestEvaluationRow } from './schema.js'

/** The evaluations of requests: one current entry per evaluator, superseded by a change of scope. */

/** Records one evaluator's scores, replacing that evaluator's current entry. */
export async function upsertEvaluation(db: Kysely<DB>, requestId: number, e: Omit<Evaluation, 'supersededAt'>): Promise<{ replaced: boolean }> {
  const columns = {
    request_id: requestId,
    evaluator: e.evaluator,
    reasonableness: e.reasonableness,
    feasibility: e.feasibility,
    impact: e.impact,
    cost_benefit: e.costBenefit,
    important: flag(e.important),
    urgent: flag(e.urgent),
    note: e.note,
    at: e.at,
  }
  const current = await db
    .selectFrom('request_evaluations')
    .select('id')
    .where('request_id', '=', requestId)
    .where('evaluator', '=', e.evaluator)
    .where('superseded_at', 'is', null)
    .executeTakeFirst()
  if (current) {
    await db.updateTable('request_evaluations').set(columns).where('id', '=', current.id).execute()
    return { replaced: true }
  }
  await db.insertInto('request_evaluations').values({ ...columns, superseded_at: null }).execute()
  return { replaced: false }
}

const flag = (b: boolean | null) => (b === null ? null : b ? 1 : 0)
const flagOf = (n: number | null) => (n === null ? null : n === 1)

/** Marks the current evaluations superseded (a change of scope: they no longer count). */
export async function supersedeEvaluations(db: Kysely<DB>, requestId: number, at: string): Promise<number> {
  const r = await db.updateTable('request_evaluations').set({ superseded_at: at }).where('request_id', '=', requestId).where('superseded_at', 'is', null).executeTakeFirst()
  return Number(r.numUpdatedRows)
}

/** Every evaluation of a request, current and superseded, in the order they were made. */
export async function listEvaluations(db: Kysely<DB>, requestId: number): Promise<Evaluation[]> {
  const rows = await db.selectFrom('request_evaluations').selectAll().where('request_id', '=', requestId).orderBy('at').orderBy('id').execute()
  return rows.map(evaluationOf)
}

function evaluationOf(e: RequestEvaluationRow): Evaluation {
  return {
    evaluator: e.evaluator,
    reasonableness: e.reasonableness,
    feasibility: e.feasibility,
    impact: e.impact,
    costBenefit: e.cost_benefit,
    important: flagOf(e.important),
    urgent: flagOf(e.urgent),
    note: e.note,
    at: e.at,
    supersededAt: e.superseded_at,
  }
}

/** Current (not superseded) evaluations per request: the means and the latest explicit flags. */
export async function evaluationSummaries(db: Kysely<DB>, requestIds: readonly number[]): Promise<Map<number, EvaluationSummary>> {
  const out = new Map<number, EvaluationSummary>()
  for (let i = 0; i < requestIds.length; i += 500) {
    const rows = await db
      .selectFrom('request_evaluations')
      .select(['request_id', 'reasonableness', 'feasibility', 'impact', 'cost_benefit', 'important', 'urgent', 'at', 'id'])
      .where('request_id', 'in', requestIds.slice(i, i + 500))
      .where('superseded_at', 'is', null)
      .orderBy('request_id')
      .orderBy('at')
      .orderBy('id')
      .execute()
    const sums = new Map<number, { n: number; r: number; f: number; i: number; c: number; imp: boolean | null; urg: boolean | null }>()
    for (const e of rows) {
      const s = sums.get(e.request_id) ?? { n: 0, r: 0, f: 0, i: 0, c: 0, imp: null, urg: null }
      s.n++
      s.r += e.reasonableness
      s.f += e.feasibility
      s.i += e.impact
      s.c += e.cost_benefit
      if (e.important !== null) s.imp = e.important === 1
      if (e.urgent !== null) s.urg = e.urgent === 1
      sums.set(e.request_id, s)
    }
    for (const [id, s] of sums) {
      out.set(id, { count: s.n, reasonableness: s.r / s.n, feasibility: s.f / s.n, impact: s.i / s.n, costBenefit: s.c / s.n, important: s.imp, urgent: s.urg })
    }
  }
  return out
}
