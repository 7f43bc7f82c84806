import { spawn } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { FIXTURES, ROOT, cli, queryRows, writeFile, childEnv } from '../helpers/harness.js'

const hasScript = fs.existsSync('/usr/bin/script')

/**
 * Runs the built CLI in a pseudo-terminal (util-linux `script`), answering each prompt when its
 * text appears: `answers` is [text to wait for, keys to send][].
 */
function inTerminal(args: string[], cwd: string, env: Record<string, string>, answers: [string, string][]): Promise<{ code: number; output: string }> {
  return new Promise((resolve, reject) => {
    const command = [process.execPath, path.join(ROOT, 'dist', 'icm.js'), ...args].map((a) => `'${a.replace(/'/g, "'\\''")}'`).join(' ')
    const child = spawn('/usr/bin/script', ['-qfec', command, '/dev/null'], {
      cwd,
      env: childEnv({ TERM: 'xterm', ...env }),
      stdio: ['pipe', 'pipe', 'pipe'],
    })
    let output = ''
    let next = 0
    const onData = (d: Buffer) => {
      output += d.toString('utf8')
      while (next < answers.length && output.includes(answers[next]![0])) {
        const keys = answers[next++]![1]
        setTimeout(() => child.stdin.write(keys), 150)
      }
    }
    child.stdout.on('data', onData)
    child.stderr.on('data', onData)
    child.on('error', reject)
    const timer = setTimeout(() => child.kill(), 20_000)
    child.on('close', (code) => {
      clearTimeout(timer)
      resolve({ code: code ?? -1, output })
    })
  })
}

describe.skipIf(!hasScript)('survey import on a terminal', () => {
  it('asks which column is the rated unit with a select list, best guess first, through a pseudo-terminal', async () => {
    const t = cli()
    await t.ok(['unit', 'import', path.join(FIXTURES, 'org.csv')])
    await t.ok(['survey', 'create', 'S', '--title', '满意度', '--period', '2026-H1'])
    const file = writeFile(t.dir, 'tie.csv', '编号,2、本次评价的部门,3、评估的单位,总体满意度\n1,IT,HR,4\n2,HR,FIN,5\n')
    const r = await inTerminal(['survey', 'import', 'S', file], t.dir, { ICM_DB: t.db, ICM_ACTOR: 'tester' }, [
      ['Which column is the rated unit?', '\x1b[B\r'], // down to the second candidate, enter
      ['Save these answers', 'n\r'],
    ])
    expect(r.output).toContain('2、本次评价的部门 (column 2)')
    expect(r.code).toBe(0)
    // the second candidate, 3、评估的单位, was chosen: HR and FIN are rated
    const rated = await queryRows(t.db, 'select u.code from survey_responses r join units u on u.id = r.rated_id order by r.line')
    expect(rated.map((x) => x.code)).toEqual(['HR', 'FIN'])
  })

  it('speaks Chinese in the list and the yes/no question: the key tips, the answer given', async () => {
    const t = cli()
    await t.ok(['unit', 'import', path.join(FIXTURES, 'org.csv')])
    await t.ok(['survey', 'create', 'S', '--title', '满意度', '--period', '2026-H1'])
    const file = writeFile(t.dir, 'tie.csv', '编号,2、本次评价的部门,3、评估的单位,总体满意度\n1,IT,HR,4\n2,HR,FIN,5\n')
    const r = await inTerminal(['survey', 'import', 'S', file], t.dir, { ICM_DB: t.db, ICM_ACTOR: 'tester', LANG: 'zh_CN.UTF-8' }, [
      ['移动', '\r'], // the list's key tips in Chinese; the best guess
      ['保存为映射文件', 'n\r'], // the yes/no question
    ])
    expect(r.output).toContain('↑↓ 移动 • ⏎ 选择')
    expect(r.output).not.toMatch(/navigate|select\b/)
    expect(r.output).toMatch(/ 否/)
    expect(r.output).not.toMatch(/\bNo\b/)
    expect(r.code).toBe(0)
  })
})
