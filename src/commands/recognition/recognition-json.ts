import { shownInstant } from '../../cli/output.js'
import { amountOf } from '../../domain/collaboration/recognition-rewards.js'
import type { RecognitionRow } from '../../storage/schema-collaboration.js'

/** The JSON of a recognition: the unit as its code, or the person. */
export function recognitionJson(r: RecognitionRow, codes: ReadonlyMap<number, string>) {
  return {
    code: r.code,
    unit: r.unit_id === null ? null : (codes.get(r.unit_id) ?? null),
    person: r.person,
    period: r.period,
    periodStart: r.period_start,
    periodEnd: r.period_end,
    reason: r.reason,
    reward: r.reward_cents === null ? null : amountOf(r.reward_cents),
    createdAt: shownInstant(r.created_at),
  }
}
