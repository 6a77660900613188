/**
 * The server's own pure rules of the message path, for inline checks: what the forms accept is
 * what the API accepts, with the same messages.
 */
export { availableFunds } from '../../../src/billing/rules/can-charge.ts';
export { formatCidr, parseCidr } from '../../../src/accounts/rules/cidr.ts';
export { checkSenderFormat } from '../../../src/policy/rules/check-sender.ts';
export { normalizeMsisdn } from '../../../src/policy/rules/normalize-msisdn.ts';
export { priceString, signedAmountString } from '../../../src/routing/http-params.ts';
