import { cli } from './cli.js'
import { common } from './common.js'
import { htmlReport } from './html-report.js'

/** Every English message, one module per area (the keys say the area: 'cli.…', 'request.…'). */
export const en = {
  ...cli,
  ...common,
  ...htmlReport,
} as const
