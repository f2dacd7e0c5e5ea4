import {
  minorDigits,
  type Catalogue,
  type Condition,
  type CriteriaNode,
  type GroupSelection,
} from '@monity/core';
import { INVOICE_FIELDS, inMinorUnits } from '../compileCriteria.ts';
import { dayNumber } from './dayNumbers.ts';
import type { OverdueTotals } from './overdueTotals.ts';
import {
  allOf,
  anyOf,
  currencyFilter,
  customerFilter,
  customerFlagFilter,
  customerRangeFilter,
  customerTotalFilter,
  everything,
  noneOf,
  rangeFilter,
  rangePerCurrencyFilter,
  type Filter,
} from './slotFilters.ts';
import type { TenantColumns } from './tenantColumns.ts';

export interface FilterContext {
  columns: TenantColumns;
  /** The tenant's today as a day number. */
  today: number;
  catalogue: Catalogue;
  overdue: () => OverdueTotals;
}

const readsCustomer = (node: CriteriaNode): boolean => {
  if ('and' in node) return node.and.some(readsCustomer);
  if ('or' in node) return node.or.some(readsCustomer);
  if ('not' in node) return readsCustomer(node.not);
  return !INVOICE_FIELDS.has(node.field);
};

const nothing: Filter = () => 0;

/**
 * Compiles a selection the criteria validator accepted, naming only what `indexServes` lists
 * and what the catalogue holds (compileSelection has checked both, with the same errors), into
 * one filter of open invoice slots. The semantics are those of compileCriteria.ts: a condition
 * on a missing value (a customer without a city) is false, and `not` turns that false around.
 * The top-level conditions on the invoice alone go first: they are the cheapest to test.
 */
export function compileFilter(selection: GroupSelection, context: FilterContext): Filter {
  const { columns } = context;
  const compiler = new FilterCompiler(context);
  const top = selection.criteria;
  const conjuncts = 'and' in top ? top.and : [top];
  const ordered = [
    ...conjuncts.filter((node) => !readsCustomer(node)),
    ...conjuncts.filter(readsCustomer),
  ];
  const filters = ordered.map((node) => compiler.node(node));
  if (selection.currency) {
    const only = columns.currencyNumber(selection.currency);
    filters.unshift(only === undefined ? nothing : compiler.currencies([selection.currency]));
  }
  if (!selection.includeExcluded) {
    filters.push(customerFlagFilter(columns, columns.excluded, 0));
  }
  return allOf(filters);
}

class FilterCompiler {
  constructor(private readonly context: FilterContext) {}

  node(node: CriteriaNode): Filter {
    const slots = this.context.columns.size;
    if ('and' in node) return allOf(node.and.map((n) => this.node(n)));
    if ('or' in node) {
      return anyOf(
        node.or.map((n) => this.node(n)),
        slots,
      );
    }
    if ('not' in node) return noneOf(this.node(node.not), slots);
    return this.condition(node);
  }

  currencies(codes: string[], keep = true): Filter {
    const wanted = new Set(codes);
    const { currencyCodes } = this.context.columns;
    const flagged = Uint8Array.from(currencyCodes, (code) => (wanted.has(code) === keep ? 1 : 0));
    return currencyFilter(this.context.columns, flagged);
  }

  private condition(condition: Condition): Filter {
    const { columns } = this.context;
    const { customers } = columns;
    const ofCustomer = (test: (c: number, currency: number) => boolean) =>
      customerFilter(columns, test);
    switch (condition.field) {
      case 'currency':
        return this.currencies(condition.value, condition.op === 'in');
      case 'country': {
        const codes = new Set(condition.value);
        const keep = condition.op === 'in';
        return ofCustomer((c) => codes.has(customers[c]!.country) === keep);
      }
      case 'city': {
        const cities = new Set(condition.value.map((city) => city.toLowerCase()));
        const keep = condition.op === 'in';
        return ofCustomer((c) => {
          const city = customers[c]!.city;
          return (city !== null && cities.has(city)) === keep;
        });
      }
      case 'daysOverdue':
        return this.daysOverdue(condition.value.min, condition.value.max);
      case 'dueDate':
        return this.dayRange(columns.due, condition.value.from, condition.value.to);
      case 'issueDate':
        return this.dayRange(columns.issue, condition.value.from, condition.value.to);
      case 'amount':
        return this.amountRange(columns.amount, condition.value);
      case 'openAmount':
        return this.amountRange(columns.open, condition.value);
      case 'customerOverdue': {
        const { stride, amounts } = this.context.overdue();
        const { lowest, highest } = this.amountBounds(condition.value);
        return customerTotalFilter(columns, { stride, cells: amounts }, lowest, highest);
      }
      case 'overdueInvoices': {
        const { stride, counts } = this.context.overdue();
        const { min = -Infinity, max = Infinity } = condition.value;
        const each = (bound: number) => new Float64Array(columns.currencyCodes.length).fill(bound);
        return customerTotalFilter(columns, { stride, cells: counts }, each(min), each(max));
      }
      case 'agingBucket':
        return this.agingBucket(condition.value);
      case 'category': {
        const wanted = new Set(condition.value);
        const keep = condition.op === 'anyOf';
        return ofCustomer((c) => customers[c]!.categories.some((id) => wanted.has(id)) === keep);
      }
      case 'hasEmail':
        return customerFlagFilter(columns, columns.hasEmail, condition.value ? 1 : 0);
      case 'hasPhone':
        return customerFlagFilter(columns, columns.hasPhone, condition.value ? 1 : 0);
      case 'lastPayment':
        // No payment is NO_DAY, before every day; "before" is "at most the day before".
        return customerRangeFilter(
          columns,
          columns.lastPayment,
          -Infinity,
          dayNumber(condition.value) - 1,
        );
      case 'attribute':
        return ofCustomer(this.attribute(condition));
      default:
        // indexServes lets no other field through.
        throw new Error(`The preview index cannot evaluate ${JSON.stringify(condition)}`);
    }
  }

  /** `today - due` within `[min, max]`, as due-day bounds. */
  private daysOverdue(min?: number, max?: number): Filter {
    const { today, columns } = this.context;
    const earliest = max === undefined ? -Infinity : today - max;
    const latest = min === undefined ? Infinity : today - min;
    return rangeFilter(columns.due, earliest, latest);
  }

  private dayRange(days: Int32Array, from?: string, to?: string): Filter {
    const earliest = from === undefined ? -Infinity : dayNumber(from);
    const latest = to === undefined ? Infinity : dayNumber(to);
    return rangeFilter(days, earliest, latest);
  }

  private amountRange(column: Float64Array, range: { min?: string; max?: string }): Filter {
    const { lowest, highest } = this.amountBounds(range);
    return rangePerCurrencyFilter(this.context.columns, column, lowest, highest);
  }

  /**
   * Bounds written in the invoice's currency, turned into whole minor units of each currency
   * once (a lower bound rounded up, an upper one down), so slots compare numbers. Amounts are
   * below 2^53 (the ledger holds them as JS numbers), so a larger bound compares right too.
   */
  private amountBounds(range: { min?: string; max?: string }) {
    const bounds = (bound: string | undefined, side: 'min' | 'max') =>
      Float64Array.from(this.context.columns.currencyCodes, (code) => {
        if (bound === undefined) return side === 'min' ? -Infinity : Infinity;
        return Number(inMinorUnits(bound.replace(',', '.'), minorDigits(code), side));
      });
    return { lowest: bounds(range.min, 'min'), highest: bounds(range.max, 'max') };
  }

  private agingBucket(value: { schemeId: string; buckets: string[] }): Filter {
    const scheme = this.context.catalogue.schemes.get(value.schemeId)!;
    const filters = value.buckets.map((label) => {
      const bucket = scheme.buckets.find((b) => b.label === label)!;
      if (bucket.from === null && bucket.to === null) return everything;
      return this.daysOverdue(bucket.from ?? undefined, bucket.to ?? undefined);
    });
    if (filters.includes(everything)) return everything;
    return anyOf(filters, this.context.columns.size);
  }

  private attribute(condition: Extract<Condition, { field: 'attribute' }>): (c: number) => boolean {
    const { customers } = this.context.columns;
    const id = condition.attributeId;
    const valueOf = (c: number) => customers[c]!.attributes[id];
    const isSet = (c: number) => {
      const value = valueOf(c);
      return value !== undefined && value !== null;
    };
    switch (condition.op) {
      case 'isSet':
        return isSet;
      case 'isNotSet':
        return (c) => !isSet(c);
      case 'equals': {
        const wanted = condition.value;
        return (c) => valueOf(c) === wanted;
      }
      case 'in': {
        // `->>` reads a JSON value as text: a string as itself. Numbers and booleans of a text
        // attribute are compared as JavaScript writes them, which may differ from PostgreSQL
        // for numbers such as 1e21; attributes are validated against their type when set.
        const wanted = new Set(condition.value);
        return (c) => {
          const value = valueOf(c);
          if (value === undefined || value === null || typeof value === 'object') return false;
          return wanted.has(String(value));
        };
      }
      case 'between': {
        const { min = -Infinity, max = Infinity } = condition.value;
        return (c) => {
          const value = valueOf(c);
          return typeof value === 'number' && value >= min && value <= max;
        };
      }
    }
  }
}
