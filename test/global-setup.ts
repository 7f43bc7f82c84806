import { execFileSync } from 'node:child_process'

/**
 * The end-to-end tests spawn the built CLI: build it once before any test runs
 * (ICM_SKIP_BUILD=1 skips it when running only in-process tests).
 */
export default function setup(): void {
  if (process.env.ICM_SKIP_BUILD === '1') return
  execFileSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' })
}
