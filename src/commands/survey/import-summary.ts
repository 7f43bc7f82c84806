import type { AppContext } from '../../cli/context.js'
import { confirm, printEntity, printJson } from '../../cli/output.js'
import { delimiterName } from '../../domain/surveys/csv-dialect.js'
import type { HeaderMapping } from '../../domain/surveys/header-aliases.js'
import { describeUnitMatch } from '../../domain/surveys/survey-import.js'
import { encodingDisplayName } from '../../domain/surveys/text-encoding.js'
import type { SurveyFileHead, SurveyImportResult } from '../../storage/survey-import/import.js'
import { ignoredText, keywordMatchesJson, printNotes } from './import-mapping.js'
import { describeKeywordMatch } from '../../domain/surveys/header-choices.js'
import { counted, formatCount } from '../../domain/counting.js'
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
  const t = result.timings
  const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`
  ctx.io.err(`icm: debug: survey import: read and staged in ${s(t.stagingMs)}, analysed in ${s(t.analysisMs)}, waited ${s(t.lockWaitMs)} for the write lock and held it ${s(t.lockHeldMs)}, checkpointed in ${s(t.checkpointMs)}\n`)
}

/** The summary of an import (or a dry run): the counts on stdout, the notes and the confirmation on stderr. */
export function printImportSummary(ctx: AppContext, run: ImportReport, result: SurveyImportResult, batch = false): Record<string, unknown> {
  const { survey, shown, head, mapping, rejects } = run
  const delimiter = delimiterName(head.delimiter)
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
    rejected: result.rejected,
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
      ['survey', survey],
      ['file', shown],
      ['encoding', `${summary.encoding} (${head.encodingReason})`],
      ['delimiter', delimiter],
      ['read', formatCount(result.read)],
      ...wideSummaryFields(result),
      [run.dryRun ? 'would import' : 'imported', formatCount(result.imported)],
      ['already present', formatCount(result.alreadyPresent)],
      ['rejected', formatCount(result.rejected)],
      ...((mapping.matched ?? []).length > 0 ? ([['matched by keywords', mapping.matched!.map((m) => describeKeywordMatch(head.headers, m)).join('; ')]] as [string, unknown][]) : []),
      ['ignored columns', ignoredText(mapping)],
      ...(summary.conversions.length > 0 ? ([['conversions', summary.conversions.join('; ')]] as [string, unknown][]) : []),
      ['units matched', result.unitsMatched.length > 0 ? result.unitsMatched.map(describeUnitMatch).join('; ') : '(all by code or exact name)'],
      ...(rejects ? ([['rejects', rejects]] as [string, unknown][]) : []),
      ...(result.batchId !== null ? ([['batch', result.batchId]] as [string, unknown][]) : []),
    ])
    printNotes(ctx, mapping)
  }
  const present = result.alreadyPresent > 0 ? `, ${formatCount(result.alreadyPresent)} already present` : ''
  const rejected = result.rejected > 0 ? `, ${formatCount(result.rejected)} rejected${rejects ? ` (see ${run.rejectsArg})` : ''}` : ''
  const wide = wideConfirmation(result, survey, shown, present + rejected, run.dryRun)
  if (wide) confirm(ctx, wide)
  else if (run.dryRun) confirm(ctx, `dry run: ${formatCount(result.imported)} of ${counted(result.read, 'response')} would be imported into ${survey}${present}${rejected}; nothing written`)
  else confirm(ctx, `${formatCount(result.imported)} of ${counted(result.read, 'response')} imported into ${survey} from ${shown}${present}${rejected} (batch ${result.batchId})`)
  return summary
}
