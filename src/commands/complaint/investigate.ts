import path from 'node:path'
import type { Command } from 'commander'
import type { AppContext } from '../../cli/context.js'
import { requireFile } from '../../cli/files.js'
import { example } from '../../cli/help.js'
import { requireUnit } from '../../cli/lookups.js'
import { atOption, parseAt, requiredText, splitList } from '../../cli/options.js'
import { confirm, printEntity } from '../../cli/output.js'
import { need } from '../../cli/prompt.js'
import { EVIDENCE_KINDS, parseEvidenceKind } from '../../domain/complaints/complaint-rules.js'
import { UserError } from '../../domain/errors.js'
import { addInvestigationUnits, addTeamMembers, insertEvidence } from '../../storage/complaints-repo.js'
import { hashFile } from '../../storage/file-hash.js'
import { evidenceJson, printChanged, runComplaintStep } from './shared.js'

/** investigate and evidence: the investigation, its team and what it collects. */
export function registerInvestigate(complaint: Command, ctx: AppContext): void {
  example(
    atOption(
      complaint
        .command('investigate')
        .description('Start the investigation with its team (people) and the units taking part')
        .argument('<code>', 'complaint code, e.g. CMP-0001')
        .option('--team <names>', 'investigation team, comma-separated names')
        .option('--units <units>', 'units taking part, comma-separated'),
      'the investigation started',
    ).action((code: string, opts: InvestigateOptions) => complaintInvestigateRun(ctx, code, opts)),
    'icm complaint investigate CMP-0001 --team 王敏,张伟 --units IT,HR',
  )
  example(
    atOption(
      complaint
        .command('evidence')
        .description("Record evidence; a file's name, size and sha256 are kept so later tampering shows")
        .argument('<code>', 'complaint code')
        .option('--kind <kind>', 'document, interview or site_visit')
        .option('--note <text>', 'what it shows')
        .option('--file <path>', 'a file to fingerprint (the file itself is not copied)'),
      'it was collected',
    ).action((code: string, opts: EvidenceOptions) => complaintEvidenceRun(ctx, code, opts)),
    'icm complaint evidence CMP-0001 --kind document --note "宕机时段的服务器日志" --file logs/attendance-0302.log',
  )
}

export interface InvestigateOptions {
  team?: string
  units?: string
  at?: string
}

export async function complaintInvestigateRun(ctx: AppContext, code: string, opts: InvestigateOptions): Promise<void> {
  const team = splitList(await requiredText(ctx, opts.team, { flag: '--team', message: 'Investigation team (comma-separated names)' }))
  if (team.length === 0) throw new UserError('--team names nobody', 'give one or more names, e.g. --team 王敏,张伟')
  const unitRefs = splitList(opts.units)
  const at = parseAt(ctx, opts.at)
  const { row } = await runComplaintStep(ctx, code, {
    kind: { action: 'investigate' },
    step: 'investigate',
    event: 'investigate',
    at,
    prepare: async (trx, c) => {
      const units = []
      for (const ref of unitRefs) units.push(await requireUnit(trx, ref))
      await addTeamMembers(trx, c.id, team)
      await addInvestigationUnits(trx, c.id, units.map((u) => u.id))
      return { step: { action: 'investigate' }, details: { team, units: units.map((u) => u.code) }, result: undefined }
    },
  })
  await printChanged(ctx, row, `${row.code} under investigation by ${team.join(', ')}`)
}

export interface EvidenceOptions {
  kind?: string
  note?: string
  file?: string
  at?: string
}

export async function complaintEvidenceRun(ctx: AppContext, code: string, opts: EvidenceOptions): Promise<void> {
  const kind = parseEvidenceKind(await need(ctx, opts.kind, { flag: '--kind', message: 'Kind of evidence', choices: EVIDENCE_KINDS }))
  const note = await requiredText(ctx, opts.note, { flag: '--note', message: 'What it shows' })
  const full = opts.file === undefined ? null : requireFile(ctx, opts.file)
  const file = full === null ? null : { name: path.basename(full), ...hashFile(full) }
  const at = parseAt(ctx, opts.at)
  const { row, result } = await runComplaintStep(ctx, code, {
    kind: { action: 'evidence' },
    step: 'evidence',
    event: 'evidence',
    at,
    prepare: async (trx, c) => {
      const e = await insertEvidence(trx, { complaintId: c.id, kind, note, file, at, actor: ctx.actor })
      return { step: { action: 'evidence' }, details: { seq: e.seq, kind, note, ...(file ? { file } : {}) }, result: e }
    },
  })
  const json = evidenceJson(row.code, result)
  if (ctx.json) printEntity(ctx, json, [])
  confirm(ctx, `evidence #${result.seq} (${kind}) added to ${row.code}${file ? `: ${file.name}, ${file.size} bytes, sha256 ${file.sha256}` : ''}`)
}
