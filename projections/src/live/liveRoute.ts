import { EVENT_STREAM_TYPE, defineRoute, principalOf, type RouteDefinition } from '@monity/core';
import type { LiveHub } from './liveHub.ts';
import { LIVE_TIMING, LiveStream, type LiveStreamTiming } from './liveStream.ts';

interface LiveQuery {
  lastEventId?: string;
}

const DESCRIPTION = `Server-sent events (\`EventSource\`). The stream opens with \`event: ready\`
(data \`{"projections", "position"}\`: the read models, and where they stood), then sends
\`event: read-models\` with data \`{"projections": ["ledger"], "position": "transaction:sequence"}\`
whenever read models of the caller's company changed: refresh what shows them. Changes within
500 ms are merged into one message; a comment line every 25 s keeps the stream open. A stream
resumed with \`Last-Event-ID\` (or \`lastEventId\`) begins with a message naming every read
model, as changes made while it was away are not known one by one.`;

/** `GET /api/live`: the caller's company's read-model changes, as they are committed. */
export function liveRoute(hub: LiveHub, timing: LiveStreamTiming = LIVE_TIMING): RouteDefinition {
  return defineRoute<unknown, LiveQuery>({
    method: 'GET',
    path: '/api/live',
    operationId: 'followReadModelChanges',
    summary: 'Read-model changes of the company, as server-sent events',
    description: DESCRIPTION,
    tags: ['live'],
    access: 'ledger.read',
    query: {
      type: 'object',
      additionalProperties: false,
      properties: {
        lastEventId: {
          type: 'string',
          maxLength: 64,
          description:
            'The id of the last message received, for a client that cannot send the Last-Event-ID header',
        },
      },
    },
    responses: { 200: { description: 'The stream of changes', contentType: EVENT_STREAM_TYPE } },
    handler: async (ctx, { query }) => {
      const live = new LiveStream(timing);
      live.onClose(hub.subscribe(principalOf(ctx).tenantId, (changed) => live.changed(changed)));
      try {
        const current = await hub.current();
        live.ready(current);
        if (query.lastEventId ?? ctx.get('last-event-id')) live.changed(current);
      } catch (error) {
        live.stream.destroy();
        throw error;
      }
      return live.stream;
    },
  });
}
