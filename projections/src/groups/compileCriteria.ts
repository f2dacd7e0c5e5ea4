import {
  minorDigits,
  ValidationError,
  type Catalogue,
  type Condition,
  type CriteriaNode,
  type FieldError,
  type GroupSelection,
} from '@monity/core';
import type { QueryParts } from '../ledger/keyset.ts';

/**
 * SQL of a group's selection as a condition over one open invoice `i` (rm_invoices), its
 * customer `c` (rm_customers) and the customer's totals in the invoice's currency `ct`
 * (rm_customer_totals, joined only when `usesTotals`).
 *
 * Every value the user wrote becomes a query parameter; the SQL text is built only from this
 * file's own fragments, chosen by field and operator from the allow-list the criteria schema
 * enforces. Days overdue become due-date bounds, so the open-invoice index serves them.
 */
export interface CompiledSelection {
  where: string;
  usesTotals: boolean;
}

export interface CompileContext {
  parts: QueryParts;
  /** The tenant's today, as a parameter placeholder is made from it. */
  today: string;
  catalogue: Catalogue;
}

export function compileSelection(
  selection: GroupSelection,
  context: CompileContext,
  pointer = '/body',
): CompiledSelection {
  const compiler = new Compiler(context);
  const conditions = ['i.open_amount > 0'];
  if (!selection.includeExcluded) conditions.push('NOT c.excluded');
  if (selection.currency) conditions.push(`i.currency = ${compiler.param(selection.currency)}`);
  conditions.push(compiler.node(selection.criteria, `${pointer}/criteria`));
  if (compiler.errors.length > 0) {
    throw new ValidationError('The criteria name things that do not exist.', compiler.errors);
  }
  return { where: conditions.join(' AND '), usesTotals: compiler.usesTotals };
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
      case 'attribute':
        return this.attribute(condition, at);
    }
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

  /** Amounts are written in the invoice's currency; its minor unit decides the scale. */
  private amountRange(expression: string, range: { min?: string; max?: string }) {
    this.scaleSql ??= this.scale();
    const bound = (value: string) =>
      `(${this.param(value.replace(',', '.'), 'numeric')} * ${this.scaleSql})`;
    const bounds = [
      range.min === undefined ? null : `${expression} >= ${bound(range.min)}`,
      range.max === undefined ? null : `${expression} <= ${bound(range.max)}`,
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
      .map(
        ([digits, codes]) =>
          `WHEN i.currency = ANY(${this.param(codes, 'text[]')}) THEN ${10 ** digits}`,
      )
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
