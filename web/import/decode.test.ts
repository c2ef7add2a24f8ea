/** Reading a dropped file's bytes as a log: UTF-8, UTF-16 by its mark, gzip with a limit. */
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { decodeText, gunzip, isGzip } from './decode';

const LINE = '[    0.000000] BIOS-e820: [mem 0x0000000000000000-0x000000000009fbff] usable\n';

describe('decodeText', () => {
  it('reads UTF-8, with or without a byte-order mark', () => {
    expect(decodeText(Buffer.from(LINE))).toBe(LINE);
    expect(decodeText(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(LINE)]))).toBe(
      LINE,
    );
  });

  it('reads UTF-16 little- and big-endian by their byte-order marks', () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(LINE, 'utf16le')]);
    expect(decodeText(le)).toBe(LINE);
    const be = Buffer.from(le.subarray(2)).swap16();
    expect(decodeText(Buffer.concat([Buffer.from([0xfe, 0xff]), be]))).toBe(LINE);
  });

  it('turns bytes that are not UTF-8 into U+FFFD, for the importer to judge', () => {
    expect(decodeText(Buffer.from([0x41, 0xff, 0x42]))).toBe('A\ufffdB');
  });
});

describe('gunzip', () => {
  it('recognises and inflates gzip', async () => {
    const gz = gzipSync(Buffer.from(LINE.repeat(100)));
    expect(isGzip(gz)).toBe(true);
    expect(isGzip(Buffer.from(LINE))).toBe(false);
    const out = await gunzip(gz, 1 << 20);
    expect(typeof out === 'string' ? out : decodeText(out)).toBe(LINE.repeat(100));
  });

  it('stops at the limit: a small file that inflates to a huge one is refused', async () => {
    const bomb = gzipSync(Buffer.alloc(8 << 20));
    expect(bomb.length).toBeLessThan(20_000);
    expect(await gunzip(bomb, 1 << 20)).toBe(
      'it inflates to more than 1 MiB, more than the importer reads',
    );
  });

  it('says when the gzip data is broken', async () => {
    const gz = gzipSync(Buffer.from(LINE.repeat(100)));
    const cut = gz.subarray(0, gz.length - 20);
    expect(await gunzip(cut, 1 << 20)).toMatch(/^it is not a valid gzip file/);
  });
});
