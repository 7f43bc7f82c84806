import type { Kysely } from 'kysely'
import type { AppContext } from '../../cli/context.js'
import { explainLines } from '../../domain/assessment/explain.js'
import { componentMedians, requestFigures, trendTables, unitTrend, type TrendTable } from '../../domain/assessment/report-figures.js'
import { checkIntact, type ScoreRow, type ScoreTable } from '../../domain/assessment/score-table.js'
import { formatInstant, localDate } from '../../domain/calendar/dates.js'
import { boundsOf, periodEnd, type Period } from '../../domain/calendar/period.js'
import { complaintFacts } from '../../domain/complaints/complaint.js'
import { complaintStats } from '../../domain/complaints/complaint-rules.js'
import { language, label } from '../../domain/i18n/catalog.js'
import { effectiveValue } from '../../domain/policy/config.js'
import { unitSurveyResult } from '../../domain/surveys/survey.js'
import { listActions } from '../../storage/actions-repo.js'
import { listRowDetails, listScoreTables, readScoreRows } from '../../storage/assessments-repo.js'
import { listComplaints } from '../../storage/complaints-repo.js'
import { loadConfigValues, loadPolicy } from '../../storage/config-repo.js'
import type { DB } from '../../storage/schema.js'
import { listSurveys, surveyScoreSums } from '../../storage/surveys-repo.js'
import { listUnits } from '../../storage/units-repo.js'
import type { AnnualReportModel, AssessReportModel, PeriodContext } from './report/model.js'
import type { AnnualTable } from './tables.js'

/** Reads everything the period's report shows (the table already read and checked by the caller). */
export async function assessReportModel(ctx: AppContext, db: Kysely<DB>, period: Period, table: ScoreTable, rows: readonly ScoreRow[]): Promise<AssessReportModel> {
  const now = ctx.now()
  const details = await listRowDetails(db, table.period)
  const ranked = rows.filter((r) => r.rank !== null).length
  const explanations = new Map<number, string[]>()
  for (const r of rows) {
    const d = details.get(r.unitId)
    if (d) explanations.set(r.unitId, explainLines(r, d, table.policy, r.rank === null ? 'no rank' : `rank ${r.rank} of ${ranked}`))
  }
  const trendOf = await trendData(db, table, rows)
  const trends = new Map(rows.map((r) => [r.unitId, unitTrend(trendOf, r.unitId)]))
  const codes = new Map(rows.map((r) => [r.unitId, r.code]))
  const context = await periodContext(db, period, [...details].map(([id, d]) => ({ unit: codes.get(id) ?? String(id), details: d })), localDate(now))
  return {
    lang: language(),
    org: await orgName(db),
    table,
    state: table.state === 'final' ? 'final' : periodEnd(period) > now ? 'provisional' : 'draft',
    rows,
    details,
    medians: componentMedians(rows),
    trends,
    explanations,
    context,
    writtenAt: formatInstant(now),
    computedAt: formatInstant(table.computedAt),
    finalizedAt: table.finalizedAt === null ? null : formatInstant(table.finalizedAt),
    levelLabel: label('level', table.level),
  }
}

/** The year's annual table as the report shows it. */
export async function annualReportModel(ctx: AppContext, db: Kysely<DB>, annual: AnnualTable): Promise<AnnualReportModel> {
  return { lang: language(), org: await orgName(db), year: annual.year, finals: annual.finals, policy: annual.policy, rows: annual.rows, writtenAt: formatInstant(ctx.now()) }
}

async function orgName(db: Kysely<DB>): Promise<string | null> {
  return effectiveValue(await loadConfigValues(db), 'org.name')
}

/** The last four tables of the period's kind up to it (each final one checked against its hash). */
async function trendData(db: Kysely<DB>, table: ScoreTable, rows: readonly ScoreRow[]): Promise<TrendTable[]> {
  const tables = trendTables(await listScoreTables(db), table.period)
  const out: TrendTable[] = []
  for (const t of tables) {
    if (t.period === table.period) {
      out.push({ period: t.period, state: table.state, rows })
      continue
    }
    const read = await readScoreRows(db, t)
    checkIntact(t, read.hash)
    out.push({ period: t.period, state: t.state, rows: read.rows })
  }
  return out
}

async function periodContext(db: Kysely<DB>, period: Period, unitDetails: Parameters<typeof requestFigures>[0], today: string): Promise<PeriodContext> {
  const bounds = boundsOf(period)
  const units = await listUnits(db, { includeInactive: true })
  const byId = new Map(units.map((u) => [u.id, u]))
  const code = (id: number) => byId.get(id)?.code ?? String(id)
  const complaints = await listComplaints(db, { receivedIn: bounds })
  const stats = complaintStats(complaints.map((c) => ({ ...complaintFacts(c), against: code(c.againstId), rootCause: c.rootCause?.category ?? null })))
  const policy = await loadPolicy(db)
  const surveys = (await listSurveys(db)).filter((s) => s.period_start >= bounds.startDate && s.period_end <= bounds.endDate)
  const surveyLines = []
  for (const s of surveys) {
    const sums = await surveyScoreSums(db, s.id, 'rated')
    const unitLines = sums
      .map((t) => {
        const r = unitSurveyResult(t, policy.minResponses)
        const u = byId.get(t.unitId)
        return { unit: u?.code ?? String(t.unitId), name: u?.name ?? '', responses: r.responses, satisfaction: r.satisfaction, lowest: r.lowestDimension }
      })
      .sort((a, b) => (a.unit < b.unit ? -1 : a.unit > b.unit ? 1 : 0))
    surveyLines.push({ code: s.code, kind: s.kind, period: s.period, responses: s.responses, units: unitLines })
  }
  const open = await listActions(db, { status: 'open' })
  const actionList = open.map((a) => ({ code: a.code, owner: code(a.owner_id), due: a.due, overdue: a.due < today, description: a.description }))
  return {
    requests: requestFigures(unitDetails),
    complaints: {
      ...stats,
      received: complaints.length,
      verified: stats.units.reduce((n, u) => n + u.verified, 0),
      byDeadline: stats.units.reduce((n, u) => n + u.resolvedByDeadline, 0),
    },
    surveys: surveyLines,
    actions: { open: actionList.length, overdue: actionList.filter((a) => a.overdue).length, list: actionList },
  }
}
