#!/usr/bin/env node
// icm's entry: runs the bundled CLI (icm.cjs) through V8's code cache. Node 20 has no compile
// cache of its own, and compiling the bundle is most of what start-up costs over `node -e 0`;
// the cache (icm.cjs.v8cache, next to the bundle) is written after the first run and used by
// every later one. A cache V8 rejects (another Node version) is simply written again.
import fs from 'node:fs'
import path from 'node:path'
import vm from 'node:vm'
import { Module, createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'

const file = path.join(path.dirname(fileURLToPath(import.meta.url)), 'icm.cjs')
const cacheFile = `${file}.v8cache`
const source = fs.readFileSync(file, 'utf8').replace(/^#!.*/, '') // the bundle keeps bin/icm.ts's shebang line
let cachedData
try {
  cachedData = fs.readFileSync(cacheFile)
} catch {
  cachedData = undefined
}
const script = new vm.Script(Module.wrap(source), { filename: file, cachedData })
if (cachedData === undefined || script.cachedDataRejected) {
  process.once('exit', () => {
    try {
      const temp = `${cacheFile}.${process.pid}`
      fs.writeFileSync(temp, script.createCachedData())
      fs.renameSync(temp, cacheFile)
    } catch {
      // a read-only install runs without the cache
    }
  })
}
const main = script.runInThisContext()
const mod = { exports: {} }
main.call(mod.exports, mod.exports, createRequire(file), mod, file, path.dirname(file))
