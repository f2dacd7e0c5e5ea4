/** The `next` query value if it is a path on this site; anything else is an open redirect. */
export function safeRedirect(next: unknown, fallback: string): string {
  return typeof next === 'string' && next.startsWith('/') && !next.startsWith('//')
    ? next
    : fallback;
}
