import { spawnSync } from 'node:child_process'
import path from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { BACKEND, ROOT, spawnIcm, tempDir, childEnv } from '../helpers/harness.js'

/**
 * The prompts in a real pseudo-terminal (Python's pty): a wrong answer is said and asked again,
 * a right one is taken. Each step waits for a text on the screen, then types keys.
 */
const ICM = path.join(ROOT, 'dist', 'icm.js')
const env = childEnv({ ICM_NOW: '2026-07-01T10:00:00+08:00' })
const havePython = spawnSync('python3', ['-c', 'import pty']).status === 0

const DRIVER = `
import json, os, pty, sys, time, select
args, steps = json.loads(sys.argv[1]), json.loads(sys.argv[2])
pid, fd = pty.fork()
if pid == 0:
    os.execvp('node', ['node'] + args)
out = b''
def read_until(text, seconds=20):
    global out
    deadline = time.time() + seconds
    while time.time() < deadline and text.encode() not in out:
        r, _, _ = select.select([fd], [], [], 0.1)
        if r:
            try:
                out += os.read(fd, 4096)
            except OSError:
                return
for wait, keys in steps:
    read_until(wait)
    out += b'\\n[[typed]]\\n'
    time.sleep(0.1)
    os.write(fd, keys.encode())
while True:
    try:
        chunk = os.read(fd, 4096)
    except OSError:
        break
    if not chunk:
        break
    out += chunk
_, status = os.waitpid(pid, 0)
sys.stdout.write(str(os.waitstatus_to_exitcode(status)) + '\\n' + out.decode('utf8', 'replace'))
`

function drive(args: string[], steps: [wait: string, keys: string][], cwd: string): { code: string; screen: string } {
  const r = spawnSync('python3', ['-c', DRIVER, JSON.stringify([ICM, ...args]), JSON.stringify(steps)], { cwd, env, encoding: 'utf8', timeout: 60_000 })
  const [code, ...rest] = r.stdout.split('\n')
  return { code: code!, screen: rest.join('\n') }
}

describe.skipIf(BACKEND === 'postgres' || !havePython)('prompts in a pseudo-terminal', () => {
  let dir: string
  let db: string
  beforeAll(async () => {
    dir = tempDir()
    db = path.join(dir, 'icm.db')
    for (const [code, name] of [['IT', '信息技术部'], ['HR', '人力资源部'], ['FIN', '财务部']]) {
      expect((await spawnIcm(['--db', db, 'unit', 'add', code!, '--name', name!, '--kind', 'department'], { cwd: dir, env })).code).toBe(0)
    }
  }, 60_000)

  it('asks again after a wrong period, and takes 2026上半年', () => {
    const BS = '\x7f'.repeat(10)
    const r = drive(['--db', db, 'survey', 'create', 'S1', '--title', 'x'], [['Period', '2026-H3\r'], ["invalid period '2026-H3'", `${BS}2026上半年\r`]], dir)
    expect(r.screen).toContain("invalid period '2026-H3'")
    expect(r.code).toBe('0')
    expect(r.screen).toContain('survey S1 created (service, 2026-H1')
  })

  it('a unit that does not exist finds nothing; a name does, and is taken', async () => {
    const BS = '\x7f'.repeat(5)
    const r = drive(['--db', db, 'request', 'log', '--to', 'IT', '--title', 'x'], [['Customer unit', 'zzz'], ['No results', '\r'], ['zzz', `${BS}人力`], ['HR  人力资源部', '\r']], dir)
    expect(r.code).toBe('0')
    expect(r.screen).toContain('REQ-0001')
    const list = await spawnIcm(['--db', db, 'request', 'show', 'REQ-0001', '--json'], { cwd: dir, env })
    expect(list.json()).toMatchObject({ from: 'HR', to: 'IT' })
  })
})
