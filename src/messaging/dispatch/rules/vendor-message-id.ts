/** How a vendor writes its message ids (vendors.message_id_base). */
export type MessageIdBase = 'auto' | 'decimal' | 'hex';

/**
 * A vendor's message id in the one form Petrel stores and correlates by, so the id of a
 * submit_sm_resp and the id in a receipt for it compare equal however the vendor pads or cases
 * them: 'decimal' ids lose leading zeros, 'hex' ids are lower case without leading zeros, 'auto'
 * ids are compared as text, ignoring case. An id that does not read in its base stays text.
 */
export function normalizeVendorMessageId(id: string, base: MessageIdBase): string {
  const trimmed = id.trim();
  switch (base) {
    case 'decimal':
      return /^\d{1,40}$/.test(trimmed) ? BigInt(trimmed).toString(10) : trimmed.toLowerCase();
    case 'hex':
      return /^[0-9a-f]{1,40}$/i.test(trimmed) ? BigInt(`0x${trimmed}`).toString(16) : trimmed.toLowerCase();
    case 'auto':
      return trimmed.toLowerCase();
  }
}
