import { useLanguage } from '../domain/i18n/catalog.js'
import { withoutPassword } from '../storage/location.js'
import { nestedContext, type AppContext } from './context.js'
import { langArgument, languageOfLocale, parseLang } from './language.js'
import { reportError } from './errors.js'
import { createProgram } from './program.js'

/** Runs one icm command line; returns the exit code and never calls process.exit. */
export async function run(argv: string[], ctx: AppContext): Promise<number> {
  ctx.runCommand = (nested, io) => run([...nested], nestedContext(ctx, io))
  try {
    await useLanguage(ctx.language ?? languageOfLocale(ctx.env))
    const given = langArgument(argv)
    if (given !== undefined) {
      ctx.language = parseLang(given)
      await useLanguage(ctx.language)
    }
    const program = await createProgram(ctx, argv)
    if (argv.length === 0) {
      program.outputHelp()
      return 0
    }
    await program.parseAsync(argv, { from: 'user' })
    return 0
  } catch (e) {
    return reportError(e, ctx.io, Boolean(ctx.env.ICM_DEBUG), shownLocation(ctx))
  } finally {
    try {
      await ctx.close()
    } catch (e) {
      reportError(e, ctx.io, Boolean(ctx.env.ICM_DEBUG), shownLocation(ctx))
    }
  }
}

/** The database as messages may name it: a server URL without its password. */
function shownLocation(ctx: AppContext): string | undefined {
  try {
    return withoutPassword(ctx.dbLocation())
  } catch {
    return undefined
  }
}
