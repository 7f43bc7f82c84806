import type { Command } from 'commander'
import { afterAll, describe, expect, it } from 'vitest'
import { createContext } from '../../src/cli/context.js'
import { examplesOf } from '../../src/cli/help.js'
import { testIO } from '../../src/cli/io.js'
import { createProgram } from '../../src/cli/program.js'
import { COMMAND_GROUPS } from '../../src/commands/registry.js'
import { useLanguage, type Lang } from '../../src/domain/i18n/catalog.js'
import { ENUM_LABELS } from '../../src/domain/i18n/enums.js'

// Every command's help in simplified and traditional Chinese (DESIGN.md §7): a description, option and
// argument help in Chinese, and an example. Command names, flags and the example command lines stay as
// typed; everything else a person reads is Chinese.

function leaves(cmd: Command, prefix: string[] = []): { path: string; cmd: Command }[] {
  const here = [...prefix, cmd.name()]
  if (cmd.commands.length === 0) return [{ path: here.slice(1).join(' '), cmd }]
  return cmd.commands.filter((c) => !(c as unknown as { _hidden: boolean })._hidden).flatMap((c) => leaves(c, here))
}

/**
 * English words left in a help text once what stays as typed is taken out: flags (--json), commands
 * quoted after icm and command names (close, show), config keys, placeholders in capitals (FILE, CODE), file names and extensions, and the names
 * of formats and products a Chinese administrator reads as they are.
 */
function englishWords(text: string, commandNames: ReadonlySet<string>): string[] {
  const kept = text
    .replace(/`[^`]*`/g, ' ')
    .replace(/\b[a-z_]+(\.[a-z_*]+)+/g, ' ') // config keys: sla.*, complaint.plan_days
    .replace(/\b[A-Za-z]+\d\w*/g, ' ') // sha256, utf8
    .replace(/\b[a-z]+(\|[a-z-]+)+/g, ' ') // a value list as typed: auto|long|wide
    .replace(/\b[a-z0-9]+(-[a-z0-9]+)+\b/g, ' ') // names as typed: chinese-days, utf8-bom
    .replace(/"[A-Za-z_]+"/g, ' ') // keys of a mapping file: "labels"
    .replace(/\bicm(\s+[a-z][a-z-]*)*/g, ' ')
    .replace(/--?[a-z][a-z0-9-]*/gi, ' ')
    .replace(/\b[\w.-]+\.(csv|json|xlsx|html|db|sql|svg|txt)\b/gi, ' ')
    .replace(/\b[A-Z][A-Z0-9_-]+\b/g, ' ')
  const allowed = /^(icm|csv|json|xlsx|html|svg|tsv|utf8|gbk|bom|zsh|bash|fish|powershell|SQLite|PostgreSQL|Excel|WeCom|DingTalk|Markdown|Forms|Google|Microsoft|OpenCC|ms|tty|stdin|stdout|stderr|sha256|cron|webhook|url|https?|pg_dump|ISO|table|mermaid|dot|Asia|Shanghai|postgres|Webhook|wecom|dingtalk|feishu|Windows)$/i
  return (kept.match(/[A-Za-z]{3,}/g) ?? []).filter((w) => !allowed.test(w) && !commandNames.has(w) && !VALUES.has(w))
}

const CJK = /[\u4e00-\u9fff]/

/** Values an option takes, as typed (a contract, shown next to their Chinese label): every fixed value, and the free ones. */
const VALUES = new Set([...Object.values(ENUM_LABELS).flatMap((labels) => Object.keys(labels)), 'auto', 'rated', 'respondent', 'tab', 'mdy', 'dmy', 'long', 'wide'])

for (const lang of ['zh-CN', 'zh-TW'] as const satisfies readonly Lang[]) {
  describe(`every command's help in ${lang}`, async () => {
    await useLanguage(lang)
    const program = await createProgram(createContext({ io: testIO(), commands: COMMAND_GROUPS, env: {} }))
    const all = leaves(program)
    const commandNames = new Set(all.flatMap((l) => l.path.split(' ')))
    await useLanguage('en')
    afterAll(() => useLanguage('en'))

    it.each(all.map((l) => [l.path, l.cmd] as const))('%s: a Chinese description, Chinese option help and an example', (_path, cmd) => {
      const texts = [cmd.description(), ...cmd.options.map((o) => o.description), ...cmd.registeredArguments.map((a) => a.description)].filter((d) => d)
      for (const d of texts) {
        expect(d, d).toMatch(CJK)
        expect(englishWords(d, commandNames), d).toEqual([])
      }
      expect(examplesOf(cmd).length).toBeGreaterThan(0)
      expect(cmd.helpInformation()).toMatch(CJK)
    })

    it('every group has a Chinese description', () => {
      for (const group of program.commands.filter((c) => c.commands.length > 0)) expect(group.description()).toMatch(CJK)
    })
  })
}
