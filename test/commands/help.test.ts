import type { Command } from 'commander'
import { describe, expect, it } from 'vitest'
import { createContext } from '../../src/cli/context.js'
import { testIO } from '../../src/cli/io.js'
import { createProgram } from '../../src/cli/program.js'
import { cli } from '../helpers/harness.js'
import { examplesOf } from '../../src/cli/help.js'
import { COMMAND_GROUPS } from '../../src/commands/registry.js'

function leaves(cmd: Command, prefix: string[] = []): { path: string; cmd: Command }[] {
  const here = [...prefix, cmd.name()]
  if (cmd.commands.length === 0) return [{ path: here.slice(1).join(' '), cmd }]
  return cmd.commands.filter((c) => !(c as unknown as { _hidden: boolean })._hidden).flatMap((c) => leaves(c, here))
}

const program = await createProgram(createContext({ io: testIO(), commands: COMMAND_GROUPS, env: {} }))

describe('the command tree', () => {
  const all = leaves(program)

  it('has the commands of the foundation issue', () => {
    const paths = all.map((l) => l.path)
    for (const p of [
      'init', 'demo', 'backup', 'log',
      'unit add', 'unit list', 'unit show', 'unit update', 'unit deactivate', 'unit import',
      'process add', 'process step', 'process list', 'process show',
      'dependency add', 'dependency list', 'link add', 'link list',
      'customer map', 'customer of', 'customer suppliers-of',
      'config list', 'config get', 'config set',
      'calendar add', 'calendar list', 'calendar import',
    ]) expect(paths).toContain(p)
  })

  it.each(all.map((l) => [l.path, l.cmd] as const))('%s has a description and an example that starts with icm', (_path, cmd) => {
    expect(cmd.description().length).toBeGreaterThan(10)
    const examples = examplesOf(cmd)
    expect(examples.length).toBeGreaterThan(0)
    for (const e of examples) expect(e).toMatch(/^icm /)
  })

  it('every group has a description', () => {
    for (const group of program.commands.filter((c) => c.commands.length > 0)) expect(group.description()).not.toBe('')
  })
})

describe('help and version', () => {
  it('prints the version and exits 0', async () => {
    const r = await cli().run(['--version'])
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(/^\d+\.\d+\.\d+\n$/)
  })

  it('prints help with the example for a command', async () => {
    const r = await cli().run(['unit', 'add', '--help'])
    expect(r.code).toBe(0)
    expect(r.stdout).toContain('Usage: icm unit add [options] <code>')
    expect(r.stdout).toContain('Examples:\n  icm unit add IT --name 信息技术部')
  })

  it('refuses an unknown command with exit 2 and a suggestion', async () => {
    const r = await cli().run(['unti', 'list'])
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/^icm: unknown command 'unti'/)
    expect(r.stderr).toContain('unit')
  })

  it('shows the group help with exit 2 when a group is called without a command', async () => {
    const r = await cli().run(['unit'])
    expect(r.code).toBe(2)
    expect(r.stderr + r.stdout).toContain('Usage: icm unit')
  })
})
