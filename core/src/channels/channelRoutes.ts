import { commandContextOf, inPrincipalTenant } from '../access/requestContext.ts';
import type { HttpContext } from '../http/appState.ts';
import { defineRoute, type RouteDefinition } from '../http/defineRoute.ts';
import type { JsonSchema } from '../http/jsonSchema.ts';
import { ValidationError } from '../errors.ts';
import { isEmailAddress, toE164 } from '../ledger/values/contacts.ts';
import type { MessageSender } from '../messages/messageSender.ts';
import type { Medium } from '../plugins/index.ts';
import type { AccountInput, ChannelAccounts } from './channelAccounts.ts';

const medium = { enum: ['email', 'sms', 'voice'] } as const;
const idParams: JsonSchema<{ id: string }> = {
  type: 'object',
  required: ['id'],
  properties: { id: { type: 'string', format: 'uuid' } },
};
const accountProperties = {
  name: { type: 'string', minLength: 1, maxLength: 100 },
  defaultFor: { type: 'array', items: medium, uniqueItems: true, maxItems: 3 },
  // Checked against the channel's own schema, which only the channel knows.
  settings: { type: 'object' },
} as const;

const accountsOf = (ctx: HttpContext) =>
  ctx.state.container.resolve<ChannelAccounts>('channelAccounts');

const channels = defineRoute({
  method: 'GET',
  path: '/api/channels',
  operationId: 'listChannels',
  summary: 'The installed channels, the media they carry and the settings they take',
  tags: ['channels'],
  access: 'ledger.read',
  responses: { 200: { description: 'Channels by name' } },
  handler: (ctx) => ({
    items: accountsOf(ctx)
      .installed()
      .map((c) => ({ name: c.name, media: c.media, settingsSchema: c.settingsSchema ?? null }))
      .sort((a, b) => a.name.localeCompare(b.name)),
  }),
});

const listAccounts = defineRoute({
  method: 'GET',
  path: '/api/channel-accounts',
  operationId: 'listChannelAccounts',
  summary: "The company's accounts with its providers; secrets show only that they are set",
  tags: ['channels'],
  access: 'ledger.read',
  responses: { 200: { description: 'Accounts by name' } },
  handler: (ctx) =>
    inPrincipalTenant(ctx, async (tx) => ({ items: await accountsOf(ctx).list(tx) })),
});

const createAccount = defineRoute<unknown, unknown, AccountInput>({
  method: 'POST',
  path: '/api/channel-accounts',
  operationId: 'createChannelAccount',
  summary: 'Adds an account with a provider; its secrets are stored encrypted',
  tags: ['channels'],
  access: 'ledger.configure',
  body: {
    type: 'object',
    additionalProperties: false,
    required: ['channel', 'name'],
    properties: { channel: { type: 'string', minLength: 1, maxLength: 100 }, ...accountProperties },
  },
  responses: { 201: { description: 'The account' } },
  handler: async (ctx, { body }) => {
    const account = await inPrincipalTenant(ctx, (tx, tenantId) =>
      accountsOf(ctx).create(tx, tenantId, body),
    );
    ctx.status = 201;
    return account;
  },
});

const changeAccount = defineRoute<{ id: string }, unknown, Partial<AccountInput>>({
  method: 'PATCH',
  path: '/api/channel-accounts/:id',
  operationId: 'changeChannelAccount',
  summary: "Changes an account's name, media or settings; a secret left out keeps its value",
  tags: ['channels'],
  access: 'ledger.configure',
  params: idParams,
  body: { type: 'object', additionalProperties: false, properties: accountProperties },
  responses: { 200: { description: 'The account' } },
  handler: (ctx, { params, body }) =>
    inPrincipalTenant(ctx, (tx) => accountsOf(ctx).change(tx, params.id, body)),
});

const removeAccount = defineRoute<{ id: string }>({
  method: 'DELETE',
  path: '/api/channel-accounts/:id',
  operationId: 'removeChannelAccount',
  summary: 'Removes an account; its media fall back to the sandbox',
  tags: ['channels'],
  access: 'ledger.configure',
  params: idParams,
  responses: { 204: { description: 'Removed' } },
  handler: async (ctx, { params }) => {
    await inPrincipalTenant(ctx, (tx) => accountsOf(ctx).remove(tx, params.id));
    ctx.status = 204;
  },
});

interface TestBody {
  medium: Medium;
  to: string;
  accountId?: string;
}

const TEST_TEXT = {
  subject: 'Monity: wiadomość testowa',
  text: 'To jest wiadomość testowa z Monity. Jeśli ją czytasz, kanał działa.',
};

const sendTest = defineRoute<unknown, unknown, TestBody>({
  method: 'POST',
  path: '/api/messages/test',
  operationId: 'sendTestMessage',
  summary: 'Sends a test message through an account (or the default one) and says how it went',
  tags: ['channels'],
  access: 'ledger.configure',
  body: {
    type: 'object',
    additionalProperties: false,
    required: ['medium', 'to'],
    properties: {
      medium,
      to: { type: 'string', minLength: 3, maxLength: 320 },
      accountId: { type: 'string', format: 'uuid' },
    },
  },
  responses: { 200: { description: "The message's id and the channel's answer" } },
  handler: async (ctx, { body }) => {
    const sender = ctx.state.container.resolve<MessageSender>('messageSender');
    const tenantId = await inPrincipalTenant(ctx, async (_tx, id) => id);
    const to = body.medium === 'email' ? body.to.trim() : toE164(body.to, 'PL');
    if (!to || (body.medium === 'email' && !isEmailAddress(to))) {
      throw new ValidationError('The address is not valid', [
        {
          pointer: '/body/to',
          message: body.medium === 'email' ? 'is not an e-mail address' : 'is not a phone number',
        },
      ]);
    }
    return sender.send(commandContextOf(ctx), tenantId, {
      medium: body.medium,
      to,
      ...(body.medium === 'email' ? { subject: TEST_TEXT.subject } : {}),
      text: TEST_TEXT.text,
      ...(body.accountId ? { accountId: body.accountId } : {}),
      about: { purpose: 'test' },
    });
  },
});

export const channelRoutes: RouteDefinition[] = [
  channels,
  listAccounts,
  createAccount,
  changeAccount,
  removeAccount,
  sendTest,
];
