import type { AppContext } from '../cli/context.js'

/** Placeholder: the demo's complaints chapter is being written. */
export async function demoComplaints(_ctx: AppContext): Promise<void> {}
