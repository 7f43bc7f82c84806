import type { AppContext } from '../../cli/context.js'
import { checkOutputPath, writeOutputFile } from '../../cli/output-file.js'
import { ambiguityError, choicesFor, mappingJson } from '../../domain/surveys/header-choices.js'
import { mapHeaders, type HeaderMapping, type MappingFile } from '../../domain/surveys/header-aliases.js'
import { fieldName } from '../../domain/surveys/header-keywords.js'
import { t } from '../../domain/i18n/catalog.js'

/**
 * The mapping of a file's headers, never guessed silently (DESIGN.md §5): a field whose header
 * is not clear (a tie, or only a weak keyword match) is asked on a terminal with a select list,
 * best guess first, and the answers can be saved as a mapping file; without a terminal, or with
 * --no-input, it is an exit-3 error naming the field, the candidates and the --map JSON.
 * Returns the mapping and the mapping file it amounts to (the given one plus the answers).
 */
export async function settleMapping(
  ctx: AppContext,
  headers: readonly string[],
  map: MappingFile | undefined,
  inputs: readonly string[],
  wide?: ReadonlySet<number>,
): Promise<{ mapping: HeaderMapping; map: MappingFile | undefined }> {
  const first = mapHeaders(headers, map, { wide })
  if (!first.ambiguous || first.ambiguous.length === 0) return { mapping: first, map }
  if (!ctx.canPrompt) throw ambiguityError(headers, first, map)
  const columns = { ...(map?.columns ?? {}) }
  for (const a of first.ambiguous) {
    const choices = choicesFor(headers, a)
    const label = await ctx.io.prompter.select({ message: t('survey.import.whichColumn', { field: fieldName(a.field) }), choices: choices.map((c) => c.label) })
    columns[a.field] = choices.find((c) => c.label === label)!.column + 1
  }
  const chosen: MappingFile = { ...(map ?? { labels: {} }), columns }
  const mapping = mapHeaders(headers, chosen, { wide })
  if (await ctx.io.prompter.confirm({ message: t('survey.import.saveMapping'), default: false })) {
    const file = await ctx.io.prompter.input({ message: t('survey.import.askMappingFile'), validate: (v) => (v.trim() === '' ? t('survey.import.giveFileName') : true) })
    const out = await checkOutputPath(ctx, file.trim(), { flag: t('survey.import.mappingFileWhat'), inputs })
    if (out) {
      writeOutputFile(out, `${JSON.stringify(mappingJson(headers, mapping.columns, chosen), null, 2)}\n`)
      ctx.io.err(`icm: ${t('survey.import.mappingSaved', { file: file.trim() })}\n`)
    }
  }
  return { mapping, map: chosen }
}
