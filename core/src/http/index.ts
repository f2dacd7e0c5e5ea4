export type { AppContext, AppState, HttpContext } from './appState.ts';
export { REQUEST_ID_HEADER } from './assignRequestId.ts';
export { createHttpApp, type HttpAppOptions } from './createHttpApp.ts';
export {
  defineRoute,
  type HttpMethod,
  type ResponseSpec,
  type RouteDefinition,
  type RouteSpec,
} from './defineRoute.ts';
export { EVENT_STREAM_TYPE } from './eventStream.ts';
export type { ReadinessCheck } from './healthRoutes.ts';
export type { JsonSchema } from './jsonSchema.ts';
export { createOpenApiDocument, type OpenApiDocument } from './openApiDocument.ts';
export { PROBLEM_CONTENT_TYPE, type Problem } from './problemDetails.ts';
export { problemSchema } from './problemSchema.ts';
export type { RequestInput } from './readRequestInput.ts';
