import type { Kysely } from 'kysely'
import { shownInstant } from '../../cli/output.js'
import { NotFoundError } from '../../domain/errors.js'
import { centsToAmount } from '../../domain/supervision/report.js'
import { findReportByCode } from '../../storage/reports-repo.js'
import type { ReportRow } from '../../storage/schema-collaboration.js'
import type { DB } from '../../storage/schema.js'
import { t } from '../../domain/i18n/catalog.js'

/** The JSON of a report: never the reporter's identity, only whether one is on file. */
export function reportJson(r: ReportRow, codes: ReadonlyMap<number, string>) {
  return {
    code: r.code,
    about: codes.get(r.about_id) ?? null,
    description: r.description,
    anonymous: r.reporter_ciphertext === null,
    status: r.status,
    validity: r.validity,
    reward: centsToAmount(r.reward_cents),
    decisionNote: r.decision_note,
    decidedAt: shownInstant(r.decided_at),
    filedAt: shownInstant(r.filed_at),
    createdAt: shownInstant(r.created_at),
  }
}

export async function requireReport(db: Kysely<DB>, code: string): Promise<ReportRow> {
  const r = await findReportByCode(db, code)
  if (!r) throw new NotFoundError(t('report.unknown', { code }), t('report.unknown.hint'))
  return r
}
