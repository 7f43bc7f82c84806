import { cli } from './cli.js'
import { common } from './common.js'
import { unit } from './unit.js'
import { process } from './process.js'
import { service } from './service.js'
import { action } from './action.js'
import { audit } from './audit.js'
import { report } from './report.js'
import { admin } from './admin.js'
import { demo } from './demo.js'

/** Every English message, one module per area (the keys say the area: 'cli.…', 'request.…'). */
export const en = {
  ...cli,
  ...common,
  ...unit,
  ...process,
  ...service,
  ...action,
  ...audit,
  ...report,
  ...admin,
  ...demo,
} as const
