import { runMonity } from '@monity/core';
import { loadDemoLedger } from './demo/demoLedger.ts';

/** `npm start`: Monity with its embedded database, sandbox channels and a demo ledger. */
await runMonity({ demoLedger: loadDemoLedger });
