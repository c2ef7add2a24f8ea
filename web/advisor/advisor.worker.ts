/**
 * The crashkernel advisor off the main thread: on a 10,000-region machine one advice or one
 * model's run takes from a few hundred milliseconds to seconds, which the page must not spend.
 */
import { work, type AdvisorJob } from './advisor-work';

self.onmessage = (e: MessageEvent<AdvisorJob & { id: number }>) => {
  const { id, ...job } = e.data;
  self.postMessage({ id, answer: work(job) });
};
