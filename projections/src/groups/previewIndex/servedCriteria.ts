import type { CriteriaNode, GroupSelection } from '@monity/core';

/**
 * The fields and operators the preview index evaluates itself, listed one by one. A criteria
 * document naming anything else (a field added to the criteria later, say) is answered by the
 * SQL of compileCriteria.ts instead, which knows every field.
 */
const SERVED: Readonly<Record<string, readonly string[]>> = {
  currency: ['in', 'notIn'],
  country: ['in', 'notIn'],
  city: ['in', 'notIn'],
  daysOverdue: ['between'],
  overdueInvoices: ['between'],
  dueDate: ['between'],
  issueDate: ['between'],
  amount: ['between'],
  openAmount: ['between'],
  customerOverdue: ['between'],
  agingBucket: ['in'],
  category: ['anyOf', 'noneOf'],
  hasEmail: ['is'],
  hasPhone: ['is'],
  lastPayment: ['noneSince'],
  attribute: ['isSet', 'isNotSet', 'equals', 'in', 'between'],
};

/** Whether every condition of the selection is one the index evaluates. */
export function indexServes(selection: GroupSelection): boolean {
  const stack: CriteriaNode[] = [selection.criteria];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if ('and' in node) stack.push(...node.and);
    else if ('or' in node) stack.push(...node.or);
    else if ('not' in node) stack.push(node.not);
    else if (!Object.hasOwn(SERVED, node.field) || !SERVED[node.field]!.includes(node.op)) {
      return false;
    }
  }
  return true;
}
