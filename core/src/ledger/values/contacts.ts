import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';

/**
 * A phone number in E.164 ("+48601234567"), or `undefined` when it is not a valid number.
 * Numbers written without a country code are read as numbers of `country`.
 */
export function toE164(text: string, country: string): string | undefined {
  const number = parsePhoneNumberFromString(text, country as CountryCode);
  return number?.isValid() ? number.number : undefined;
}

// The shape a mail server accepts in practice: one @, no spaces, a dotted domain. Deliverability
// is the channel's concern; this catches typing and mapping mistakes.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function isEmailAddress(text: string): boolean {
  return text.length <= 320 && EMAIL.test(text);
}
