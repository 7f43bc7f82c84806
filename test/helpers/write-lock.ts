import { createRequire } from 'node:module'
import { Worker } from 'node:worker_threads'

/**
 * Holds an SQLite database's write lock from another thread, as another icm command would:
 * BEGIN IMMEDIATE, a row in `meta` (key `held-by-other-writer`), `ms` milliseconds, COMMIT.
 * Resolves once the lock is held; `released` resolves after the commit. A thread rather than
 * this one because a waiting better-sqlite3 call blocks its own thread.
 */
export async function holdWriteLock(file: string, ms: number): Promise<{ released: Promise<void> }> {
  const require = createRequire(import.meta.url)
  const thread = new Worker(
    `const { parentPort, workerData } = require('node:worker_threads')
     const Database = require(workerData.driver)
     const db = new Database(workerData.file)
     db.exec('begin immediate')
     db.prepare("insert into meta (key, value) values ('held-by-other-writer', '1')").run()
     parentPort.postMessage('locked')
     Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, workerData.ms)
     db.exec('commit')
     db.close()
     parentPort.postMessage('released')`,
    { eval: true, workerData: { driver: require.resolve('better-sqlite3'), file, ms } },
  )
  const released = new Promise<void>((resolve, reject) => {
    thread.on('message', (m) => m === 'released' && resolve())
    thread.on('error', reject)
  })
  await new Promise<void>((resolve, reject) => {
    thread.on('message', (m) => m === 'locked' && resolve())
    thread.on('error', reject)
  })
  return { released }
}
