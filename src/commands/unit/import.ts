import type { Command } from 'commander'
import type { AppContext } from '../../cli/context.js'
import { readCsvFile } from '../../cli/files.js'
import { example } from '../../cli/help.js'
import { confirm, printEntity } from '../../cli/output.js'
import { describeBadLines } from '../../domain/bad-lines.js'
import { ExitCode, UserError, errorWithCode } from '../../domain/errors.js'
import { excerpt } from '../../domain/excerpt.js'
import { UNIT_IMPORT_HEADERS, planUnitImport, type ImportProblem, type UnitImportRow } from '../../domain/org/unit-import.js'
import type { UnitKind } from '../../domain/org/unit.js'
import { appendEvent } from '../../storage/events-repo.js'
import { insertUnit, listUnits, updateUnit } from '../../storage/units-repo.js'
import { counted } from '../../domain/counting.js'

export function registerImport(unit: Command, ctx: AppContext): void {
  example(
    unit
      .command('import')
      .description('Import units from CSV (code,name,kind,parent,head,duties), all or nothing')
      .argument('<file>', 'CSV file with a header line (- reads stdin)')
      .action((file: string) => unitImportRun(ctx, file)),
    'icm unit import org.csv',
  )
}

/** Adds every unit of a CSV file, parents wherever they stand in it; one bad line and nothing is imported. */
export async function unitImportRun(ctx: AppContext, file: string): Promise<void> {
  const { shown, header, rows } = readCsvFile(ctx, file)
  const fields = header.map((h) => UNIT_IMPORT_HEADERS[h.replace(/^\uFEFF/, '').trim().toLowerCase()])
  for (const need of ['code', 'name', 'kind'] as const) {
    if (!fields.includes(need)) {
      throw new UserError(`${shown}: no '${need}' column (its header: ${excerpt(header.join(','))})`, 'the header must name code,name,kind and may add parent,head,duties')
    }
  }
  const ignored = header.filter((_, i) => fields[i] === undefined)
  // A row cut short or malformed is a bad line whatever its cells say (DESIGN.md §8).
  const shapeProblems: ImportProblem[] = rows.flatMap((r) => (r.problem === undefined ? [] : [{ line: r.line, reason: r.problem, exitCode: ExitCode.invalid }]))
  const input: UnitImportRow[] = rows
    .filter((r) => r.problem === undefined)
    .map(({ line, cells }) => {
      const r: UnitImportRow = { line, code: '', name: '', kind: '', parent: '', head: '', duties: '' }
      fields.forEach((f, i) => {
        if (f) r[f] = cells[i] ?? ''
      })
      return r
    })
  if (rows.length === 0) throw new UserError(`${shown} has a header but no units`)
  const store = await ctx.store()
  const result = await store.write(async (trx) => {
    const existing = await listUnits(trx, { includeInactive: true })
    const plan = planUnitImport(input, new Map(existing.map((u) => [u.code.toUpperCase(), { code: u.code, kind: u.kind as UnitKind }])))
    const problems = [...shapeProblems, ...plan.problems].sort((a, b) => a.line - b.line)
    const first = problems[0]
    if (first) {
      throw errorWithCode(first.exitCode, `${shown} ${describeBadLines(first, problems.length)}; nothing imported`, 'fix the file and import it again')
    }
    const now = ctx.now()
    const ids = new Map(existing.map((u) => [u.code.toUpperCase(), u.id]))
    for (const u of plan.units) {
      const row = await insertUnit(trx, { code: u.code, name: u.name, kind: u.kind, parentId: null, head: u.head, duties: u.duties }, now)
      ids.set(u.code.toUpperCase(), row.id)
    }
    for (const u of plan.units) {
      if (u.parent) await updateUnit(trx, ids.get(u.code.toUpperCase())!, { parentId: ids.get(u.parent.toUpperCase())! })
    }
    await appendEvent(trx, ctx.event('unit.import', null, { file: shown, units: plan.units.map((u) => u.code) }))
    return plan.units
  })
  const summary = { file: shown, imported: result.length, units: result.map((u) => u.code), ignoredColumns: ignored }
  if (ctx.json) printEntity(ctx, summary, [])
  if (ignored.length > 0) ctx.io.err(`icm: ignored columns: ${excerpt(ignored.join(', '))}\n`)
  confirm(ctx, `${counted(result.length, 'unit')} imported from ${shown}`)
}
