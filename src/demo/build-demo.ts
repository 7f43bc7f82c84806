import { demoAssessment } from './assessment.js'
import { demoCollaboration } from './collaboration.js'
import { demoComplaints } from './complaints.js'
import { DEMO_DEPENDENCIES, DEMO_LINKS, DEMO_PROCESSES, DEMO_UNITS } from './company.js'
import { demoRequests } from './requests.js'
import { opt, type Icm } from './runner.js'
import { demoSurveys } from './surveys.js'

/**
 * Fills an empty database with the demo company through icm command lines, so the demo
 * exercises the real commands and rules. Each chapter of the policy adds its part at the end.
 */
export async function buildDemo(icm: Icm): Promise<void> {
  await organisation(icm)
  await calendar(icm)
  await customerMap(icm)
  await demoRequests(icm)
  await demoComplaints(icm)
  await demoSurveys(icm)
  await demoCollaboration(icm)
  await demoAssessment(icm)
}

async function organisation(icm: Icm): Promise<void> {
  for (const u of DEMO_UNITS) {
    await icm('unit', 'add', u.code, '--name', u.name, '--kind', u.kind, ...opt('--parent', u.parent), ...opt('--head', u.head), ...opt('--duties', u.duties))
  }
}

async function calendar(icm: Icm): Promise<void> {
  await icm('calendar', 'load', 'cn', '2026')
}

async function customerMap(icm: Icm): Promise<void> {
  for (const p of DEMO_PROCESSES) {
    await icm('process', 'add', p.code, '--name', p.name)
    for (const s of p.steps) await icm('process', 'step', p.code, '--unit', s.unit, '--output', s.output, ...opt('--after', s.after))
  }
  for (const d of DEMO_DEPENDENCIES) await icm('dependency', 'add', '--customer', d.customer, '--supplier', d.supplier, '--support', d.support)
  for (const l of DEMO_LINKS) await icm('link', 'add', '--supplier', l.supplier, '--customer', l.customer, '--provides', l.provides)
}
