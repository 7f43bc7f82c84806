// Logs N requests into one database, one `icm request log` after another, as a busy admin's
// script would: used by the concurrency test, which runs four of these at once.
// Usage: node --import tsx test/helpers/log-requests.ts DB N TAG
import { createContext } from '../../src/cli/context.js'
import { testIO } from '../../src/cli/io.js'
import { run } from '../../src/cli/main.js'
import { COMMAND_GROUPS } from '../../src/commands/registry.js'

const [db, count, tag] = process.argv.slice(2) as [string, string, string]
let failures = 0
for (let i = 0; i < Number(count); i++) {
  const io = testIO()
  const ctx = createContext({ io, commands: COMMAND_GROUPS, env: { ICM_DB: db, ICM_ACTOR: `writer-${tag}` } })
  const code = await run(['request', 'log', '--from', 'HR', '--to', 'IT', '--title', `${tag} #${i}`, '--json'], ctx)
  if (code !== 0) {
    failures++
    process.stderr.write(`${tag} #${i}: exit ${code}: ${io.stderr()}`)
  }
}
process.exitCode = failures === 0 ? 0 : 1
