import path from 'node:path'
import type { Command } from 'commander'
import type { AppContext } from '../../cli/context.js'
import { openInputFile, readTextFile } from '../../cli/files.js'
import { confirm, printEntity, printJson, printRows, printText, toCsv, shownInstant } from '../../cli/output.js'
import { need } from '../../cli/prompt.js'
import { OutputFile, checkOutputPath } from '../../cli/output-file.js'
import { parseDelimiterOption, type CsvDelimiter } from '../../domain/surveys/csv-dialect.js'
import { ConflictError, NotFoundError, UsageError, UserError } from '../../domain/errors.js'
import { SURVEY_FIELDS, displayHeader, mapHeaders, parseMappingFile, type HeaderMapping, type MappingFile } from '../../domain/surveys/header-aliases.js'
import { parsePeriod } from '../../domain/calendar/period.js'
import { CsvLimitError } from '../../domain/surveys/survey-csv.js'
import { describeUnitMatch } from '../../domain/surveys/survey-import.js'
import { checkSurveyCode, parseSurveyKind, unitSurveyResult } from '../../domain/surveys/survey.js'
import { encodingDisplayName, parseEncodingOption, type TextEncodingName } from '../../domain/surveys/text-encoding.js'
import { checkName } from '../../domain/org/unit.js'
import { appendEvent } from '../../storage/events-repo.js'
import type { Store } from '../../storage/database.js'
import type { DB } from '../../storage/schema.js'
import type { SurveyBatchRow, SurveyRow } from '../../storage/schema-surveys.js'
import { alreadyImported, importSurveyFile, readSurveyFileHead, sha256OfFile, type SurveyImportResult } from '../../storage/survey-import/import.js'
import { countResponses, findBatchBySha256, findSurveyByCode, hasBatchOfSize, insertSurvey, iterateResponses, listBatches, listSurveys, surveyScoreSums } from '../../storage/surveys-repo.js'
import { listUnits } from '../../storage/units-repo.js'
import type { Kysely } from 'kysely'
import { quote } from '../../domain/excerpt.js'
import { example } from '../../cli/help.js'
import { loadPolicy } from '../../storage/config-repo.js'

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

function batchJson(b: SurveyBatchRow) {
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
    actor: b.actor,
    at: shownInstant(b.at),
  }
}

export async function requireSurvey(db: Kysely<DB>, code: string): Promise<SurveyRow> {
  const s = await findSurveyByCode(db, code)
  if (!s) throw new NotFoundError(`unknown survey ${quote(code)}`, 'see icm survey list, or create it with icm survey create')
  return s
}

const DELIMITER_NAMES: Record<CsvDelimiter, string> = { ',': 'comma', '\t': 'tab', ';': 'semicolon' }

export function registerSurvey(program: Command, ctx: AppContext): void {
  const survey = program.command('survey').description('Satisfaction surveys: create, import CSV exports, results and export (policy 4.3)')

  example(
    survey
      .command('create')
      .description('Create a survey for a period, to import its responses into')
      .argument('<code>', 'survey code, e.g. 2026H1-SERVICE')
      .option('--title <text>', 'title')
      .option('--period <period>', 'period, e.g. 2026-H1, 2026-Q3 or 2026')
      .option('--kind <kind>', 'service (default) or relationship')
      .action((code: string, opts: SurveyCreateOptions) => surveyCreateRun(ctx, code, opts)),
    'icm survey create 2026H1-SERVICE --title "2026年上半年内部服务满意度调查" --period 2026-H1',
  )
  example(
    survey
      .command('list')
      .description('List surveys with their responses and import batches')
      .action((opts: { csv?: boolean }) => surveyListRun(ctx, opts)),
    'icm survey list',
  )
  example(
    survey
      .command('show')
      .description('Show a survey: its period, counts and import batches (file, sha256, rows, actor, time)')
      .argument('<code>', 'survey code')
      .action((code: string) => surveyShowRun(ctx, code)),
    'icm survey show 2026H1-SERVICE',
  )
  example(
    survey
      .command('import')
      .description('Import a survey platform CSV export: all or nothing, idempotent, streaming')
      .argument('<code>', 'survey code')
      .argument('<file>', 'CSV export (UTF-8, UTF-16 or GB18030; comma, tab or semicolon); - reads stdin')
      .option('--encoding <encoding>', 'auto (default), utf8, utf16le, utf16be or gb18030 (also for GBK)')
      .option('--delimiter <delimiter>', "',' (comma), tab or ';' (default: detected)")
      .option('--map <file>', 'mapping file: {"rated_unit": "header text" | column number, …, "labels": {…}, "units": {…}}')
      .option('--dry-run', 'check everything and report the counts, write nothing')
      .option('--skip-invalid', 'import the good rows; every bad line goes to --rejects')
      .option('--rejects <file>', 'write the bad lines (line, reason, cells) to this CSV')
      .option('--force', 'import a file again that was imported before (rows already present are skipped)')
      .option('--show-mapping', 'print which column feeds which field, and the ignored columns; import nothing')
      .option('--yes', 'replace an existing --rejects file without asking')
      .action((code: string, file: string, opts: SurveyImportOptions) => surveyImportRun(ctx, code, file, opts)),
    'icm survey import 2026H1-SERVICE wjx-export.csv',
    'icm survey import 2026H1-SERVICE export.csv --show-mapping',
    'icm survey import 2026H1-SERVICE export.csv --skip-invalid --rejects bad-lines.csv',
  )
  example(
    survey
      .command('results')
      .description('Results per unit: responses, mean of each dimension, loyalty, satisfaction index 0–100, lowest dimension')
      .argument('<code>', 'survey code')
      .option('--by <view>', 'rated (default): the units rated; respondent: the units that answered')
      .action((code: string, opts: { by?: string; csv?: boolean }) => surveyResultsRun(ctx, code, opts)),
    'icm survey results 2026H1-SERVICE',
    'icm survey results 2026H1-SERVICE --by respondent --csv > by-respondent.csv',
  )
  example(
    survey
      .command('export')
      .description('Write every response with unit codes and names as CSV (formula-safe)')
      .argument('<code>', 'survey code')
      .option('--out <file>', 'the CSV file to write')
      .option('--excel', 'start with a BOM, so Excel reads the file as UTF-8')
      .option('--yes', 'replace an existing file without asking')
      .action((code: string, opts: { out?: string; excel?: boolean; yes?: boolean }) => surveyExportRun(ctx, code, opts)),
    'icm survey export 2026H1-SERVICE --out responses.csv --excel',
  )
}

interface SurveyCreateOptions {
  title?: string
  period?: string
  kind?: string
}

export async function surveyCreateRun(ctx: AppContext, code: string, opts: SurveyCreateOptions): Promise<void> {
  const surveyCode = checkSurveyCode(code)
  const title = checkName(await need(ctx, opts.title, { flag: '--title', message: 'Title of the survey' }), '--title')
  const period = parsePeriod(await need(ctx, opts.period, { flag: '--period', message: 'Period, e.g. 2026-H1' }))
  const kind = parseSurveyKind(opts.kind ?? 'service')
  const store = await ctx.store()
  const row = await store.write(async (trx) => {
    const existing = await findSurveyByCode(trx, surveyCode)
    if (existing) throw new ConflictError(`survey ${existing.code} already exists`, 'choose another code')
    const created = await insertSurvey(trx, {
      code: surveyCode,
      title,
      kind,
      period: period.code,
      periodStart: period.startDate,
      periodEnd: period.endDate,
      createdAt: ctx.now(),
    })
    await appendEvent(trx, ctx.event('survey.create', created.code, { title, kind, period: period.code }))
    return created
  })
  if (ctx.json) printEntity(ctx, surveyJson(row), [])
  confirm(ctx, `survey ${row.code} created (${row.kind}, ${row.period} = ${row.period_start} … ${row.period_end})`)
}

export async function surveyListRun(ctx: AppContext, opts: { csv?: boolean }): Promise<void> {
  const store = await ctx.store()
  const rows = await listSurveys(store.db)
  await printRows(
    ctx,
    rows,
    [
      { header: 'code', value: (s) => s.code },
      { header: 'title', value: (s) => s.title },
      { header: 'kind', value: (s) => s.kind },
      { header: 'period', value: (s) => s.period },
      { header: 'responses', value: (s) => s.responses, align: 'right' },
      { header: 'batches', value: (s) => s.batches, align: 'right' },
    ],
    {
      csv: ctx.csv,
      json: (s) => ({ ...surveyJson(s), responses: s.responses, batches: s.batches }),
      empty: 'no surveys yet (create one with icm survey create)',
    },
  )
}

export async function surveyShowRun(ctx: AppContext, code: string): Promise<void> {
  const store = await ctx.store()
  const s = await requireSurvey(store.db, code)
  const responses = await countResponses(store.db, s.id)
  const batches = (await listBatches(store.db, s.id)).map(batchJson)
  const json = { ...surveyJson(s), responses, batches }
  if (ctx.json) {
    printEntity(ctx, json, [])
    return
  }
  printEntity(ctx, json, [
    ['code', s.code],
    ['title', s.title],
    ['kind', s.kind],
    ['period', `${s.period} (${s.period_start} … ${s.period_end})`],
    ['responses', responses],
    ['import batches', batches.length],
    ['created', json.createdAt],
  ])
  if (batches.length > 0) {
    printText(ctx, '\nImport batches:')
    await printRows(ctx, batches, [
      { header: 'batch', value: (b) => b.batch, align: 'right' },
      { header: 'file', value: (b) => b.file },
      { header: 'sha256', value: (b) => b.sha256 },
      { header: 'rows', value: (b) => b.rows, align: 'right' },
      { header: 'imported', value: (b) => b.imported, align: 'right' },
      { header: 'present', value: (b) => b.alreadyPresent, align: 'right' },
      { header: 'rejected', value: (b) => b.rejected, align: 'right' },
      { header: 'by', value: (b) => b.actor },
      { header: 'at', value: (b) => b.at },
    ])
  }
}

interface SurveyImportOptions {
  encoding?: string
  delimiter?: string
  map?: string
  dryRun?: boolean
  skipInvalid?: boolean
  rejects?: string
  force?: boolean
  showMapping?: boolean
  yes?: boolean
}

/** Which column feeds which field, in field order, for --show-mapping and the summary. */
function mappingRows(headers: readonly string[], mapping: HeaderMapping) {
  return SURVEY_FIELDS.filter((f) => mapping.columns[f] !== undefined).map((f) => {
    const column = mapping.columns[f]!
    return { field: f, column: column + 1, header: displayHeader(headers, column) }
  })
}

export async function surveyImportRun(ctx: AppContext, code: string, file: string, opts: SurveyImportOptions): Promise<void> {
  const encoding = opts.encoding === undefined ? 'auto' : parseEncodingOption(opts.encoding)
  const delimiter = opts.delimiter === undefined ? undefined : parseDelimiterOption(opts.delimiter)
  if (opts.showMapping && (opts.dryRun || opts.skipInvalid || opts.rejects || opts.force)) {
    throw new UsageError('--show-mapping only prints the mapping', 'run it without --dry-run, --skip-invalid, --rejects and --force')
  }
  const rejectsArg = opts.skipInvalid ? await need(ctx, opts.rejects, { flag: '--rejects', message: 'File for the bad lines (CSV)' }) : opts.rejects
  const store = await ctx.store()
  const survey = await requireSurvey(store.db, code)
  const map: MappingFile | undefined = opts.map ? parseMappingFile(readTextFile(ctx, opts.map)) : undefined
  let rejects: string | undefined
  if (rejectsArg !== undefined && !opts.showMapping) {
    const inputs = [...(file !== '-' ? [file] : []), ...(opts.map ? [opts.map] : [])]
    rejects = await checkOutputPath(ctx, rejectsArg, { flag: '--rejects', yes: opts.yes, inputs })
    if (rejects === undefined) return
  }

  // A regular file is read in place; stdin (-) and a pipe are copied to a temporary file first (the import reads it twice).
  const input = openInputFile(ctx, file)
  const shown = input.spooled ? input.shown : path.basename(file)
  try {
    await importInput(ctx, store, survey, { full: input.path, shown, encoding, delimiter, map, rejects, rejectsArg }, opts)
  } catch (e) {
    // The reader's bounds (a line over 1 MB, more than 1,000 columns) name the line; the file goes in front.
    if (e instanceof CsvLimitError) throw e.inFile(shown)
    throw e
  } finally {
    input.dispose()
  }
}

/** What surveyImportRun has checked: the file to read (a regular file), how to read it, where the bad lines go. */
interface ImportInput {
  full: string
  shown: string
  encoding: TextEncodingName | 'auto'
  delimiter: CsvDelimiter | undefined
  map: MappingFile | undefined
  rejects: string | undefined
  rejectsArg: string | undefined
}

async function importInput(ctx: AppContext, store: Store, survey: SurveyRow, input: ImportInput, opts: SurveyImportOptions): Promise<void> {
  const { full, shown, encoding, delimiter, map, rejects, rejectsArg } = input
  const head = readSurveyFileHead(full, shown, { encoding, delimiter })
  const mapping = mapHeaders(head.headers, map)
  const columns = mappingRows(head.headers, mapping)
  const delimiterName = DELIMITER_NAMES[head.delimiter]
  if (opts.showMapping) {
    const json = {
      survey: survey.code,
      file: shown,
      encoding: encodingDisplayName(head.encoding),
      encodingReason: head.encodingReason,
      delimiter: delimiterName,
      headerLine: head.headerLine,
      mapping: columns,
      ignoredColumns: mapping.ignored,
      notes: mapping.warnings,
    }
    if (ctx.json) {
      printJson(ctx, json)
      return
    }
    printText(ctx, `${shown}: ${json.encoding} (${head.encodingReason}), ${delimiterName}-separated, header on line ${head.headerLine}`)
    await printRows(ctx, columns, [
      { header: 'field', value: (c) => c.field },
      { header: 'column', value: (c) => c.column, align: 'right' },
      { header: 'header', value: (c) => c.header },
    ])
    printText(ctx, `ignored columns: ${mapping.ignored.length > 0 ? mapping.ignored.join(', ') : '(none)'}`)
    for (const w of mapping.warnings) ctx.io.err(`icm: note: ${w}\n`)
    return
  }

  // A file imported before is refused before any work. Only a batch of the same size can be the
  // same file: otherwise the import hashes the file as it reads it (and checks again under the lock).
  let knownSha256: string | undefined
  if (!opts.force && (await hasBatchOfSize(store.db, head.size))) {
    knownSha256 = sha256OfFile(full)
    const before = await findBatchBySha256(store.db, knownSha256)
    if (before) throw alreadyImported(shown, before)
  }

  const progress = ctx.io.interactive ? progressPrinter(ctx, head.size) : undefined
  let result: SurveyImportResult
  try {
    result = await importSurveyFile(store, {
      survey,
      file: full,
      shown,
      head,
      mapping,
      map,
      sha256: knownSha256,
      dryRun: opts.dryRun === true,
      skipInvalid: opts.skipInvalid === true,
      force: opts.force === true,
      rejects,
      actor: ctx.actor,
      now: ctx.now(),
      event: (details) => ctx.event('survey.import', survey.code, details),
      onProgress: progress?.update,
      worker: ctx.env.ICM_IMPORT_WORKER === undefined ? undefined : ctx.env.ICM_IMPORT_WORKER === '1',
      onWait: () => ctx.waitingForLock(),
      // the progress line goes before a "waiting for another icm command" line can come
      beforeFinalStep: async () => progress?.clear(),
    })
  } finally {
    progress?.clear()
  }
  if (ctx.env.ICM_DEBUG) {
    const t = result.timings
    const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`
    ctx.io.err(`icm: debug: survey import: read and staged in ${s(t.stagingMs)}, analysed in ${s(t.analysisMs)}, waited ${s(t.lockWaitMs)} for the write lock and held it ${s(t.lockHeldMs)}, checkpointed in ${s(t.checkpointMs)}\n`)
  }

  const summary = {
    survey: survey.code,
    file: shown,
    sha256: result.sha256,
    batch: result.batchId,
    dryRun: opts.dryRun === true,
    forced: opts.force === true,
    encoding: encodingDisplayName(head.encoding),
    delimiter: delimiterName,
    read: result.read,
    imported: result.imported,
    alreadyPresent: result.alreadyPresent,
    rejected: result.rejected,
    ignoredColumns: mapping.ignored,
    unitsMatched: result.unitsMatched.map((m) => ({ text: m.text, unit: m.unit, via: m.via })),
    rejectsFile: rejects ?? null,
    notes: mapping.warnings,
  }
  if (ctx.json) {
    printJson(ctx, summary)
  } else {
    printEntity(ctx, summary, [
      ['survey', survey.code],
      ['file', shown],
      ['encoding', `${summary.encoding} (${head.encodingReason})`],
      ['delimiter', delimiterName],
      ['read', result.read],
      [opts.dryRun ? 'would import' : 'imported', result.imported],
      ['already present', result.alreadyPresent],
      ['rejected', result.rejected],
      ['ignored columns', mapping.ignored.length > 0 ? mapping.ignored.join(', ') : '(none)'],
      ['units matched', result.unitsMatched.length > 0 ? result.unitsMatched.map(describeUnitMatch).join('; ') : '(all by code or exact name)'],
      ...(rejects ? ([['rejects', rejects]] as [string, unknown][]) : []),
      ...(result.batchId !== null ? ([['batch', result.batchId]] as [string, unknown][]) : []),
    ])
  }
  if (!ctx.json) for (const w of mapping.warnings) ctx.io.err(`icm: note: ${w}\n`)
  const present = result.alreadyPresent > 0 ? `, ${result.alreadyPresent} already present` : ''
  const rejected = result.rejected > 0 ? `, ${result.rejected} rejected${rejects ? ` (see ${rejectsArg})` : ''}` : ''
  if (opts.dryRun) confirm(ctx, `dry run: ${result.imported} of ${result.read} responses would be imported into ${survey.code}${present}${rejected}; nothing written`)
  else confirm(ctx, `${result.imported} of ${result.read} responses imported into ${survey.code} from ${shown}${present}${rejected} (batch ${result.batchId})`)
}

/** Progress on stderr (a terminal only), at most every 200 ms. */
function progressPrinter(ctx: AppContext, total: number) {
  let lastAt = 0
  let shown = false
  return {
    update: (bytes: number, rows: number) => {
      const t = performance.now()
      if (t - lastAt < 200) return
      lastAt = t
      shown = true
      const pct = total > 0 ? Math.floor((100 * bytes) / total) : 100
      ctx.io.err(`\rimporting: ${String(pct).padStart(3)}% · ${rows.toLocaleString('en-US')} rows `)
    },
    clear: () => {
      if (shown) ctx.io.err('\r\x1b[2K')
      shown = false
    },
  }
}

const RESULT_VIEWS = ['rated', 'respondent'] as const

export async function surveyResultsRun(ctx: AppContext, code: string, opts: { by?: string; csv?: boolean }): Promise<void> {
  const by = (opts.by ?? 'rated').trim().toLowerCase()
  if (!(RESULT_VIEWS as readonly string[]).includes(by)) throw new UserError(`invalid --by ${quote(opts.by ?? '')}`, 'use rated or respondent')
  const store = await ctx.store()
  const s = await requireSurvey(store.db, code)
  const policy = await loadPolicy(store.db)
  const units = new Map((await listUnits(store.db, { includeInactive: true })).map((u) => [u.id, u]))
  const sums = await surveyScoreSums(store.db, s.id, by as 'rated' | 'respondent')
  const rows = sums
    .map((t) => {
      const u = units.get(t.unitId)
      return { unit: u?.code ?? String(t.unitId), name: u?.name ?? '', ...unitSurveyResult(t, policy.minResponses) }
    })
    .sort((a, b) => (a.unit < b.unit ? -1 : a.unit > b.unit ? 1 : 0))
  const mean = (x: number | null) => (x === null ? '' : x.toFixed(2))
  if (!ctx.json && !ctx.csv && rows.length > 0 && ctx.io.stdoutIsTTY) {
    printText(
      ctx,
      `${s.code} (${s.period}), per ${by === 'rated' ? 'rated unit' : 'respondent unit'}: means 1–5; satisfaction = (mean − 1)/4·100 of overall (else the mean of the dimensions), n/a below ${policy.minResponses} responses`,
    )
  }
  await printRows(
    ctx,
    rows,
    [
      { header: 'unit', value: (r) => r.unit },
      { header: 'name', value: (r) => r.name },
      { header: 'responses', value: (r) => r.responses, align: 'right' },
      { header: 'accuracy', value: (r) => mean(r.accuracy), align: 'right' },
      { header: 'timeliness', value: (r) => mean(r.timeliness), align: 'right' },
      { header: 'completeness', value: (r) => mean(r.completeness), align: 'right' },
      { header: 'professionalism', value: (r) => mean(r.professionalism), align: 'right' },
      { header: 'overall', value: (r) => mean(r.overall), align: 'right' },
      { header: 'loyalty', value: (r) => mean(r.loyalty), align: 'right' },
      { header: 'satisfaction', value: (r) => (r.satisfaction === null ? 'n/a' : r.satisfaction.toFixed(1)), align: 'right' },
      { header: 'lowest', value: (r) => r.lowestDimension ?? '' },
    ],
    { csv: ctx.csv, empty: `no responses in ${s.code} yet (import some with icm survey import ${s.code} FILE.csv)` },
  )
}

export async function surveyExportRun(ctx: AppContext, code: string, opts: { out?: string; excel?: boolean; yes?: boolean }): Promise<void> {
  const out = await need(ctx, opts.out, { flag: '--out', message: 'CSV file to write' })
  const store = await ctx.store()
  const s = await requireSurvey(store.db, code)
  const target = await checkOutputPath(ctx, out, { flag: '--out', yes: opts.yes })
  if (target === undefined) return
  const units = new Map((await listUnits(store.db, { includeInactive: true })).map((u) => [u.id, u]))
  const files = new Map((await listBatches(store.db, s.id)).map((b) => [b.id, b.file_name]))
  const header = [
    'survey',
    'response_id',
    'respondent_unit',
    'respondent_name',
    'rated_unit',
    'rated_name',
    'accuracy',
    'timeliness',
    'completeness',
    'professionalism',
    'overall',
    'loyalty',
    'comment',
    'submitted_at',
    'file',
    'line',
  ]
  const text = (v: number | string | null) => (v === null ? '' : String(v))
  // toCsv (csv-stringify) quotes a cell holding CRLF, the record delimiter, but not a lone LF, which
  // a reader takes for the end of the record: multi-line comments are written with CRLF line breaks.
  const multiline = (v: string | null) => (v === null ? '' : v.replace(/\r?\n/g, '\r\n'))
  const file = OutputFile.open(target)
  let count = 0
  try {
    // toCsv writes the header first; later pages drop it, so the file has it once.
    const headerLength = (await toCsv(header, [])).length
    let first = true
    for await (const page of iterateResponses(store.db, s.id)) {
      const rows = page.map((r) => {
        const respondent = r.respondent_id === null ? undefined : units.get(r.respondent_id)
        const rated = units.get(r.rated_id)
        return [
          s.code,
          text(r.response_id),
          respondent?.code ?? '',
          respondent?.name ?? '',
          rated?.code ?? String(r.rated_id),
          rated?.name ?? '',
          text(r.accuracy),
          text(r.timeliness),
          text(r.completeness),
          text(r.professionalism),
          text(r.overall),
          text(r.loyalty),
          multiline(r.comment),
          shownInstant(r.submitted_at) ?? '',
          files.get(r.batch_id) ?? '',
          String(r.line),
        ]
      })
      const csv = await toCsv(header, rows, { bom: first && opts.excel === true })
      file.write(first ? csv : csv.slice(headerLength))
      first = false
      count += rows.length
    }
    if (first) file.write(await toCsv(header, [], { bom: opts.excel === true }))
    file.commit()
  } catch (e) {
    file.discard()
    throw e
  }
  await store.write(async (trx) => appendEvent(trx, ctx.event('survey.export', s.code, { file: target, responses: count, excel: opts.excel === true })))
  if (ctx.json) printEntity(ctx, { survey: s.code, file: target, responses: count, excel: opts.excel === true }, [])
  confirm(ctx, `${count} responses of ${s.code} written to ${out}${opts.excel ? ' (with a BOM for Excel)' : ''}`)
}

