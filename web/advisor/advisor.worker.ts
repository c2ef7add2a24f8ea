/**
 * The crashkernel advisor off the main thread: on a 10,000-region machine one advice or one
 * model's run takes from a few hundred milliseconds to seconds, which the page must not spend.
 */
import { serveJobs } from '../ui/job-worker';
import { work } from './advisor-work';

serveJobs(work);
