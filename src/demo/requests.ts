import type { AppContext } from '../cli/context.js'

/** Placeholder: the demo's requests chapter is being written. */
export async function demoRequests(_ctx: AppContext): Promise<void> {}
