import {
  minorDigits,
  type Catalogue,
  type Condition,
  type CriteriaNode,
  type GroupSelection,
} from '@monity/core';
import { inMinorUnits } from '../compileCriteria.ts';
import { dayNumber } from './dayNumbers.ts';
import type { OverdueTotals } from './overdueTotals.ts';
import type { TenantColumns } from './tenantColumns.ts';

/**
 * Whether an invoice slot matches, given its customer `c` and currency number; a customer's
 * test ignores the slot (it is -1 there).
 */
type Test = (slot: number, c: number, currency: number) => boolean;

/**
 * A selection as two tests: `invoice` for the top-level conditions that read the invoice, and
 * `customer` for those that read only the customer and its totals in the invoice's currency.
 * A scan evaluates the customer's test once per customer and currency, as the SQL does.
 */
export interface Matcher {
  invoice: Test;
  customer: Test;
  /** The one currency the selection is restricted to: -1 for any, -2 for none held. */
  currency: number;
}

export interface MatchContext {
  columns: TenantColumns;
  /** The tenant's today as a day number. */
  today: number;
  catalogue: Catalogue;
  overdue: () => OverdueTotals;
}

const INVOICE_FIELDS = new Set([
  'currency',
  'daysOverdue',
  'dueDate',
  'issueDate',
  'amount',
  'openAmount',
  'agingBucket',
]);

const readsInvoice = (node: CriteriaNode): boolean => {
  if ('and' in node) return node.and.some(readsInvoice);
  if ('or' in node) return node.or.some(readsInvoice);
  if ('not' in node) return readsInvoice(node.not);
  return INVOICE_FIELDS.has(node.field);
};

const always: Test = () => true;

const all = (tests: Test[]): Test => {
  if (tests.length === 0) return always;
  if (tests.length === 1) return tests[0]!;
  return (slot, c, currency) => tests.every((test) => test(slot, c, currency));
};

/**
 * Compiles a selection the criteria validator accepted, naming only what `indexServes` lists
 * and what the catalogue holds (compileSelection has checked both, with the same errors).
 * The semantics are those of compileCriteria.ts: a condition on a missing value (a customer
 * without a city) is false, and `not` turns that false around.
 */
export function compileMatcher(selection: GroupSelection, context: MatchContext): Matcher {
  const compiler = new MatcherCompiler(context);
  const top = selection.criteria;
  const conjuncts = 'and' in top ? top.and : [top];
  const customerTests: Test[] = [];
  if (!selection.includeExcluded) {
    const { customers } = context.columns;
    customerTests.push((_slot, c) => !customers[c]!.excluded);
  }
  const invoiceTests: Test[] = [];
  for (const node of conjuncts) {
    (readsInvoice(node) ? invoiceTests : customerTests).push(compiler.node(node));
  }
  const currency = selection.currency
    ? (context.columns.currencyNumber(selection.currency) ?? -2)
    : -1;
  return { invoice: all(invoiceTests), customer: all(customerTests), currency };
}

class MatcherCompiler {
  constructor(private readonly context: MatchContext) {}

  node(node: CriteriaNode): Test {
    if ('and' in node) return all(node.and.map((n) => this.node(n)));
    if ('or' in node) {
      const tests = node.or.map((n) => this.node(n));
      return (slot, c, currency) => tests.some((test) => test(slot, c, currency));
    }
    if ('not' in node) {
      const test = this.node(node.not);
      return (slot, c, currency) => !test(slot, c, currency);
    }
    return this.condition(node);
  }

  private condition(condition: Condition): Test {
    const { columns } = this.context;
    const { customers } = columns;
    switch (condition.field) {
      case 'currency': {
        const codes = new Set(condition.value);
        const held = columns.currencyCodes.map((code) => codes.has(code));
        return condition.op === 'in'
          ? (_slot, _c, currency) => held[currency]!
          : (_slot, _c, currency) => !held[currency]!;
      }
      case 'country': {
        const codes = new Set(condition.value);
        const inList = (c: number) => codes.has(customers[c]!.country);
        return condition.op === 'in' ? (_s, c) => inList(c) : (_s, c) => !inList(c);
      }
      case 'city': {
        const cities = new Set(condition.value.map((city) => city.toLowerCase()));
        const inList = (c: number) => {
          const city = customers[c]!.city;
          return city !== null && cities.has(city);
        };
        return condition.op === 'in' ? (_s, c) => inList(c) : (_s, c) => !inList(c);
      }
      case 'daysOverdue':
        return this.daysOverdue(condition.value.min, condition.value.max);
      case 'dueDate':
        return this.dayRange(columns.due, condition.value.from, condition.value.to);
      case 'issueDate':
        return this.dayRange(columns.issue, condition.value.from, condition.value.to);
      case 'amount':
        return this.amountRange((slot) => columns.amount[slot]!, condition.value);
      case 'openAmount':
        return this.amountRange((slot) => columns.open[slot]!, condition.value);
      case 'customerOverdue': {
        const overdue = this.context.overdue();
        return this.amountRange(
          (_slot, c, currency) => overdue.amount(c, currency),
          condition.value,
        );
      }
      case 'overdueInvoices': {
        const overdue = this.context.overdue();
        const { min = -Infinity, max = Infinity } = condition.value;
        return (_slot, c, currency) => {
          const count = overdue.count(c, currency);
          return count >= min && count <= max;
        };
      }
      case 'agingBucket':
        return this.agingBucket(condition.value);
      case 'category': {
        const wanted = new Set(condition.value);
        const any = (c: number) => customers[c]!.categories.some((id) => wanted.has(id));
        return condition.op === 'anyOf' ? (_s, c) => any(c) : (_s, c) => !any(c);
      }
      case 'hasEmail': {
        const value = condition.value;
        return (_slot, c) => customers[c]!.hasEmail === value;
      }
      case 'hasPhone': {
        const value = condition.value;
        return (_slot, c) => customers[c]!.hasPhone === value;
      }
      case 'lastPayment': {
        const before = dayNumber(condition.value);
        return (_slot, c) => customers[c]!.lastPayment < before;
      }
      case 'attribute':
        return this.attribute(condition);
      default:
        // indexServes lets no other field through.
        throw new Error(`The preview index cannot evaluate ${JSON.stringify(condition)}`);
    }
  }

  /** `today - due` within `[min, max]`, as due-day bounds. */
  private daysOverdue(min?: number, max?: number): Test {
    const { due } = this.context.columns;
    const latest = min === undefined ? Infinity : this.context.today - min;
    const earliest = max === undefined ? -Infinity : this.context.today - max;
    return (slot) => due[slot]! <= latest && due[slot]! >= earliest;
  }

  private dayRange(days: Int32Array, from?: string, to?: string): Test {
    const earliest = from === undefined ? -Infinity : dayNumber(from);
    const latest = to === undefined ? Infinity : dayNumber(to);
    return (slot) => days[slot]! >= earliest && days[slot]! <= latest;
  }

  /**
   * Bounds written in the invoice's currency, turned into whole minor units of each currency
   * once (a lower bound rounded up, an upper one down), so slots compare numbers. Amounts are
   * below 2^53 (the ledger holds them as JS numbers), so a larger bound compares right too.
   */
  private amountRange(
    value: (slot: number, c: number, currency: number) => number,
    range: { min?: string; max?: string },
  ): Test {
    const bounds = (bound: string | undefined, side: 'min' | 'max') =>
      this.context.columns.currencyCodes.map((code) => {
        if (bound === undefined) return side === 'min' ? -Infinity : Infinity;
        return Number(inMinorUnits(bound.replace(',', '.'), minorDigits(code), side));
      });
    const mins = bounds(range.min, 'min');
    const maxes = bounds(range.max, 'max');
    return (slot, c, currency) => {
      const amount = value(slot, c, currency);
      return amount >= mins[currency]! && amount <= maxes[currency]!;
    };
  }

  private agingBucket(value: { schemeId: string; buckets: string[] }): Test {
    const scheme = this.context.catalogue.schemes.get(value.schemeId)!;
    const tests = value.buckets.map((label) => {
      const bucket = scheme.buckets.find((b) => b.label === label)!;
      if (bucket.from === null && bucket.to === null) return always;
      return this.daysOverdue(bucket.from ?? undefined, bucket.to ?? undefined);
    });
    return (slot, c, currency) => tests.some((test) => test(slot, c, currency));
  }

  private attribute(condition: Extract<Condition, { field: 'attribute' }>): Test {
    const { customers } = this.context.columns;
    const id = condition.attributeId;
    const valueOf = (c: number) => customers[c]!.attributes[id];
    const isSet = (c: number) => {
      const value = valueOf(c);
      return value !== undefined && value !== null;
    };
    switch (condition.op) {
      case 'isSet':
        return (_slot, c) => isSet(c);
      case 'isNotSet':
        return (_slot, c) => !isSet(c);
      case 'equals': {
        const wanted = condition.value;
        return (_slot, c) => valueOf(c) === wanted;
      }
      case 'in': {
        // `->>` reads a JSON value as text: a string as itself. Numbers and booleans of a text
        // attribute are compared as JavaScript writes them, which may differ from PostgreSQL
        // for numbers such as 1e21; attributes are validated against their type when set.
        const wanted = new Set(condition.value);
        return (_slot, c) => {
          const value = valueOf(c);
          if (value === undefined || value === null || typeof value === 'object') return false;
          return wanted.has(String(value));
        };
      }
      case 'between': {
        const { min = -Infinity, max = Infinity } = condition.value;
        return (_slot, c) => {
          const value = valueOf(c);
          return typeof value === 'number' && value >= min && value <= max;
        };
      }
    }
  }
}
