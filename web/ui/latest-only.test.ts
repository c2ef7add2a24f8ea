import { describe, expect, it } from 'vitest';
import { latestOnly } from './latest-only';

/** A runner whose jobs finish when the test says so. */
function manual() {
  const started: number[] = [];
  const finish: ((v: string) => void)[] = [];
  const run = (job: number) =>
    new Promise<string>((resolve) => {
      started.push(job);
      finish.push(resolve);
    });
  return { run, started, finish };
}

const flush = () => new Promise((r) => setTimeout(r, 0));

describe('latestOnly', () => {
  it('runs one job at a time and only the newest of those asked meanwhile', async () => {
    const m = manual();
    const ask = latestOnly(m.run);
    const a = ask(1);
    const b = ask(2);
    const c = ask(3);
    expect(m.started).toEqual([1]);
    expect(await b).toBeNull();
    m.finish[0]?.('one');
    expect(await a).toBe('one');
    await flush();
    expect(m.started).toEqual([1, 3]);
    m.finish[1]?.('three');
    expect(await c).toBe('three');
  });

  it('runs a job asked when nothing runs at once', async () => {
    const m = manual();
    const ask = latestOnly(m.run);
    const a = ask(1);
    m.finish[0]?.('one');
    await a;
    await flush();
    const b = ask(2);
    expect(m.started).toEqual([1, 2]);
    m.finish[1]?.('two');
    expect(await b).toBe('two');
  });
});
