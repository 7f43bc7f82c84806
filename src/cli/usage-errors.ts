import { t } from '../domain/i18n/catalog.js'

/**
 * commander's usage errors as one line in the interface language (DESIGN.md §5):
 * `icm: unknown command 'reqest' (did you mean request?)`. commander writes
 * "error: unknown command 'reqest'\n(Did you mean request?)"; anything it says that is not known
 * here passes through in its own words.
 */
export function usageErrorLine(text: string): string {
  const [first = '', ...rest] = text.trim().split('\n')
  const suggestion = /\(Did you mean (?:one of )?(.+)\?\)/.exec(rest.join(' '))?.[1]
  const message = translate(first.replace(/^error: /, '').trim())
  const hint = suggestion ? t('cli.usage.didYouMean', { suggestion }) : t('cli.usage.seeHelp')
  return `icm: ${message} (${hint})\n`
}

function translate(message: string): string {
  let m = /^unknown command '(.+)'$/.exec(message)
  if (m) return t('cli.usage.unknownCommand', { name: m[1]! })
  m = /^unknown option '(.+)'$/.exec(message)
  if (m) return t('cli.usage.unknownOption', { option: m[1]! })
  m = /^missing required argument '(.+)'$/.exec(message)
  if (m) return t('cli.usage.missingArgument', { name: m[1]! })
  m = /^option '(.+)' argument missing$/.exec(message)
  if (m) return t('cli.usage.optionArgumentMissing', { option: m[1]! })
  m = /^too many arguments(?: for '(.+)')?\. Expected (\d+) arguments? but got (\d+)\.$/.exec(message)
  if (m) return t('cli.usage.tooManyArguments', { expected: Number(m[2]), got: Number(m[3]) })
  m = /^(.+) cannot be used with (.+)$/.exec(message)
  if (m) return t('cli.usage.conflictingOptions', { a: m[1]!, b: m[2]! })
  return message
}
