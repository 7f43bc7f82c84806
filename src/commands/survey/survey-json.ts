import type { Kysely } from 'kysely'
import { shownInstant } from '../../cli/output.js'
import { NotFoundError } from '../../domain/errors.js'
import { quote } from '../../domain/excerpt.js'
import type { DB } from '../../storage/schema.js'
import type { SurveyBatchRow, SurveyRow } from '../../storage/schema-surveys.js'
import { findSurveyByCode } from '../../storage/surveys-repo.js'
import { isChinese, label, t } from '../../domain/i18n/catalog.js'

/** A survey and its import batches as the survey commands show them, and the survey a command names. */

/** The JSON of a survey. */
export function surveyJson(s: SurveyRow) {
  return {
    code: s.code,
    title: s.title,
    kind: s.kind,
    period: s.period,
    periodStart: s.period_start,
    periodEnd: s.period_end,
    createdAt: shownInstant(s.created_at),
  }
}

/** A survey's kind as a person reads it: the value in English, its label in Chinese. */
export function shownKind(kind: string): string {
  return isChinese() ? label('surveyKind', kind) : kind
}

/** The JSON of an import batch. */
export function batchJson(b: SurveyBatchRow) {
  return {
    batch: b.id,
    file: b.file_name,
    sha256: b.sha256,
    bytes: b.bytes,
    encoding: b.encoding,
    rows: b.rows,
    imported: b.imported,
    alreadyPresent: b.already_present,
    rejected: b.rejected,
    forced: b.forced === 1,
    idPrefix: b.id_prefix,
    actor: b.actor,
    at: shownInstant(b.at),
  }
}

/** The survey of a code (any case); NotFoundError (exit 4) otherwise. */
export async function requireSurvey(db: Kysely<DB>, code: string): Promise<SurveyRow> {
  const s = await findSurveyByCode(db, code)
  if (!s) throw new NotFoundError(t('survey.unknown', { code: quote(code) }), t('survey.unknown.hint'))
  return s
}
