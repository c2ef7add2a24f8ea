/**
 * A file's bytes as the text of a log. Logs are UTF-8, except those saved by Windows tools
 * (PowerShell's `>` writes UTF-16 with a byte-order mark), and rotated logs are gzipped
 * (`dmesg.1.gz`): both are common enough to read rather than refuse. A gzip file is opened
 * with a limit, so a small file that inflates to gigabytes is refused, not read.
 */

export const isGzip = (b: Uint8Array): boolean => b[0] === 0x1f && b[1] === 0x8b;

/** Text from bytes: UTF-16 by its byte-order mark, else UTF-8 (invalid bytes become U+FFFD). */
export function decodeText(b: Uint8Array): string {
  if (b[0] === 0xff && b[1] === 0xfe) return new TextDecoder('utf-16le').decode(b.subarray(2));
  if (b[0] === 0xfe && b[1] === 0xff) return new TextDecoder('utf-16be').decode(b.subarray(2));
  return new TextDecoder('utf-8').decode(b);
}

/** Inflate gzip bytes, stopping at `limit` bytes of output: the bytes, or why not. */
export async function gunzip(b: Uint8Array, limit: number): Promise<Uint8Array | string> {
  const parts: Uint8Array[] = [];
  let size = 0;
  try {
    const stream = new Blob([b as BlobPart]).stream().pipeThrough(new DecompressionStream('gzip'));
    const reader = stream.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.length;
      if (size > limit) {
        await reader.cancel();
        return `it inflates to more than ${limit / 2 ** 20} MiB, more than the importer reads`;
      }
      parts.push(value);
    }
  } catch (e) {
    return `it is not a valid gzip file (${e instanceof Error ? e.message : String(e)})`;
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
