import path from 'node:path'
import type { Command } from 'commander'
import type { AppContext } from '../../cli/context.js'
import { openInputFile, readTextFile } from '../../cli/files.js'
import { example } from '../../cli/help.js'
import { yesOption } from '../../cli/options.js'
import { checkOutputPath } from '../../cli/output-file.js'
import { need } from '../../cli/prompt.js'
import { UsageError, UserError } from '../../domain/errors.js'
import { parseDelimiterOption, type CsvDelimiter } from '../../domain/surveys/csv-dialect.js'
import { settleMapping } from './header-questions.js'
import { parseMappingFile, type HeaderMapping, type MappingFile } from '../../domain/surveys/header-aliases.js'
import { CsvLimitError } from '../../domain/surveys/survey-csv.js'
import { parseEncodingOption, type TextEncodingName } from '../../domain/surveys/text-encoding.js'
import type { Store } from '../../storage/database.js'
import type { SurveyRow } from '../../storage/schema-surveys.js'
import { profileSurveyFile } from '../../storage/survey-import/survey-file.js'
import { hasWorkbookBytes, isWorkbookName, readWorkbookHead } from '../../storage/survey-import/xlsx-file.js'
import type { ReadingOptions as AnswerReadingOptions } from '../../domain/surveys/file-reading.js'
import { parseDateOrder } from '../../domain/surveys/written-dates.js'
import { parseIdPrefix } from '../../domain/surveys/id-prefix.js'
import { alreadyImported, checkForcedPrefix, importSurveyFile, readSurveyFileHead, sha256OfFile, type SurveyFileHead, type SurveyImportResult } from '../../storage/survey-import/import.js'
import { findBatchBySha256, hasBatchOfSize } from '../../storage/surveys-repo.js'
import { printMapping } from './import-mapping.js'
import { surveyImportBatch } from './import-batch.js'
import { progressPrinter } from './import-progress.js'
import { printImportSummary, printTimings } from './import-summary.js'
import { requireSurvey } from './survey-json.js'
import { settleLayout, wideColumnSet, wideScoreColumns } from './import-wide.js'
import { t } from '../../domain/i18n/catalog.js'
import type { WideLayout } from '../../domain/surveys/wide-layout.js'

export interface SurveyImportOptions {
  encoding?: string
  delimiter?: string
  map?: string
  dryRun?: boolean
  skipInvalid?: boolean
  rejects?: string
  force?: boolean
  showMapping?: boolean
  dateOrder?: string
  loyaltyScale?: string
  idPrefix?: string
  sheet?: string
  layout?: string
  yes?: boolean
}

export function registerSurveyImport(survey: Command, ctx: AppContext): void {
  const cmd = survey
    .command('import')
    .description(t('survey.import.description'))
    .argument('<code>', t('survey.code'))
    .argument('<file...>', t('survey.import.files'))
    .option('--encoding <encoding>', t('survey.import.encoding'))
    .option('--delimiter <delimiter>', t('survey.import.delimiter'))
    .option('--map <file>', t('survey.import.map', { example: `{"rated_unit": "${t('survey.import.mapHeaderText')}" | ${t('survey.import.mapColumnNumber')}, …, "labels": {…}, "units": {…}}` }))
    .option('--dry-run', t('survey.import.dryRun'))
    .option('--skip-invalid', t('survey.import.skipInvalid'))
    .option('--rejects <file>', t('survey.import.rejects'))
    .option('--force', t('survey.import.force'))
    .option('--show-mapping', t('survey.import.showMapping'))
    .option('--sheet <sheet>', t('survey.import.sheet'))
    .option('--date-order <order>', t('survey.import.dateOrder'))
    .option('--loyalty-scale <n>', t('survey.import.loyaltyScale'))
    .option('--id-prefix <text>', t('survey.import.idPrefix'))
    .option('--layout <layout>', t('surveyWide.option.layout'))
  yesOption(cmd, t('survey.import.yes')).action(async (code: string, files: string[], opts: SurveyImportOptions) => {
    if (files.length === 1) await surveyImportRun(ctx, code, files[0]!, opts)
    else await surveyImportBatch(ctx, files, opts, (file, rejects) => surveyImportRun(ctx, code, file, { ...opts, rejects }, true))
  })
  example(
    cmd,
    'icm survey import 2026H1-SERVICE wjx-export.csv',
    'icm survey import 2026H1-SERVICE export.csv --show-mapping',
    'icm survey import 2026H1-SERVICE export.csv --skip-invalid --rejects bad-lines.csv',
    'icm survey import 2026H1-SERVICE exports/*.csv --map wjx-map.json --no-input',
    'icm survey import 2026H1-SERVICE matrix.csv --layout wide --show-mapping',
    'icm survey import 2026H1-SERVICE second-questionnaire.csv --id-prefix B-',
  )
}

/** How to read the file, and the --rejects file as given (asked for on a terminal with --skip-invalid). */
interface ReadingOptions {
  encoding: TextEncodingName | 'auto'
  delimiter: CsvDelimiter | undefined
  rejectsArg: string | undefined
}

async function readOptions(ctx: AppContext, opts: SurveyImportOptions): Promise<ReadingOptions> {
  const encoding = opts.encoding === undefined ? 'auto' : parseEncodingOption(opts.encoding)
  const delimiter = opts.delimiter === undefined ? undefined : parseDelimiterOption(opts.delimiter)
  if (opts.showMapping && (opts.dryRun || opts.skipInvalid || opts.rejects || opts.force)) {
    throw new UsageError(t('survey.import.showMappingOnly'), t('survey.import.showMappingOnly.hint'))
  }
  const rejectsArg = opts.skipInvalid ? await need(ctx, opts.rejects, { flag: '--rejects', message: t('survey.import.askRejects') }) : opts.rejects
  return { encoding, delimiter, rejectsArg }
}

/** Imports one file; returns its summary (undefined for --show-mapping, or when the user declined to replace --rejects). `batch`: one of several files (its --json goes in the caller's array). */
export async function surveyImportRun(ctx: AppContext, code: string, file: string, opts: SurveyImportOptions, batch = false): Promise<Record<string, unknown> | undefined> {
  const { encoding, delimiter, rejectsArg } = await readOptions(ctx, opts)
  const store = await ctx.store()
  const survey = await requireSurvey(store.db, code)
  const given: MappingFile | undefined = opts.map ? parseMappingFile(readTextFile(ctx, opts.map)) : undefined
  const inputs = [...(file !== '-' ? [file] : []), ...(opts.map ? [opts.map] : [])]
  let rejects: string | undefined
  // a dry run writes nothing, not the rejects file either: the import without --dry-run writes it
  if (rejectsArg !== undefined && !opts.showMapping && !opts.dryRun) {
    rejects = await checkOutputPath(ctx, rejectsArg, { flag: '--rejects', yes: opts.yes, inputs })
    if (rejects === undefined) return undefined
  }

  // A regular file is read in place; stdin (-) and a pipe are copied to a temporary file first (the import reads it twice).
  const input = openInputFile(ctx, file)
  const shown = input.spooled ? input.shown : path.basename(file)
  try {
    const head = await readHead(input.path, shown, { encoding, delimiter, sheet: opts.sheet })
    const wide = await settleLayout(store, head.headers, given, opts.layout)
    const { mapping, map } = await settleMapping(ctx, head.headers, given, inputs, wideColumnSet(wide))
    mapping.reading = await profileSurveyFile(input.path, head, mapping, readingOptions(opts, map), wideScoreColumns(wide))
    if (opts.showMapping) {
      await printMapping(ctx, survey.code, shown, head, mapping, wide)
      return undefined
    }
    const result = await importFile(ctx, store, { survey, full: input.path, shown, head, mapping, map, wide, rejects }, opts)
    printTimings(ctx, result)
    return printImportSummary(ctx, { survey: survey.code, shown, head, mapping, rejects, rejectsArg, dryRun: opts.dryRun === true, force: opts.force === true }, result, batch)
  } catch (e) {
    // The reader's bounds (a line over 1 MB, more than 1,000 columns) name the line; the file goes in front.
    if (e instanceof CsvLimitError) throw e.inFile(shown)
    throw e
  } finally {
    input.dispose()
  }
}

/** The head of a CSV file, or of an Excel workbook's sheet (by its .xlsx name). */
export async function readHead(
  file: string,
  shown: string,
  opts: { encoding: TextEncodingName | 'auto'; delimiter: CsvDelimiter | undefined; sheet: string | undefined },
): Promise<SurveyFileHead> {
  if (isWorkbookName(shown) || isWorkbookName(file) || hasWorkbookBytes(file)) return readWorkbookHead(file, shown, opts.sheet)
  if (opts.sheet !== undefined) throw new UsageError(t('survey.import.sheetNotWorkbook', { file: shown }), t('survey.import.sheetNotWorkbook.hint'))
  return readSurveyFileHead(file, shown, opts)
}

/** --date-order and --loyalty-scale, else the mapping file's "date_order" and "loyalty_scale". */
export function readingOptions(opts: SurveyImportOptions, map: MappingFile | undefined): AnswerReadingOptions {
  let dateOrder = map?.dateOrder
  let dateOrderFrom = dateOrder ? 'the mapping file' : undefined
  if (opts.dateOrder !== undefined) {
    dateOrder = parseDateOrder(opts.dateOrder)
    if (!dateOrder) throw new UsageError(t('survey.import.badDateOrder', { text: opts.dateOrder }), t('survey.import.badDateOrder.hint'))
    dateOrderFrom = '--date-order'
  }
  let loyaltyScale = map?.loyaltyScale
  let loyaltyScaleFrom = loyaltyScale ? 'the mapping file' : undefined
  if (opts.loyaltyScale !== undefined) {
    loyaltyScale = opts.loyaltyScale === '5' || opts.loyaltyScale === '10' ? (Number(opts.loyaltyScale) as 5 | 10) : undefined
    if (!loyaltyScale) throw new UsageError(t('survey.import.badLoyaltyScale', { text: opts.loyaltyScale }), t('survey.import.badLoyaltyScale.hint'))
    loyaltyScaleFrom = '--loyalty-scale'
  }
  let idPrefix = map?.idPrefix
  let idPrefixFrom = idPrefix !== undefined ? 'the mapping file' : undefined
  if (opts.idPrefix !== undefined) {
    try {
      idPrefix = parseIdPrefix(opts.idPrefix, '--id-prefix', '--id-prefix B-')
    } catch (e) {
      // a flag given wrong is a usage error (exit 2), as --loyalty-scale's
      if (e instanceof UserError) throw new UsageError(e.message, e.hint)
      throw e
    }
    idPrefixFrom = '--id-prefix'
  }
  return { dateOrder, dateOrderFrom, loyaltyScale, loyaltyScaleFrom, ...(idPrefix !== undefined ? { idPrefix, idPrefixFrom } : {}) }
}

/** The file to import (a regular file, read in place) as surveyImportRun has read and checked it. */
interface ImportInput {
  survey: SurveyRow
  full: string
  shown: string
  head: SurveyFileHead
  mapping: HeaderMapping
  map: MappingFile | undefined
  wide: WideLayout | undefined
  rejects: string | undefined
}

/** Imports the file, with a progress line on a terminal. */
async function importFile(ctx: AppContext, store: Store, input: ImportInput, opts: SurveyImportOptions): Promise<SurveyImportResult> {
  const { survey, full, shown, head } = input
  const idPrefix = input.mapping.reading?.idPrefix
  // A file imported before is refused before any work (with --force, when its id prefix is not
  // the one it had then: its rows would go in again under other ids). Only a batch of the same
  // size can be the same file: otherwise the import hashes the file as it reads it (and checks
  // again under the lock).
  let knownSha256: string | undefined
  if (await hasBatchOfSize(store.db, head.size)) {
    knownSha256 = sha256OfFile(full)
    if (!opts.force) {
      const before = await findBatchBySha256(store.db, knownSha256)
      if (before) throw alreadyImported(shown, before, survey.code)
    } else checkForcedPrefix(shown, await findBatchBySha256(store.db, knownSha256, survey.id), idPrefix)
  }
  const progress = ctx.io.interactive ? progressPrinter(ctx, head.size) : undefined
  try {
    return await importSurveyFile(store, {
      survey,
      file: full,
      shown,
      head,
      mapping: input.mapping,
      map: input.map,
      wide: input.wide,
      sha256: knownSha256,
      dryRun: opts.dryRun === true,
      skipInvalid: opts.skipInvalid === true,
      force: opts.force === true,
      rejects: input.rejects,
      actor: ctx.actor,
      now: ctx.now(),
      // the prefix is part of every key: the log says which one a re-import needs
      event: (details) => ctx.event('survey.import', survey.code, idPrefix === undefined ? details : { ...details, idPrefix }),
      onProgress: progress?.update,
      worker: ctx.env.ICM_IMPORT_WORKER === undefined ? undefined : ctx.env.ICM_IMPORT_WORKER === '1',
      onWait: () => ctx.waitingForLock(),
      // the progress line goes before a "waiting for another icm command" line can come
      beforeFinalStep: async () => progress?.clear(),
    })
  } finally {
    progress?.clear()
  }
}
