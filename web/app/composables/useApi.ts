import type { MonityClient } from '@monity/sdk';

/** The API client (made by plugins/api.ts). */
export function useApi(): MonityClient {
  return useNuxtApp().$api;
}
