import type { AppContext } from './context.js'
import { reportError } from './errors.js'
import { createProgram } from './program.js'

/** Runs one icm command line; returns the exit code and never calls process.exit. */
export async function run(argv: string[], ctx: AppContext): Promise<number> {
  try {
    const program = createProgram(ctx)
    if (argv.length === 0) {
      program.outputHelp()
      return 0
    }
    await program.parseAsync(argv, { from: 'user' })
    return 0
  } catch (e) {
    return reportError(e, ctx.io, Boolean(ctx.env.ICM_DEBUG))
  } finally {
    try {
      await ctx.close()
    } catch (e) {
      reportError(e, ctx.io, Boolean(ctx.env.ICM_DEBUG))
    }
  }
}
