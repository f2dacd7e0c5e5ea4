import type { Logger } from 'pino';
import { eventOf } from '../access/commandContext.ts';
import { commandContextOf, inPrincipalTenant } from '../access/requestContext.ts';
import type { HttpContext } from '../http/appState.ts';
import { defineRoute, type RouteDefinition } from '../http/defineRoute.ts';
import type { RateTable } from './exchangeRateEvents.ts';
import { importRateTables, rateStreamIn, type RateImportReport } from './importRateTables.ts';
import { nbpApiSchema, readNbpJson, type NbpApiTable } from './nbpJson.ts';
import { readRateFile } from './readRateFile.ts';
import { receiveRateFile } from './receiveRateFile.ts';

const reportSchema = {
  type: 'object',
  required: ['imported', 'corrected', 'unchanged', 'tables'],
  properties: {
    imported: { type: 'integer' },
    corrected: { type: 'integer', description: 'Tables that replaced one of the same number' },
    unchanged: { type: 'integer' },
    tables: {
      type: 'array',
      items: {
        type: 'object',
        required: ['number', 'effectiveDate', 'status'],
        properties: {
          number: { type: 'string' },
          effectiveDate: { type: 'string', format: 'date' },
          status: { enum: ['imported', 'corrected', 'unchanged'] },
        },
      },
    },
  },
};

async function imported(ctx: HttpContext, tables: RateTable[], format: string) {
  const command = commandContextOf(ctx);
  const report: RateImportReport = await inPrincipalTenant(ctx, (tx, tenantId) =>
    importRateTables(rateStreamIn(tx, tenantId), tables, (table) =>
      eventOf(command, tenantId, 'ExchangeRateTableImported', table),
    ),
  );
  const { imported: added, corrected, unchanged } = report;
  ctx.state.container
    .resolve<Logger>('logger')
    .info({ format, imported: added, corrected, unchanged }, 'exchange rates imported');
  return report;
}

const importTables = defineRoute<unknown, unknown, NbpApiTable | NbpApiTable[]>({
  method: 'POST',
  path: '/api/exchange-rates',
  operationId: 'importExchangeRates',
  summary: 'Import NBP table A average rates, as the NBP Web API answers them',
  description:
    'The body of `api.nbp.pl/api/exchangerates/tables/A/{from}/{to}/?format=json`: an array ' +
    'of tables, or one table. A table whose number is held with the same rates is left ' +
    'unchanged; with other rates it replaces the one held (corrected).',
  tags: ['exchange-rates'],
  access: 'ledger.configure',
  body: nbpApiSchema,
  responses: { 200: { description: 'What became of each table', schema: reportSchema } },
  handler: (ctx, { body }) => imported(ctx, readNbpJson(body, '/body'), 'nbp-json'),
});

const importFile = defineRoute({
  method: 'POST',
  path: '/api/exchange-rates/files',
  operationId: 'importExchangeRateFile',
  summary: "Import a file of NBP table A rates: the Web API's JSON or the yearly CSV archive",
  description:
    'Multipart field `file`, at most 2 MB; the format is told from the content. ' +
    '`archiwum_tab_a_<year>.csv` from nbp.pl is read in Windows-1250 with decimal commas.',
  tags: ['exchange-rates'],
  access: 'ledger.configure',
  responses: { 200: { description: 'What became of each table', schema: reportSchema } },
  handler: async (ctx) => {
    const { format, tables } = readRateFile(await receiveRateFile(ctx));
    return imported(ctx, tables, format);
  },
});

/** The write side of exchange rates; the rates are read from the read model in projections/. */
export const exchangeRateRoutes: RouteDefinition[] = [importTables, importFile];
