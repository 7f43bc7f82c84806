import type { Command } from 'commander'
import type { AppContext } from '../../cli/context.js'
import { registerNotify } from './notify.js'
import { registerToday } from './today.js'

/** Daily supervision (policy 8.一.2): what needs attention today, and its push to group robots. */
export function registerTodayGroup(program: Command, ctx: AppContext): void {
  registerToday(program, ctx)
  registerNotify(program, ctx)
}
