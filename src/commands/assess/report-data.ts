import type { Kysely } from 'kysely'
import type { AppContext } from '../../cli/context.js'
import type { UnitDetails } from '../../domain/assessment/assessment.js'
import { explainLines, rankText } from '../../domain/assessment/explain.js'
import { componentMedians, requestFigures, trendTables, unitTrend, type TrendTable } from '../../domain/assessment/report-figures.js'
import { checkIntact, type ScoreRow, type ScoreTable } from '../../domain/assessment/score-table.js'
import { formatInstant, localDate } from '../../domain/calendar/dates.js'
import { boundsOf, periodEnd, type Period } from '../../domain/calendar/period.js'
import { language, label, t } from '../../domain/i18n/catalog.js'
import { effectiveValue } from '../../domain/policy/config.js'
import { unitSurveyResult } from '../../domain/surveys/survey.js'
import { listActions } from '../../storage/actions-repo.js'
import { listRowDetails, listScoreTables, readScoreRows } from '../../storage/assessments-repo.js'
import { rootCauseCounts } from '../../storage/complaints-repo.js'
import { loadConfigValues, loadPolicy } from '../../storage/config-repo.js'
import type { DB } from '../../storage/schema.js'
import { listSurveysWithin, surveyScoreSums } from '../../storage/surveys-repo.js'
import { listUnits } from '../../storage/units-repo.js'
import type { AnnualReportModel, AssessReportModel, PeriodContext } from './report/model.js'
import type { AnnualTable } from './tables.js'

/** Items of each list (late requests, complaints, projects) an explanation in the report shows. */
const EXPLAIN_ITEMS = 10

/** Reads everything the period's report shows (the table already read and checked by the caller). */
export async function assessReportModel(ctx: AppContext, db: Kysely<DB>, period: Period, table: ScoreTable, rows: readonly ScoreRow[]): Promise<AssessReportModel> {
  const now = ctx.now()
  const details = await listRowDetails(db, table.period)
  const ranked = rows.filter((r) => r.rank !== null).length
  const explanations = new Map<number, string[]>()
  for (const r of rows) {
    const d = details.get(r.unitId)
    if (!d) continue
    const more = (n: number) => t('htmlReport.moreItems', { n, command: `icm assess explain --period ${table.period} --unit ${r.code}` })
    explanations.set(r.unitId, explainLines(r, d, table.policy, rankText(r.rank, ranked), { limit: EXPLAIN_ITEMS, more }))
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

async function periodContext(db: Kysely<DB>, period: Period, unitDetails: readonly { unit: string; details: UnitDetails }[], today: string): Promise<PeriodContext> {
  const bounds = boundsOf(period)
  const units = await listUnits(db, { includeInactive: true })
  const byId = new Map(units.map((u) => [u.id, u]))
  const code = (id: number) => byId.get(id)?.code ?? String(id)
  // complaints as the table counted them (each row's details), root causes from the complaints themselves
  const complained = unitDetails.filter((u) => u.details.H.complaints.length > 0)
  const all = complained.flatMap((u) => u.details.H.complaints)
  const causes = await rootCauseCounts(db, bounds)
  const policy = await loadPolicy(db)
  const surveyLines = []
  for (const s of await listSurveysWithin(db, bounds.startDate, bounds.endDate)) {
    const unitLines = (await surveyScoreSums(db, s.id, 'rated'))
      .map((t) => {
        const r = unitSurveyResult(t, policy.minResponses)
        const u = byId.get(t.unitId)
        return { unit: u?.code ?? String(t.unitId), name: u?.name ?? '', responses: r.responses, satisfaction: r.satisfaction, lowest: r.lowestDimension }
      })
      .sort((a, b) => (a.unit < b.unit ? -1 : a.unit > b.unit ? 1 : 0))
    surveyLines.push({ code: s.code, kind: s.kind, period: s.period, responses: unitLines.reduce((n, u) => n + u.responses, 0), units: unitLines })
  }
  const open = await listActions(db, { status: 'open' })
  const actionList = open.map((a) => ({ code: a.code, owner: code(a.owner_id), due: a.due, overdue: a.due < today, description: a.description }))
  return {
    requests: requestFigures(unitDetails),
    complaints: {
      received: all.length,
      verified: all.filter((k) => k.verifiedOn !== null).length,
      byDeadline: all.filter((k) => k.resolvedByDeadline).length,
      withoutRootCause: causes.find((c) => c.category === null)?.count ?? 0,
      units: complained.map((u) => ({ unit: u.unit, received: u.details.H.complaints.length, resolvedByDeadline: u.details.H.complaints.filter((k) => k.resolvedByDeadline).length })),
      rootCauses: causes.filter((c): c is { category: string; count: number } => c.category !== null).sort((a, b) => b.count - a.count || (a.category < b.category ? -1 : 1)),
    },
    surveys: surveyLines,
    actions: { open: actionList.length, overdue: actionList.filter((a) => a.overdue).length, list: actionList },
  }
}
