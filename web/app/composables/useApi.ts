import { createMonityClient, type MonityClient } from '@monity/sdk';

let client: MonityClient | undefined;

/** The API client; the page's own origin serves the API, so no address is configured. */
export function useApi(): MonityClient {
  client ??= createMonityClient();
  return client;
}
