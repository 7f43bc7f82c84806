import { cli } from './cli.js'
import { common } from './common.js'
import { today } from './today.js'

/** Every English message, one module per area (the keys say the area: 'cli.…', 'request.…'). */
export const en = {
  ...cli,
  ...common,
  ...today,
} as const
