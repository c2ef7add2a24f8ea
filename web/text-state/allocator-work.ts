/**
 * The allocator tables at a step need the model's run made again up to it (seconds on the
 * 100,000-region machine): a job of plain data for the tables' worker, or for the page where
 * there is none. A model that fails on the way is an answer saying so, never an exception.
 */
import { allocatorTableOf, type AllocatorTable, type Scenario } from '../../src-core';

export interface AllocatorJob {
  scenario: Scenario;
  model: string;
  step: number;
}

export type AllocatorAnswer = { table: AllocatorTable | null } | { error: string };

export function allocatorWork(job: AllocatorJob): AllocatorAnswer {
  try {
    return { table: allocatorTableOf(job.scenario, job.model, job.step) };
  } catch (e) {
    return { error: `the ${job.model} model failed on the way: ${(e as Error).message}` };
  }
}
