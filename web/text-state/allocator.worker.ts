/** The allocator tables off the main thread: each is a model run up to a step. */
import { serveJobs } from '../ui/job-worker';
import { allocatorWork } from './allocator-work';

serveJobs(allocatorWork);
