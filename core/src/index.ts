export * from './errors.ts';
export * from './eventStore/index.ts';
