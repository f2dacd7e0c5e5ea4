import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedRequest {
  method: string;
  /** Path and query, as sent. */
  url: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** An answer of the stand-in provider, or `'hang'` to read the request and never answer. */
export type StubReply = { status: number; json?: unknown; text?: string } | 'hang';

export interface ProviderStub {
  url: string;
  /** Every request received, in order. */
  requests: ReceivedRequest[];
  /** Sets how the following requests are answered. */
  answer(reply: StubReply | ((request: ReceivedRequest) => StubReply)): void;
  close(): Promise<void>;
}

/**
 * A provider's API on a local port: it keeps every request as received, so a test can compare
 * it with what the provider documents, and answers as the test tells it.
 */
export async function startProviderStub(): Promise<ProviderStub> {
  const requests: ReceivedRequest[] = [];
  let reply: (request: ReceivedRequest) => StubReply = () => ({ status: 500, text: 'no answer' });

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const request = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks),
      };
      requests.push(request);
      const answer = reply(request);
      if (answer === 'hang') return;
      const json = answer.json !== undefined;
      res.writeHead(answer.status, {
        'content-type': json ? 'application/json' : 'text/plain; charset=utf-8',
      });
      res.end(json ? JSON.stringify(answer.json) : (answer.text ?? ''));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    answer(next) {
      reply = typeof next === 'function' ? next : () => next;
    },
    close() {
      server.closeAllConnections();
      return new Promise((resolve, reject) => server.close((e) => (e ? reject(e) : resolve())));
    },
  };
}

/**
 * The fields of a form body (URL-encoded or multipart), each with every value it was given,
 * in order: a test compares the whole map, so a field added or left out fails it.
 */
export async function formFields(request: ReceivedRequest): Promise<Record<string, string[]>> {
  const type = request.headers['content-type'] ?? '';
  const form = type.startsWith('multipart/form-data')
    ? await new Response(request.body, { headers: { 'content-type': type } }).formData()
    : new URLSearchParams(request.body.toString('utf8'));
  const fields: Record<string, string[]> = {};
  form.forEach((value, key) => {
    (fields[key] ??= []).push(String(value));
  });
  return fields;
}
