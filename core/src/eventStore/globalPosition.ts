import type { GlobalPosition } from './eventStore.ts';

export function comparePositions(a: GlobalPosition, b: GlobalPosition): number {
  if (a.transaction !== b.transaction) return a.transaction < b.transaction ? -1 : 1;
  if (a.sequence !== b.sequence) return a.sequence < b.sequence ? -1 : 1;
  return 0;
}

/** `transaction:sequence`, for checkpoints kept as text, logs and URLs. */
export function formatPosition(position: GlobalPosition): string {
  return `${position.transaction}:${position.sequence}`;
}

export function parsePosition(text: string): GlobalPosition {
  const match = /^(\d{1,20}):(\d{1,20})$/.exec(text);
  if (!match) throw new Error(`Not a global position: ${text}`);
  return { transaction: BigInt(match[1]!), sequence: BigInt(match[2]!) };
}
