import type { AppContext } from '../cli/context.js'

/** Placeholder: the demo's collaboration chapter is being written. */
export async function demoCollaboration(_ctx: AppContext): Promise<void> {}
