#!/usr/bin/env node
import { createContext } from '../src/cli/context.js'
import { systemIO } from '../src/cli/io.js'
import { run } from '../src/cli/main.js'
import { COMMAND_GROUPS } from '../src/commands/registry.js'

const io = systemIO()
run(process.argv.slice(2), createContext({ io, commands: COMMAND_GROUPS })).then(
  (code) => {
    process.exitCode = code
  },
  (e: unknown) => {
    process.stderr.write(`icm: unexpected error: ${String(e)}\n`)
    process.exitCode = 1
  },
)
