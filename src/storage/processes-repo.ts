import type { Kysely } from 'kysely'
import type { DB, ProcessRow, ProcessStepRow } from './schema.js'

export async function findProcessByCode(db: Kysely<DB>, code: string): Promise<ProcessRow | undefined> {
  return db
    .selectFrom('processes')
    .selectAll()
    .where((eb) => eb(eb.fn('upper', ['code']), '=', code.toUpperCase()))
    .executeTakeFirst()
}

export async function insertProcess(db: Kysely<DB>, p: { code: string; name: string; created_at: string }): Promise<ProcessRow> {
  return db.insertInto('processes').values(p).returningAll().executeTakeFirstOrThrow()
}

export async function listProcesses(db: Kysely<DB>): Promise<(ProcessRow & { steps: number })[]> {
  const rows = await db
    .selectFrom('processes as p')
    .leftJoin('process_steps as s', 's.process_id', 'p.id')
    .select(['p.id', 'p.code', 'p.name', 'p.created_at'])
    .select((eb) => eb.fn.count<number>('s.id').as('steps'))
    .groupBy(['p.id', 'p.code', 'p.name', 'p.created_at'])
    .orderBy('p.code')
    .execute()
  return rows.map((r) => ({ ...r, steps: Number(r.steps) }))
}

export async function listSteps(db: Kysely<DB>, processId: number): Promise<ProcessStepRow[]> {
  return db.selectFrom('process_steps').selectAll().where('process_id', '=', processId).orderBy('seq').execute()
}

export async function listAllSteps(db: Kysely<DB>): Promise<(ProcessStepRow & { process_code: string })[]> {
  return db
    .selectFrom('process_steps as s')
    .innerJoin('processes as p', 'p.id', 's.process_id')
    .selectAll('s')
    .select('p.code as process_code')
    .orderBy('p.code')
    .orderBy('s.seq')
    .execute()
}

export async function insertStep(
  db: Kysely<DB>,
  step: { process_id: number; seq: number; unit_id: number; output: string; after_seqs: string; created_at: string },
): Promise<ProcessStepRow> {
  return db.insertInto('process_steps').values(step).returningAll().executeTakeFirstOrThrow()
}
