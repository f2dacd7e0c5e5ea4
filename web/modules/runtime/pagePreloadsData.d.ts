// The build manifest's page chunks, written by modules/pagePreloads.ts as a server template
// (its type, `PagePreloads`, is that module's).
declare module '#monity/page-preloads.mjs' {
  const preloads: unknown;
  export default preloads;
}
