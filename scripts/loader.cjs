#!/usr/bin/env node
// icm's entry: runs the bundled CLI (icm.cjs) through V8's code cache. Node 20 has no compile
// cache of its own, and compiling the bundle is most of what start-up costs over `node -e 0`;
// the cache (icm.cjs.v8cache, next to the bundle) is written after the first run and used by
// every later one. A cache V8 rejects (another Node version) is simply written again. It is
// CommonJS (dist/package.json says so): Node's CommonJS loader starts an entry faster than its ESM one.
const fs = require('node:fs')
const path = require('node:path')
const vm = require('node:vm')
const { Module, createRequire } = require('node:module')

const file = path.join(__dirname, 'icm.cjs')
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
