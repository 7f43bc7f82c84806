import type { Command } from 'commander'
import type { AppContext } from '../cli/context.js'

/** Placeholder: the survey command group is being written. */
export function registerSurvey(_program: Command, _ctx: AppContext): void {}
