/** The only source of "now" in Monity, injected so tests and "as of" queries can move it. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };
