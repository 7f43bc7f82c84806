import type { AppContext } from '../../cli/context.js'
import { confirm, printEntity, printJson, type EntityField } from '../../cli/output.js'
import { delimiterName } from '../../domain/surveys/csv-dialect.js'
import type { HeaderMapping } from '../../domain/surveys/header-aliases.js'
import { describeUnitMatch } from '../../domain/surveys/survey-import.js'
import { encodingDisplayName } from '../../domain/surveys/text-encoding.js'
import type { SurveyFileHead, SurveyImportResult } from '../../storage/survey-import/import.js'
import { ignoredText, keywordMatchesJson, printNotes, shownDelimiter } from './import-mapping.js'
import { describeKeywordMatch } from '../../domain/surveys/header-choices.js'
import { formatCount } from '../../domain/counting.js'
import { t } from '../../domain/i18n/catalog.js'
import { shownNote } from '../../domain/surveys/survey-notes.js'
import { wideConfirmation, wideSummaryFields, wideSummaryJson } from './import-wide.js'

/** What `survey import` did, as it reports it. */
export interface ImportReport {
  survey: string
  /** the file as the user named it */
  shown: string
  head: SurveyFileHead
  mapping: HeaderMapping
  /** the rejects file's full path, and as given */
  rejects: string | undefined
  rejectsArg: string | undefined
  dryRun: boolean
  force: boolean
}

/** With ICM_DEBUG: how long each step of the import took, on stderr. */
export function printTimings(ctx: AppContext, result: SurveyImportResult): void {
  if (!ctx.env.ICM_DEBUG) return
  const ms = result.timings
  const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`
  ctx.io.err(`icm: debug: survey import: read and staged in ${s(ms.stagingMs)}, analysed in ${s(ms.analysisMs)}, waited ${s(ms.lockWaitMs)} for the write lock and held it ${s(ms.lockHeldMs)}, checkpointed in ${s(ms.checkpointMs)}\n`)
}

/** The summary of an import (or a dry run): the counts on stdout, the notes and the confirmation on stderr. */
export function printImportSummary(ctx: AppContext, run: ImportReport, result: SurveyImportResult, batch = false): Record<string, unknown> {
  const { survey, shown, head, mapping, rejects } = run
  // a workbook has cells, not a delimiter
  const delimiter = head.sheet === undefined ? delimiterName(head.delimiter) : null
  const summary = {
    survey,
    file: shown,
    sha256: result.sha256,
    batch: result.batchId,
    dryRun: run.dryRun,
    forced: run.force,
    encoding: encodingDisplayName(head.encoding),
    delimiter,
    read: result.read,
    imported: result.imported,
    alreadyPresent: result.alreadyPresent,
    repeatedInFile: result.repeatedInFile,
    rejected: result.rejected,
    idClashes: result.idClashes,
    ignoredColumns: mapping.ignored,
    unitsMatched: result.unitsMatched.map((m) => ({ text: m.text, unit: m.unit, via: m.via })),
    rejectsFile: rejects ?? null,
    notes: mapping.warnings,
    conversions: mapping.reading?.conversions ?? [],
    matchedByKeywords: keywordMatchesJson(head.headers, mapping),
    ...wideSummaryJson(result),
  }
  if (ctx.json) {
    // in a run of several files, the caller prints one array of them
    if (!batch) printJson(ctx, summary)
  } else {
    printEntity(ctx, summary, [
      ['survey', survey, t('survey.field.survey')],
      ['file', shown, t('survey.col.file')],
      ['encoding', t('survey.field.encodingValue', { encoding: summary.encoding, reason: shownNote(head.encodingReason) }), t('survey.field.encoding')],
      ...(delimiter !== null ? ([['delimiter', shownDelimiter(delimiter), t('survey.field.delimiter')]] as EntityField[]) : []),
      ['read', formatCount(result.read), t('survey.col.read')],
      ...wideSummaryFields(result),
      [run.dryRun ? 'would import' : 'imported', formatCount(result.imported), t(run.dryRun ? 'survey.field.wouldImport' : 'survey.col.imported')],
      ['already present', formatCount(result.alreadyPresent), t('survey.col.alreadyPresent')],
      ['rejected', formatCount(result.rejected), t('survey.col.rejected')],
      ...((mapping.matched ?? []).length > 0 ? ([['matched by keywords', mapping.matched!.map((m) => describeKeywordMatch(head.headers, m)).join(t('survey.listSeparator')), t('survey.field.matchedByKeywords')]] as EntityField[]) : []),
      ['ignored columns', ignoredText(mapping), t('survey.field.ignoredColumns')],
      ...(summary.conversions.length > 0 ? ([['conversions', summary.conversions.map(shownNote).join(t('survey.listSeparator')), t('survey.field.conversions')]] as EntityField[]) : []),
      ['units matched', result.unitsMatched.length > 0 ? result.unitsMatched.map(describeUnitMatch).join(t('survey.listSeparator')) : t('survey.import.allUnitsExact'), t('survey.field.unitsMatched')],
      ...(rejects ? ([['rejects', rejects, t('survey.field.rejects')]] as EntityField[]) : []),
      ...(result.batchId !== null ? ([['batch', result.batchId, t('survey.col.batch')]] as EntityField[]) : []),
    ])
    printNotes(ctx, mapping)
  }
  // identical answers without a response id are one answer: say so, or "already present" puzzles
  if (result.repeatedInFile > 0) {
    const key = mapping.columns.response_id !== undefined ? 'survey.import.repeatedInFile' : 'survey.import.repeatedInFileNoId'
    ctx.io.err(`${t(key, { n: formatCount(result.repeatedInFile) })}\n`)
  }
  // rejected lines that reuse an earlier import's ids: another questionnaire numbered from 1 too?
  // (after a real import its other rows are in without a prefix: advice to use one would come too late)
  if (result.idClashes > 0 && mapping.reading?.idPrefix === undefined) {
    ctx.io.err(`${t(run.dryRun ? 'survey.import.idClashes' : 'survey.import.idClashesImported', { n: formatCount(result.idClashes) })}\n`)
  }
  if (run.dryRun && run.rejectsArg && result.rejected > 0) ctx.io.err(`${t('survey.import.dryRunRejects', { file: String(run.rejectsArg) })}\n`)
  const present = result.alreadyPresent > 0 ? t('survey.imported.present', { n: formatCount(result.alreadyPresent) }) : ''
  const rejected =
    result.rejected > 0 ? (rejects ? t('survey.imported.rejectedSee', { n: formatCount(result.rejected), file: String(run.rejectsArg) }) : t('survey.imported.rejected', { n: formatCount(result.rejected) })) : ''
  const counts = { imported: formatCount(result.imported), n: formatCount(result.read), survey, present, rejected }
  const wide = wideConfirmation(result, survey, shown, present + rejected, run.dryRun)
  if (wide) confirm(ctx, wide)
  else if (run.dryRun) confirm(ctx, t('survey.imported.dryRun', counts))
  else confirm(ctx, t('survey.imported', { ...counts, file: shown, batch: String(result.batchId) }))
  return summary
}
