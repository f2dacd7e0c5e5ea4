import { pipeline } from 'node:stream/promises';
import busboy from 'busboy';
import { MonityError, ValidationError } from '../errors.ts';
import type { HttpContext } from '../http/appState.ts';

/**
 * The largest rates file taken. A year of NBP's CSV archive is about 60 KB; the Web API answers
 * at most 93 days per request, about 200 KB of JSON. Held in memory, as it is this small.
 */
const MAX_RATE_FILE_BYTES = 2 * 1024 ** 2;

/** The bytes of the request's multipart field `file`; refuses a request without one. */
export async function receiveRateFile(ctx: HttpContext): Promise<Buffer> {
  if (!ctx.is('multipart/form-data')) {
    throw new MonityError('unsupported_media_type', 'Send the file as multipart/form-data', 415);
  }
  const parser = busboy({
    headers: ctx.req.headers,
    limits: { files: 1, fileSize: MAX_RATE_FILE_BYTES },
  });
  let received: Promise<Buffer> | undefined;
  parser.on('file', (field, stream) => {
    if (field !== 'file' || received) {
      stream.resume();
      return;
    }
    received = new Promise((resolve, reject) => {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('limit', () => {
        stream.resume();
        reject(new MonityError('file_too_large', 'A rates file is at most 2 MB', 413));
      });
      stream.on('end', () => resolve(Buffer.concat(chunks)));
      stream.on('error', reject);
    });
    // The parser waits for the whole request; a rejection is awaited below.
    received.catch(() => undefined);
  });
  await pipeline(ctx.req, parser);
  if (!received) {
    throw new ValidationError('No file in the request', [
      { pointer: '/body/file', message: 'is required' },
    ]);
  }
  return received;
}
