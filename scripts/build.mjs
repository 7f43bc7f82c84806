// Bundles the CLI into one CommonJS file (dist/icm.cjs) and writes its entry (dist/icm.js), which
// runs the bundle through V8's code cache: start-up is what users feel, and one cached bundle
// loads several times faster than hundreds of small ESM files. Heavy modules that only some
// commands need (prompts, CSV, Excel workbooks, Chinese conversion, PostgreSQL) and the native better-sqlite3 stay
// external and are required on demand.
import { build } from 'esbuild'
import { spawnSync } from 'node:child_process'
import { chmodSync, copyFileSync, rmSync, writeFileSync } from 'node:fs'

await build({
  entryPoints: ['bin/icm.ts'],
  outfile: 'dist/icm.cjs',
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: 'linked',
  minify: true,
  external: ['better-sqlite3', 'iconv-lite', 'echarts', 'exceljs', 'unzipper', '@inquirer/prompts', 'csv-parse', 'csv-stringify', 'opencc-js', 'pg', 'pg-copy-streams'],
  // import() of an external becomes require(): the bundle runs as a vm.Script, which has no ESM loader
  supported: { 'dynamic-import': false },
  define: { 'import.meta.url': '__icmImportMetaUrl' },
  banner: { js: "var __icmImportMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
  logLevel: 'warning',
})
copyFileSync('scripts/loader.cjs', 'dist/icm.js')
// dist/ is CommonJS: Node loads the entry with its CommonJS loader, which starts faster than the ESM one
writeFileSync('dist/package.json', '{ "type": "commonjs" }\n')
chmodSync('dist/icm.js', 0o755)
rmSync('dist/icm.cjs.v8cache', { force: true })
// Warm V8's code cache once, at build time, with `icm --help`: it compiles the start-up path and
// every group's registration, the part all commands share, so the cache is the same whichever
// command a user runs first (a first run of `icm demo` would cache a 1.6 MB image that every
// later `icm --version` must read). Measured with bench/startup.mjs.
spawnSync(process.execPath, ['dist/icm.js', '--help'], { stdio: 'ignore', env: { ...process.env, NO_COLOR: '1' } })
