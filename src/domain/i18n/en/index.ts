import { cli } from './cli.js'

/** Every English message, one module per area (the keys say the area: 'cli.…', 'request.…'). */
export const en = {
  ...cli,
} as const
