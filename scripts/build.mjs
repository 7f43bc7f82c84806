// Bundles the CLI into one CommonJS file (dist/icm.cjs) and writes its entry (dist/icm.js), which
// runs the bundle through V8's code cache: start-up is what users feel, and one cached bundle
// loads several times faster than hundreds of small ESM files. Heavy modules that only some
// commands need (prompts, CSV, Excel workbooks, Chinese conversion, PostgreSQL) and the native better-sqlite3 stay
// external and are required on demand.
import { build } from 'esbuild'
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
  external: ['better-sqlite3', 'iconv-lite', 'echarts', 'exceljs', '@inquirer/prompts', 'csv-parse', 'csv-stringify', 'opencc-js', 'pg', 'pg-copy-streams'],
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
