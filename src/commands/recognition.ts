import type { Command } from 'commander'
import type { AppContext } from '../cli/context.js'

/** Placeholder: the recognition command group is being written. */
export function registerRecognition(_program: Command, _ctx: AppContext): void {}
