import type { AppContext } from '../cli/context.js'
import { calendarAddRun } from '../commands/calendar/index.js'
import { dependencyAddRun } from '../commands/dependency/index.js'
import { linkAddRun } from '../commands/link/index.js'
import { processAddRun, processStepRun } from '../commands/process/index.js'
import { unitAddRun } from '../commands/unit/index.js'
import { demoAssessment } from './assessment.js'
import { demoCollaboration } from './collaboration.js'
import { demoComplaints } from './complaints.js'
import { demoRequests } from './requests.js'
import { demoSurveys } from './surveys.js'
import { DEMO_CALENDAR, DEMO_DEPENDENCIES, DEMO_LINKS, DEMO_PROCESSES, DEMO_UNITS } from './company.js'

/**
 * Fills an empty database with the demo company through the same run functions the commands
 * use, so the demo exercises the real rules. Each issue adds its chapter at the end.
 */
export async function buildDemo(ctx: AppContext): Promise<void> {
  await organisation(ctx)
  await calendar(ctx)
  await customerMap(ctx)
  await demoRequests(ctx)
  await demoComplaints(ctx)
  await demoSurveys(ctx)
  await demoCollaboration(ctx)
  await demoAssessment(ctx)
}

async function organisation(ctx: AppContext): Promise<void> {
  for (const u of DEMO_UNITS) {
    await unitAddRun(ctx, u.code, { name: u.name, kind: u.kind, parent: u.parent, head: u.head, duties: u.duties })
  }
}

async function calendar(ctx: AppContext): Promise<void> {
  for (const d of DEMO_CALENDAR) {
    await calendarAddRun(ctx, d.date, { holiday: d.type === 'holiday', workday: d.type === 'workday', name: d.name })
  }
}

async function customerMap(ctx: AppContext): Promise<void> {
  for (const p of DEMO_PROCESSES) {
    await processAddRun(ctx, p.code, { name: p.name })
    for (const s of p.steps) await processStepRun(ctx, p.code, { unit: s.unit, output: s.output, after: s.after })
  }
  for (const d of DEMO_DEPENDENCIES) await dependencyAddRun(ctx, d)
  for (const l of DEMO_LINKS) await linkAddRun(ctx, l)
}
