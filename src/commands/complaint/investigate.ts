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
import { isChinese, label, t } from '../../domain/i18n/catalog.js'

/** investigate and evidence: the investigation, its team and what it collects. */
export function registerInvestigate(complaint: Command, ctx: AppContext): void {
  example(
    atOption(
      complaint
        .command('investigate')
        .description(t('complaint.investigate.description'))
        .argument('<code>', t('complaint.codeEg'))
        .option('--team <names>', t('complaint.investigate.team'))
        .option('--units <units>', t('complaint.investigate.units')),
      t('complaint.investigate.at'),
    ).action((code: string, opts: InvestigateOptions) => complaintInvestigateRun(ctx, code, opts)),
    'icm complaint investigate CMP-0001 --team 王敏,张伟 --units IT,HR',
  )
  example(
    atOption(
      complaint
        .command('evidence')
        .description(t('complaint.evidence.description'))
        .argument('<code>', t('complaint.code'))
        .option('--kind <kind>', t('complaint.evidence.kind'))
        .option('--note <text>', t('complaint.evidence.note'))
        .option('--file <path>', t('complaint.evidence.file')),
      t('complaint.evidence.at'),
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
  const team = splitList(await requiredText(ctx, opts.team, { flag: '--team', message: t('complaint.investigate.askTeam') }))
  if (team.length === 0) throw new UserError(t('complaint.investigate.noTeam'), t('complaint.investigate.noTeam.hint'))
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
  await printChanged(ctx, row, t('complaint.investigating', { code: row.code, team: team.join(', ') }))
}

export interface EvidenceOptions {
  kind?: string
  note?: string
  file?: string
  at?: string
}

export async function complaintEvidenceRun(ctx: AppContext, code: string, opts: EvidenceOptions): Promise<void> {
  const kind = parseEvidenceKind(await need(ctx, opts.kind, { flag: '--kind', message: t('complaint.evidence.askKind'), choices: EVIDENCE_KINDS }))
  const note = await requiredText(ctx, opts.note, { flag: '--note', message: t('complaint.evidence.askNote') })
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
  const shownKind = isChinese() ? label('evidenceKind', kind) : kind
  confirm(ctx, file ? t('complaint.evidenceAddedFile', { seq: result.seq, kind: shownKind, code: row.code, name: file.name, size: file.size, sha256: file.sha256 }) : t('complaint.evidenceAdded', { seq: result.seq, kind: shownKind, code: row.code }))
}
