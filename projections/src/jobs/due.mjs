// bree runs this file in a worker thread when a schedule is due. The work itself needs the
// server's database pools, so the worker only tells the server it is time.
import { parentPort } from 'node:worker_threads';

parentPort?.postMessage('due');
parentPort?.postMessage('done');
