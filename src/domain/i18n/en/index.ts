import { cli } from './cli.js'
import { common } from './common.js'
import { files } from './files.js'

/** Every English message, one module per area (the keys say the area: 'cli.…', 'request.…'). */
export const en = {
  ...cli,
  ...common,
  ...files,
} as const
