import { runMonity } from './server/runMonity.ts';

/** The server alone, as deployments run it; `npm start` adds a demo ledger (scripts/start.ts). */
await runMonity();
