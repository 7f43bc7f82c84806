import type { AppContext } from '../../cli/context.js'
import { printJson, printRows, printText } from '../../cli/output.js'
import { delimiterName } from '../../domain/surveys/csv-dialect.js'
import { displayHeader, mappedColumns, type HeaderMapping } from '../../domain/surveys/header-aliases.js'
import { describeKeywordMatch } from '../../domain/surveys/header-choices.js'
import { fieldName } from '../../domain/surveys/header-keywords.js'
import { encodingDisplayName } from '../../domain/surveys/text-encoding.js'
import type { SurveyFileHead } from '../../storage/survey-import/import.js'
import type { WideLayout } from '../../domain/surveys/wide-layout.js'
import { printWideMapping, wideMappingJson } from './import-wide.js'
import { isChinese, t } from '../../domain/i18n/catalog.js'
import { shownNote } from '../../domain/surveys/survey-notes.js'

/** `survey import --show-mapping`: how the file is read and which column feeds which field; nothing is imported. */
export async function printMapping(ctx: AppContext, survey: string, shown: string, head: SurveyFileHead, mapping: HeaderMapping, wide?: WideLayout): Promise<void> {
  const columns = mappedColumns(head.headers, mapping)
  // a workbook has cells, not a delimiter
  const delimiter = head.sheet === undefined ? delimiterName(head.delimiter) : null
  const json = {
    survey,
    file: shown,
    encoding: encodingDisplayName(head.encoding),
    encodingReason: head.encodingReason,
    delimiter,
    headerLine: head.headerLine,
    mapping: columns,
    ignoredColumns: mapping.ignored,
    notes: mapping.warnings,
    conversions: mapping.reading?.conversions ?? [],
    matchedByKeywords: keywordMatchesJson(head.headers, mapping),
    ...(wide ? { layout: 'wide', wide: wideMappingJson(head.headers, wide) } : {}),
  }
  if (ctx.json) {
    printJson(ctx, json)
    return
  }
  const term = ctx.io.stdoutIsTTY && !ctx.csv && isChinese()
  const reason = shownNote(head.encodingReason)
  if (delimiter === null) printText(ctx, t('survey.mapping.lineWorkbook', { file: shown, encoding: json.encoding, reason, line: head.headerLine }))
  else printText(ctx, t('survey.mapping.line', { file: shown, encoding: json.encoding, reason, delimiter: shownDelimiter(delimiter), line: head.headerLine }))
  await printRows(ctx, columns, [
    // a Chinese terminal names each field, with the key a mapping file uses
    { header: 'field', title: t('survey.col.field'), value: (c) => (term ? `${fieldName(c.field)} (${c.field})` : c.field) },
    { header: 'column', title: t('survey.col.column'), value: (c) => c.column, align: 'right' },
    { header: 'header', title: t('survey.col.header'), value: (c) => c.header },
  ])
  if (wide) await printWideMapping(ctx, head.headers, wide)
  for (const m of mapping.matched ?? []) printText(ctx, t('survey.mapping.matched', { match: describeKeywordMatch(head.headers, m) }))
  printText(ctx, t('survey.mapping.ignored', { columns: ignoredText(mapping) }))
  for (const c of json.conversions) printText(ctx, t('survey.mapping.conversion', { text: shownNote(c) }))
  printNotes(ctx, mapping)
}

/** A delimiter in words: its name in English (as --json says it), in the interface language on a Chinese terminal. */
export function shownDelimiter(name: string): string {
  return isChinese() && (name === 'comma' || name === 'tab' || name === 'semicolon') ? t(`survey.delimiter.${name}`) : name
}

/** The fields found by keywords, for --json: field, 1-based column, header, keywords. */
export function keywordMatchesJson(headers: readonly string[], mapping: HeaderMapping): { field: string; column: number; header: string; keywords: string[] }[] {
  return (mapping.matched ?? []).map((m) => ({ field: m.field, column: m.column + 1, header: displayHeader(headers, m.column), keywords: m.keywords }))
}

/** The ignored columns in a line, or (none). */
export function ignoredText(mapping: HeaderMapping): string {
  return mapping.ignored.length > 0 ? mapping.ignored.join(', ') : t('survey.mapping.none')
}

/** The mapping's notes (a missing optional column, look-alike characters) on stderr. */
export function printNotes(ctx: AppContext, mapping: HeaderMapping): void {
  for (const w of mapping.warnings) ctx.io.err(`icm: ${t('survey.note', { text: shownNote(w) })}\n`)
}
