import type { Icm } from './runner.js'

/** Self and superior scores of the demo's departments for 2026-H1, and the draft score table. */
const INPUTS: [string, number, number][] = [
  ['HR', 85, 82],
  ['FIN', 88, 86],
  ['IT', 80, 90],
  ['PROD', 78, 75],
  ['SALES', 90, 84],
  ['PUR', 75, 70],
  ['QA', 86, 88],
  ['ADM', 82, 78],
  ['WH', 70, 65],
  ['RD', 84, 80],
]

export async function demoAssessment(icm: Icm): Promise<void> {
  for (const [unit, self, superior] of INPUTS) {
    await icm('assess', 'input', '--period', '2026-H1', '--unit', unit, '--self', String(self), '--superior', String(superior))
  }
  await icm('assess', 'run', '--period', '2026-H1', '--level', 'department')
}
