import { NotFoundError, defineRoute, type RouteDefinition, inPrincipalTenant } from '@monity/core';
import type pg from 'pg';

const COLUMNS = `id, channel, recipient AS "to", subject, text, html, created_at AS "createdAt"`;
const PAGE = 200;

/** The mailbox pages' API: a company's kept messages, and the public list of no company's. */
export function mailboxRoutes(config: { publicMailbox: boolean }): RouteDefinition[] {
  const list = defineRoute({
    method: 'GET',
    path: '/api/mailbox',
    operationId: 'listMailbox',
    summary: 'Messages the sandbox kept for your company, newest first',
    tags: ['mailbox'],
    access: 'mailbox.read',
    responses: { 200: { description: 'Kept messages' } },
    handler: (ctx) => {
      return inPrincipalTenant(ctx, async (tx, tenantId) => ({
        messages: (
          await tx.query(
            `SELECT ${COLUMNS} FROM sandbox_messages WHERE tenant_id = $1
             ORDER BY created_at DESC LIMIT ${PAGE}`,
            [tenantId],
          )
        ).rows,
      }));
    },
  });

  const one = defineRoute<{ id: string }>({
    method: 'GET',
    path: '/api/mailbox/:id',
    operationId: 'getMailboxMessage',
    summary: 'One kept message',
    tags: ['mailbox'],
    access: 'mailbox.read',
    params: {
      type: 'object',
      required: ['id'],
      properties: { id: { type: 'string', format: 'uuid' } },
    },
    responses: { 200: { description: 'The message' }, 404: { description: 'No such message' } },
    handler: async (ctx, { params }) => {
      const message = await inPrincipalTenant(ctx, async (tx) => {
        const { rows } = await tx.query(`SELECT ${COLUMNS} FROM sandbox_messages WHERE id = $1`, [
          params.id,
        ]);
        return rows[0];
      });
      if (!message) throw new NotFoundError('No such message in your mailbox.');
      return message;
    },
  });

  const publicList = defineRoute({
    method: 'GET',
    path: '/api/sandbox-mailbox',
    operationId: 'listSandboxMailbox',
    summary: 'Messages of no company (password resets), readable without logging in',
    description: 'Only in sandbox mode, for installations whose e-mail stays on the machine.',
    tags: ['mailbox'],
    access: 'public',
    responses: { 200: { description: 'Kept messages' }, 404: { description: 'Switched off' } },
    handler: async (ctx) => {
      if (!config.publicMailbox) throw new NotFoundError('The public sandbox mailbox is off.');
      const appPool = ctx.state.container.resolve<pg.Pool>('appPool');
      const { rows } = await appPool.query(
        `SELECT ${COLUMNS} FROM sandbox_messages_without_tenant($1)`,
        [PAGE],
      );
      return { messages: rows };
    },
  });

  return [list, one, publicList];
}
