import type { CustomerRecord } from '@monity/core';
import type { AccountPlan } from './accountPlan.ts';
import { pickCity, polishAddress } from './addresses.ts';
import { foreignEmails, foreignPhone, polishEmails, polishPhones } from './contacts.ts';
import { foreignAddress, foreignCompanyName, pickForeignCity } from './foreignCountries.ts';
import { companyName, person, privatePersonName } from './polishNames.ts';
import type { Random } from './prng.ts';
import { foreignTaxId, polishNip, writeNip } from './taxIds.ts';

/** Shares of customers with contact data: most have an e-mail, fewer a telephone number. */
const EMAIL_SHARE = 0.85;
const PHONE_SHARE = 0.7;
const FOREIGN_PHONE_SHARE = 0.45;

/** The customer's master data as its ERP holds it, in the text stream of the customer. */
export function customerRecord(random: Random, id: string, plan: AccountPlan): CustomerRecord {
  const foreign = plan.foreign;
  if (foreign) {
    const place = pickForeignCity(random, foreign);
    const name = foreignCompanyName(random, foreign, place.name);
    const address = foreignAddress(random, foreign, place);
    const taxId = foreignTaxId(random, foreign.code);
    const emails = random.chance(EMAIL_SHARE) ? foreignEmails(random, name, foreign.code) : [];
    const phones = random.chance(FOREIGN_PHONE_SHARE) ? [foreignPhone(random, foreign.code)] : [];
    return record(id, name.name, taxId, foreign.code, address, emails, phones);
  }
  const city = pickCity(random);
  const name = plan.privatePerson ? privatePersonName(random) : companyName(random, city.name);
  const taxId = plan.privatePerson ? undefined : writeNip(random, polishNip(random));
  const address = polishAddress(random, city);
  const emails = random.chance(plan.privatePerson ? 0.6 : EMAIL_SHARE)
    ? polishEmails(random, name, person(random))
    : [];
  const phones = random.chance(PHONE_SHARE) ? polishPhones(random, city, !!name.owner) : [];
  return record(id, name.name, taxId, 'PL', address, emails, phones);
}

function record(
  id: string,
  name: string,
  taxId: string | undefined,
  country: string,
  address: { street: string; postalCode: string; city: string },
  emails: string[],
  phones: string[],
): CustomerRecord {
  return {
    id,
    name,
    ...(taxId === undefined ? {} : { taxId }),
    country,
    street: address.street,
    postalCode: address.postalCode,
    city: address.city,
    ...(emails.length > 0 ? { emails } : {}),
    ...(phones.length > 0 ? { phones } : {}),
  };
}
