// path-to-regexp v8 names parameters `:name` and wildcards `*name`.
const PARAMETER = /[:*]([A-Za-z_$][\w$]*)/g;

/** `/customers/:id` → `/customers/{id}`. */
export function toOpenApiPath(koaPath: string): string {
  if (/[{}]/.test(koaPath)) {
    throw new Error(`Optional segments have no OpenAPI form; split the route: ${koaPath}`);
  }
  return koaPath.replace(PARAMETER, '{$1}');
}

export function pathParameterNames(koaPath: string): string[] {
  return [...koaPath.matchAll(PARAMETER)].map((match) => match[1] as string);
}
