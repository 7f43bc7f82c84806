// Bundles the CLI into one file (dist/icm.js): start-up is what users feel, and one bundle
// loads several times faster than hundreds of small ESM files. Heavy modules that only some
// commands need (prompts, CSV, Chinese conversion) and the native better-sqlite3 stay external
// and are loaded on demand.
import { build } from 'esbuild'
import { chmodSync } from 'node:fs'

await build({
  entryPoints: ['bin/icm.ts'],
  outfile: 'dist/icm.js',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: 'linked',
  minify: true,
  keepNames: false,
  external: ['better-sqlite3', '@inquirer/prompts', 'csv-parse', 'csv-stringify', 'opencc-js', 'pg', 'pg-copy-streams'],
  banner: { js: "import { createRequire as __icmCreateRequire } from 'node:module'; const require = __icmCreateRequire(import.meta.url);" },
  logLevel: 'warning',
})
chmodSync('dist/icm.js', 0o755)
