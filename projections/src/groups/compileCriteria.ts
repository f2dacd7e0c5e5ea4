import {
  minorDigits,
  ValidationError,
  type Catalogue,
  type Condition,
  type CriteriaNode,
  type FieldError,
  type GroupSelection,
} from '@monity/core';
import { PROGRESS } from '../collection/progressProjection.ts';
import type { QueryParts } from '../ledger/keyset.ts';
import { MESSAGES } from '../messages/messageProjection.ts';

/**
 * SQL of a group's selection, in two parts: conditions on one open invoice `i` (rm_invoices),
 * and conditions on its customer `c` (rm_customers) and the customer's totals in the invoice's
 * currency `ct` (rm_customer_totals). A query can then sum the matching invoices per customer
 * and currency first, from the open-invoice index alone, and test the customer once per sum
 * instead of once per invoice. A top-level condition mixing both (an `or` of an invoice and a
 * customer condition, say) stays with the invoice part, which then needs `c` and `ct` joined.
 *
 * Every value the user wrote becomes a query parameter; the SQL text is built only from this
 * file's own fragments, chosen by field and operator from the allow-list the criteria schema
 * enforces. Days overdue become due-date bounds, so the open-invoice index serves them. A step
 * reached is a question to the collection progress about the invoice, a contact one to the
 * message log about the customer, each an `EXISTS` over that table's index.
 */
export interface CompiledSelection {
  invoices: Part;
  customers: Part;
}

interface Part {
  where: string;
  /** Whether the part reads `c` and `ct`: `ct` must be joined on the invoice's currency. */
  usesCustomer: boolean;
  usesTotals: boolean;
}

export interface CompileContext {
  parts: QueryParts;
  /** The tenant's today, as a parameter placeholder is made from it. */
  today: string;
  catalogue: Catalogue;
  /** The currencies of the tenant's open invoices: amounts are compared in their minor units. */
  currencies: string[];
}

/** The fields that test one invoice; every other field tests its customer. */
export const INVOICE_FIELDS: ReadonlySet<string> = new Set([
  'currency',
  'daysOverdue',
  'dueDate',
  'issueDate',
  'amount',
  'openAmount',
  'agingBucket',
  'processStep',
]);

/**
 * The statuses of a message that count as a contact with its customer: it left, or it is on
 * its way (queued, held for a collector's approval, retried, or handed over with an outcome
 * nobody knows, which may have reached them). A message refused, rejected, failed or bounced
 * reached nobody, so a customer with only such messages has not been contacted yet.
 */
const CONTACT_STATUSES = [
  'queued',
  'awaiting_approval',
  'retrying',
  'unknown',
  'sent',
  'delivered',
  'opened',
];

type Side = 'invoice' | 'customer' | 'both';

function sideOf(node: CriteriaNode): Side {
  if ('field' in node) return INVOICE_FIELDS.has(node.field) ? 'invoice' : 'customer';
  const children = 'and' in node ? node.and : 'or' in node ? node.or : [node.not];
  const sides = new Set(children.map(sideOf));
  return sides.size === 1 ? [...sides][0]! : 'both';
}

export function compileSelection(
  selection: GroupSelection,
  context: CompileContext,
  pointer = '/body',
): CompiledSelection {
  const compiler = new Compiler(context);
  const invoices = { conditions: ['i.open_amount > 0'], usesCustomer: false, usesTotals: false };
  const customers = { conditions: [] as string[], usesCustomer: true, usesTotals: false };
  if (!selection.includeExcluded) customers.conditions.push('NOT c.excluded');
  if (selection.currency) {
    invoices.conditions.push(`i.currency = ${compiler.param(selection.currency)}`);
  }
  const at = `${pointer}/criteria`;
  const top = selection.criteria;
  const conjuncts: [CriteriaNode, string][] =
    'and' in top ? top.and.map((n, i) => [n, `${at}/and/${i}`]) : [[top, at]];
  for (const [node, path] of conjuncts) {
    const side = sideOf(node);
    const part = side === 'customer' ? customers : invoices;
    compiler.usesTotals = false;
    part.conditions.push(compiler.node(node, path));
    if (side === 'both') part.usesCustomer = true;
    part.usesTotals ||= compiler.usesTotals;
  }
  if (compiler.errors.length > 0) {
    throw new ValidationError('The criteria name things that do not exist.', compiler.errors);
  }
  const done = (part: typeof invoices): Part => ({
    where: part.conditions.length > 0 ? part.conditions.join(' AND ') : 'true',
    usesCustomer: part.usesCustomer,
    usesTotals: part.usesTotals,
  });
  return { invoices: done(invoices), customers: done(customers) };
}

class Compiler {
  readonly errors: FieldError[] = [];
  usesTotals = false;
  private todayParam?: string;
  private scaleSql?: string;

  constructor(private readonly context: CompileContext) {}

  param(value: unknown, type?: string): string {
    const placeholder = this.context.parts.param(value);
    return type ? `${placeholder}::${type}` : placeholder;
  }

  node(node: CriteriaNode, at: string): string {
    if ('and' in node) return this.join(node.and, 'AND', `${at}/and`);
    if ('or' in node) return this.join(node.or, 'OR', `${at}/or`);
    if ('not' in node) return `NOT coalesce(${this.node(node.not, `${at}/not`)}, false)`;
    // A NULL (a customer without a city, say) is false at the top and under `or`; only `not`
    // would turn it around, so `not` alone reads it as false first. Conditions stay bare, so
    // the planner can use them as index bounds.
    return this.condition(node, at);
  }

  private join(nodes: CriteriaNode[], operator: string, at: string): string {
    return `(${nodes.map((n, i) => this.node(n, `${at}/${i}`)).join(` ${operator} `)})`;
  }

  private condition(condition: Condition, at: string): string {
    switch (condition.field) {
      case 'currency':
        return this.inList('i.currency', condition.op, condition.value);
      case 'country':
        return this.inList('c.country', condition.op, condition.value);
      case 'city':
        return this.inList(
          'lower(c.city)',
          condition.op,
          condition.value.map((city) => city.toLowerCase()),
        );
      case 'daysOverdue':
        return this.daysOverdue(condition.value.min, condition.value.max);
      case 'dueDate':
        return this.range('i.due_date', condition.value.from, condition.value.to, 'date');
      case 'issueDate':
        return this.range('i.issue_date', condition.value.from, condition.value.to, 'date');
      case 'amount':
        return this.amountRange('i.amount', condition.value);
      case 'openAmount':
        return this.amountRange('i.open_amount', condition.value);
      case 'customerOverdue':
        this.usesTotals = true;
        return this.amountRange('coalesce(ct.overdue_amount, 0)', condition.value);
      case 'overdueInvoices':
        this.usesTotals = true;
        return this.range(
          'coalesce(ct.overdue_invoices, 0)',
          condition.value.min,
          condition.value.max,
          'int8',
        );
      case 'agingBucket':
        return this.agingBucket(condition.value, at);
      case 'category': {
        const any = `c.category_ids ?| ${this.param(condition.value, 'text[]')}`;
        return condition.op === 'anyOf' ? any : `NOT (${any})`;
      }
      case 'hasEmail':
        return `(jsonb_array_length(c.emails) > 0) = ${this.param(condition.value, 'boolean')}`;
      case 'hasPhone':
        return `(jsonb_array_length(c.phones) > 0) = ${this.param(condition.value, 'boolean')}`;
      case 'lastPayment':
        return `(c.last_payment_date IS NULL OR c.last_payment_date < ${this.param(
          condition.value,
          'date',
        )})`;
      case 'processStep':
        return this.processStep(condition.op, condition.value);
      case 'contacted':
        return this.contacted(condition.value);
      case 'attribute':
        return this.attribute(condition, at);
    }
  }

  // Known shortcoming: the preview index serves neither this nor `contacted`, so previews naming
  // them run this SQL, 0.7–1.4 s at a million open invoices (docs/groups.md).
  /** The invoice's progress row for the step, found by the progress table's primary key. */
  private processStep(op: 'reached' | 'notReached', step: { processId: string; stepId: string }) {
    const reached = `EXISTS (SELECT 1 FROM ${PROGRESS} p WHERE p.tenant_id = i.tenant_id
      AND p.process_id = ${this.param(step.processId, 'uuid')} AND p.invoice_id = i.invoice_id
      AND p.step_id = ${this.param(step.stepId, 'uuid')})`;
    return op === 'reached' ? reached : `NOT ${reached}`;
  }

  /**
   * Any message to the customer, but channel tests, in a status that counts as a contact: over
   * the message log's index by customer, which holds few rows per customer.
   */
  private contacted(contacted: boolean) {
    const any = `EXISTS (SELECT 1 FROM ${MESSAGES} m WHERE m.tenant_id = c.tenant_id
      AND m.customer_id = c.customer_id AND m.purpose <> 'test'
      AND m.status = ANY(${this.param(CONTACT_STATUSES, 'text[]')}))`;
    return contacted ? any : `NOT ${any}`;
  }

  private inList(expression: string, op: 'in' | 'notIn', values: string[]) {
    const test = `${expression} = ANY(${this.param(values, 'text[]')})`;
    return op === 'in' ? test : `NOT coalesce(${test}, false)`;
  }

  private range(expression: string, min: unknown, max: unknown, type: string): string {
    const bounds = [
      min === undefined ? null : `${expression} >= ${this.param(min, type)}`,
      max === undefined ? null : `${expression} <= ${this.param(max, type)}`,
    ].filter((b) => b !== null);
    return `(${bounds.join(' AND ')})`;
  }

  /** `today - due >= min` is `due <= today - min`: bounds on the indexed due date. */
  private daysOverdue(min?: number, max?: number): string {
    this.todayParam ??= this.param(this.context.today, 'date');
    const bounds = [
      min === undefined ? null : `i.due_date <= ${this.todayParam} - ${this.param(min, 'int')}`,
      max === undefined ? null : `i.due_date >= ${this.todayParam} - ${this.param(max, 'int')}`,
    ].filter((b) => b !== null);
    return `(${bounds.join(' AND ')})`;
  }

  /**
   * Amounts are written in the invoice's currency. For each currency of the ledger the bound
   * is turned into whole minor units once, here, so rows compare integers; a currency that
   * appears meanwhile is compared through its scale.
   */
  private amountRange(expression: string, range: { min?: string; max?: string }) {
    const bound = (value: string, side: 'min' | 'max') => {
      const decimal = value.replace(',', '.');
      this.scaleSql ??= this.scale();
      const generic = `(${this.param(decimal, 'numeric')} * ${this.scaleSql})`;
      if (this.context.currencies.length === 0) return generic;
      const cases = this.context.currencies
        .map((code) => {
          const minor = inMinorUnits(decimal, minorDigits(code), side);
          return `WHEN ${this.param(code)} THEN ${this.param(minor, 'int8')}`;
        })
        .join(' ');
      return `(CASE i.currency ${cases} ELSE ${generic} END)`;
    };
    const bounds = [
      range.min === undefined ? null : `${expression} >= ${bound(range.min, 'min')}`,
      range.max === undefined ? null : `${expression} <= ${bound(range.max, 'max')}`,
    ].filter((b) => b !== null);
    return `(${bounds.join(' AND ')})`;
  }

  private scale(): string {
    const byDigits = new Map<number, string[]>();
    for (const code of Intl.supportedValuesOf('currency')) {
      const digits = minorDigits(code);
      if (digits !== 2) byDigits.set(digits, [...(byDigits.get(digits) ?? []), code]);
    }
    const cases = [...byDigits]
      .map(([digits, codes]) => {
        const list = this.param(codes, 'text[]');
        return `WHEN i.currency = ANY(${list}) THEN ${10 ** digits}`;
      })
      .join(' ');
    return `(CASE ${cases} ELSE 100 END)`;
  }

  private agingBucket(value: { schemeId: string; buckets: string[] }, at: string): string {
    const scheme = this.context.catalogue.schemes.get(value.schemeId);
    if (!scheme) {
      this.errors.push({ pointer: `${at}/value/schemeId`, message: 'no such aging scheme' });
      return 'false';
    }
    const ranges = value.buckets.map((label, index) => {
      const bucket = scheme.buckets.find((b) => b.label === label);
      if (!bucket) {
        this.errors.push({
          pointer: `${at}/value/buckets/${index}`,
          message: `no bucket "${label}" in the scheme ${scheme.name}`,
        });
        return 'false';
      }
      if (bucket.from === null && bucket.to === null) return 'true';
      return this.daysOverdue(bucket.from ?? undefined, bucket.to ?? undefined);
    });
    return `(${ranges.join(' OR ')})`;
  }

  private attribute(condition: Extract<Condition, { field: 'attribute' }>, at: string): string {
    const attribute = this.context.catalogue.attributes.get(condition.attributeId);
    if (!attribute) {
      this.errors.push({ pointer: `${at}/attributeId`, message: 'no such attribute' });
      return 'false';
    }
    const id = this.param(condition.attributeId, 'text');
    const value = `c.attributes -> ${id}`;
    const wrongType = (expected: string) => {
      this.errors.push({
        pointer: `${at}/value`,
        message: `the attribute ${attribute.name} holds ${attribute.type}, not ${expected}`,
      });
      return 'false';
    };
    switch (condition.op) {
      case 'isSet':
        return `(${value} IS NOT NULL AND ${value} <> 'null'::jsonb)`;
      case 'isNotSet':
        return `(${value} IS NULL OR ${value} = 'null'::jsonb)`;
      case 'equals': {
        const type = typeof condition.value;
        const expected =
          attribute.type === 'number'
            ? 'number'
            : attribute.type === 'boolean'
              ? 'boolean'
              : 'string';
        if (type !== expected) return wrongType(type);
        if (attribute.type === 'choice' && !attribute.choices?.includes(String(condition.value))) {
          this.errors.push({
            pointer: `${at}/value`,
            message: `is not a choice of ${attribute.name}`,
          });
          return 'false';
        }
        return `${value} = ${this.param(JSON.stringify(condition.value), 'jsonb')}`;
      }
      case 'in':
        if (attribute.type !== 'text' && attribute.type !== 'choice') return wrongType('text');
        return `(c.attributes ->> ${id}) = ANY(${this.param(condition.value, 'text[]')})`;
      case 'between': {
        if (attribute.type !== 'number') return wrongType('a number range');
        const text = `c.attributes ->> ${id}`;
        const number = `(CASE WHEN jsonb_typeof(${value}) = 'number' THEN (${text})::numeric END)`;
        return this.range(number, condition.value.min, condition.value.max, 'numeric');
      }
    }
  }
}

/**
 * A decimal string as whole minor units of a currency with `digits` decimals, exactly: a lower
 * bound rounds up, an upper bound down (an invoice of 100 JPY is not "at least 99.5").
 */
export function inMinorUnits(decimal: string, digits: number, side: 'min' | 'max'): string {
  const negative = decimal.startsWith('-');
  const [whole = '0', fraction = ''] = decimal.replace('-', '').split('.');
  const scaled = BigInt(whole + fraction.padEnd(digits, '0').slice(0, digits));
  const cut = /[1-9]/.test(fraction.slice(digits));
  const signed = negative ? -scaled : scaled;
  // A cut-off remainder moves the bound inward: up for a minimum, down for a maximum.
  if (!cut) return String(signed);
  if (side === 'min') return String(negative ? signed : signed + 1n);
  return String(negative ? signed - 1n : signed);
}
