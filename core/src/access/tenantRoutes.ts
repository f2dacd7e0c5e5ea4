import { ValidationError, type FieldError } from '../errors.ts';
import { defineRoute, type JsonSchema, type RouteDefinition } from '../http/index.ts';
import { normaliseBankAccount } from '../validation/bankAccount.ts';
import { normalisePolishTaxId } from '../validation/polishTaxId.ts';
import { eventOf } from './commandContext.ts';
import { commandContextOf, inPrincipalTenant } from './requestContext.ts';
import { nameSchema } from './schemas.ts';

interface BankAccount {
  iban: string;
  bankName?: string;
  currency?: string;
}

interface TenantChanges {
  name?: string;
  taxId?: string;
  address?: { street?: string; postalCode?: string; city?: string; country?: string };
  bankAccounts?: BankAccount[];
  defaultCurrency?: string;
  language?: 'pl' | 'en';
  timeZone?: string;
}

const text = (maxLength: number) => ({ type: 'string', maxLength }) as const;
const currency = { type: 'string', pattern: '^[A-Z]{3}$' } as const;

const changesSchema: JsonSchema<TenantChanges> = {
  type: 'object',
  additionalProperties: false,
  minProperties: 1,
  properties: {
    name: nameSchema,
    taxId: text(20),
    address: {
      type: 'object',
      additionalProperties: false,
      properties: {
        street: text(200),
        postalCode: text(20),
        city: text(100),
        country: { type: 'string', pattern: '^[A-Z]{2}$' },
      },
    },
    bankAccounts: {
      type: 'array',
      maxItems: 10,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['iban'],
        properties: { iban: text(50), bankName: text(100), currency },
      },
    },
    defaultCurrency: currency,
    language: { enum: ['pl', 'en'] },
    timeZone: text(60),
  },
};

const TENANT_COLUMNS = `id, name, tax_id AS "taxId", address, bank_accounts AS "bankAccounts",
  default_currency AS "defaultCurrency", language, time_zone AS "timeZone"`;

const CURRENCIES = new Set(Intl.supportedValuesOf('currency'));
const TIME_ZONES = new Set(Intl.supportedValuesOf('timeZone'));

/** The changes with tax id and accounts in canonical form; every bad field is reported. */
function checked(changes: TenantChanges): TenantChanges {
  const errors: FieldError[] = [];
  const result = { ...changes };
  if (changes.taxId !== undefined) {
    const taxId = normalisePolishTaxId(changes.taxId);
    if (taxId) result.taxId = taxId;
    else
      errors.push({
        pointer: '/body/taxId',
        message: 'must be a Polish NIP with a valid checksum',
      });
  }
  result.bankAccounts = changes.bankAccounts?.map((account, i) => {
    const iban = normaliseBankAccount(account.iban);
    if (!iban)
      errors.push({
        pointer: `/body/bankAccounts/${i}/iban`,
        message: 'must be a valid IBAN or NRB',
      });
    if (account.currency && !CURRENCIES.has(account.currency)) {
      errors.push({
        pointer: `/body/bankAccounts/${i}/currency`,
        message: 'must be an ISO 4217 code',
      });
    }
    return { ...account, iban: iban ?? account.iban };
  });
  if (changes.defaultCurrency && !CURRENCIES.has(changes.defaultCurrency)) {
    errors.push({ pointer: '/body/defaultCurrency', message: 'must be an ISO 4217 code' });
  }
  if (changes.timeZone && !TIME_ZONES.has(changes.timeZone)) {
    errors.push({ pointer: '/body/timeZone', message: 'must be an IANA time zone' });
  }
  if (errors.length > 0) throw new ValidationError('Some company details are not valid', errors);
  if (!changes.bankAccounts) delete result.bankAccounts;
  return result;
}

const show = defineRoute({
  method: 'GET',
  path: '/api/tenant',
  operationId: 'getTenant',
  summary: 'Your company: name, tax id, address, bank accounts and defaults',
  tags: ['company'],
  access: 'authenticated',
  responses: { 200: { description: 'The company' } },
  handler: (ctx) =>
    inPrincipalTenant(ctx, async (tx, tenantId) => {
      const { rows } = await tx.query(`SELECT ${TENANT_COLUMNS} FROM tenants WHERE id = $1`, [
        tenantId,
      ]);
      return rows[0];
    }),
});

const change = defineRoute<unknown, unknown, TenantChanges>({
  method: 'PATCH',
  path: '/api/tenant',
  operationId: 'changeTenant',
  summary: "Change your company's details",
  description: 'Fields left out stay as they are; `bankAccounts` replaces the whole list.',
  tags: ['company'],
  access: 'tenant.manage',
  body: changesSchema,
  responses: { 200: { description: 'The company as changed' } },
  handler: (ctx, { body }) => {
    const changes = checked(body);
    return inPrincipalTenant(ctx, async (tx, tenantId) => {
      const { rows } = await tx.query(
        `UPDATE tenants SET name = coalesce($2, name), tax_id = coalesce($3, tax_id),
           address = coalesce($4, address), bank_accounts = coalesce($5, bank_accounts),
           default_currency = coalesce($6, default_currency), language = coalesce($7, language),
           time_zone = coalesce($8, time_zone)
         WHERE id = $1 RETURNING ${TENANT_COLUMNS}`,
        [
          tenantId,
          changes.name ?? null,
          changes.taxId ?? null,
          changes.address ? JSON.stringify(changes.address) : null,
          changes.bankAccounts ? JSON.stringify(changes.bankAccounts) : null,
          changes.defaultCurrency ?? null,
          changes.language ?? null,
          changes.timeZone ?? null,
        ],
      );
      await tx.append(
        'tenant',
        [eventOf(commandContextOf(ctx), tenantId, 'TenantDetailsChanged', { changes })],
        'any',
      );
      return rows[0];
    });
  },
});

export const tenantRoutes: RouteDefinition[] = [show, change];
