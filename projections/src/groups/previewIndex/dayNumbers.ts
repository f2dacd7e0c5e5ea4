const DAY_MS = 86_400_000;

/** A calendar day (`YYYY-MM-DD`) as whole days since 1970-01-01: dates compare as integers. */
export const dayNumber = (day: string): number => Date.parse(day) / DAY_MS;

/** Stands for "no day" where a customer has never paid: before every date. */
export const NO_DAY = -2_147_483_648;
