import { spawnSync } from 'node:child_process'
import path from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { BACKEND, ROOT, cli, spawnIcm, tempDir, childEnv } from '../helpers/harness.js'

/**
 * Shell completion: the bash script `icm completion bash` prints, sourced in a bash subprocess and
 * driven through COMP_WORDS/COMP_CWORD as bash does on TAB; codes come from the database.
 */
const ICM = path.join(ROOT, 'dist', 'icm.js')
const haveBash = spawnSync('bash', ['--version']).status === 0

describe.skipIf(!haveBash || BACKEND === 'postgres')('icm completion bash', () => {
  let dir: string
  let db: string
  let script: string
  beforeAll(async () => {
    const t = cli({ dir: tempDir() })
    dir = t.dir
    db = t.db
    for (const [code, name] of [['IT', '信息技术部'], ['IT-HD', 'IT服务台'], ['HR', '人力资源部']]) {
      await t.ok(['unit', 'add', code!, '--name', name!, '--kind', code === 'IT-HD' ? 'position' : 'department', ...(code === 'IT-HD' ? ['--parent', 'IT'] : [])])
    }
    await t.ok(['request', 'log', '--from', 'HR', '--to', 'IT', '--title', '报表', '--at', '2026-06-01T10:00'])
    const r = await spawnIcm(['completion', 'bash'], { cwd: dir })
    expect(r.code).toBe(0)
    script = r.stdout
  })

  const complete = (...words: string[]): string[] => {
    const driver = `${script}
_ICM_COMMAND="node ${ICM}"
COMP_WORDS=(${words.map((w) => `'${w}'`).join(' ')})
COMP_CWORD=${words.length - 1}
_icm
printf '%s\\n' "\${COMPREPLY[@]}"`
    const r = spawnSync('bash', ['--norc', '--noprofile', '-c', driver], { cwd: dir, encoding: 'utf8', env: childEnv({ ICM_DB: db }) })
    expect(r.stderr).toBe('')
    return r.stdout.split('\n').filter((l) => l !== '')
  }

  it.each([
    [['icm', 'req'], ['request']],
    [['icm', 'request', 'lo'], ['log']],
    [['icm', 'request', 'log', '--ch'], ['--channel']],
    [['icm', 'request', 'log', '--channel', ''], ['meeting', 'mailbox', 'hotline', 'online', 'survey', 'research']],
    [['icm', 'unit', 'list', '--kind', 'd'], ['department']],
    [['icm', 'request', 'log', '--from', 'I'], ['IT', 'IT-HD']],
    [['icm', 'request', 'show', 'REQ'], ['REQ-0001']],
    [['icm', '--db', 'icm.db', 'customer', 'of', 'H'], ['HR']],
    [['icm', 'assess', 'run', '--period', '2026-H'], ['2026-H1', '2026-H2']],
  ])('%j completes to %j', (words, expected) => {
    expect(complete(...words)).toEqual(expected)
  })

  it('answers an unknown kind or a missing database with nothing, exit 0', async () => {
    const empty = tempDir()
    const r = await spawnIcm(['__complete', 'unit', ''], { cwd: empty, env: { ICM_DB: path.join(empty, 'none.db') } })
    expect(r.code).toBe(0)
    expect(r.stdout).toBe('')
    expect((await spawnIcm(['__complete', 'nonsense'], { cwd: dir, env: { ICM_DB: db } })).stdout).toBe('')
  })

  it.each(['zsh', 'fish', 'powershell'])('prints a %s script', async (shell) => {
    const r = await spawnIcm(['completion', shell], { cwd: dir })
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(shell === 'powershell' ? /Register-ArgumentCompleter/ : shell === 'fish' ? /complete -c icm/ : /bashcompinit/)
  })

  it('refuses an unknown shell (exit 2)', async () => {
    const r = await spawnIcm(['completion', 'tcsh'], { cwd: dir })
    expect(r.code).toBe(2)
    expect(r.stderr).toBe("icm: unknown shell 'tcsh' (use one of: bash, zsh, fish, powershell)\n")
  })

  it('completes for PowerShell from the whole tree (icm __complete --words)', async () => {
    const r = await spawnIcm(['__complete', '--words', '--', 'request', 'log', '--from', 'I'], { cwd: dir, env: { ICM_DB: db } })
    expect(r.stdout).toBe('IT\nIT-HD\n')
  })
})
