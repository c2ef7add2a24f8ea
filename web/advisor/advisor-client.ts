/** The advisor's worker: on a 10,000-region machine one advice takes up to seconds. */
import { jobWorker } from '../ui/job-worker';
import { work, type AdvisorAnswer, type AdvisorJob } from './advisor-work';

/** Do a job off the main thread where possible. */
export const runAdvisorJob: (job: AdvisorJob) => Promise<AdvisorAnswer> = jobWorker(
  'advisor',
  () => new Worker(new URL('./advisor.worker.ts', import.meta.url), { type: 'module' }),
  work,
);
