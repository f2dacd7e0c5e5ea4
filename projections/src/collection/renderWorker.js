// A worker thread of RenderPool. Worker threads on Node 20 do not inherit tsx's loader from
// the process that starts them, so the TypeScript module is loaded through tsx's API: the same
// way whether the server runs from `npm start`, a test or a benchmark.
import { tsImport } from 'tsx/esm/api';

const { renderBatch } = await tsImport('./renderBatch.ts', import.meta.url);

export default renderBatch;
