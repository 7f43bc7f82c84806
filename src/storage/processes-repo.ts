import type { Kysely } from 'kysely'
import type { MapStep } from '../domain/org/customer-map.js'
import type { Process, ProcessStep } from '../domain/org/process.js'
import type { DB, ProcessRow, ProcessStepRow } from './schema.js'

/** Business processes and their steps (process analysis), as domain values. */

export async function findProcessByCode(db: Kysely<DB>, code: string): Promise<Process | undefined> {
  const row = await db
    .selectFrom('processes')
    .selectAll()
    .where((eb) => eb(eb.fn('upper', ['code']), '=', code.toUpperCase()))
    .executeTakeFirst()
  return row && processOf(row)
}

export async function insertProcess(db: Kysely<DB>, p: { code: string; name: string }, at: Date): Promise<Process> {
  return processOf(await db.insertInto('processes').values({ code: p.code, name: p.name, created_at: at.toISOString() }).returningAll().executeTakeFirstOrThrow())
}

/** Every process with its number of steps, by code. */
export async function listProcesses(db: Kysely<DB>): Promise<(Process & { steps: number })[]> {
  const rows = await db
    .selectFrom('processes as p')
    .leftJoin('process_steps as s', 's.process_id', 'p.id')
    .select(['p.id', 'p.code', 'p.name', 'p.created_at'])
    .select((eb) => eb.fn.count<number>('s.id').as('steps'))
    .groupBy(['p.id', 'p.code', 'p.name', 'p.created_at'])
    .orderBy('p.code')
    .execute()
  return rows.map((r) => ({ ...processOf(r), steps: Number(r.steps) }))
}

/** A process's steps in order. */
export async function listSteps(db: Kysely<DB>, processId: number): Promise<ProcessStep[]> {
  const rows = await db.selectFrom('process_steps').selectAll().where('process_id', '=', processId).orderBy('seq').execute()
  return rows.map(stepOf)
}

/** Every step of every process, by process code and step (the customer map reads them all). */
export async function listAllSteps(db: Kysely<DB>): Promise<MapStep[]> {
  const rows = await db
    .selectFrom('process_steps as s')
    .innerJoin('processes as p', 'p.id', 's.process_id')
    .selectAll('s')
    .select('p.code as process_code')
    .orderBy('p.code')
    .orderBy('s.seq')
    .execute()
  return rows.map((r) => ({ processCode: r.process_code, ...stepOf(r) }))
}

export async function insertStep(db: Kysely<DB>, processId: number, step: ProcessStep, at: Date): Promise<ProcessStep> {
  const row = await db
    .insertInto('process_steps')
    .values({ process_id: processId, seq: step.seq, unit_id: step.unitId, output: step.output, after_seqs: step.afterSeqs.join(','), created_at: at.toISOString() })
    .returningAll()
    .executeTakeFirstOrThrow()
  return stepOf(row)
}

function processOf(r: ProcessRow): Process {
  return { id: r.id, code: r.code, name: r.name, createdAt: new Date(r.created_at) }
}

function stepOf(r: ProcessStepRow): ProcessStep {
  return { seq: r.seq, unitId: r.unit_id, output: r.output, afterSeqs: r.after_seqs === '' ? [] : r.after_seqs.split(',').map(Number) }
}
