import type { AppContext } from '../cli/context.js'

/** Placeholder: the demo's surveys chapter is being written. */
export async function demoSurveys(_ctx: AppContext): Promise<void> {}
