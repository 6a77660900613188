/** The shape of a sender name: what TON it travels with, or why it cannot be one. */
export type SenderFormat = { readonly kind: 'alphanumeric' } | { readonly kind: 'numeric' } | { readonly kind: 'invalid'; readonly reason: string };

export type SenderStatus = 'pending' | 'approved' | 'denied';
export type ModerationMode = 'manual' | 'automatic';

const ALPHANUMERIC = /^[A-Za-z0-9 .\-_&'!+]+$/;

/**
 * The platform's rules for a sender name: numeric (an optional '+' and 1–15 digits, a phone
 * number or short code) or alphanumeric (1–11 characters of Latin letters, digits, spaces and
 * . - _ & ' ! +, with at least one letter; what handsets show reliably).
 */
export function checkSenderFormat(name: string): SenderFormat {
  if (name.length === 0) return { kind: 'invalid', reason: 'the sender name is empty' };
  if (name !== name.trim()) return { kind: 'invalid', reason: 'the sender name starts or ends with a space' };
  if (/^\+?\d+$/.test(name)) {
    const digits = name.replace('+', '').length;
    return digits <= 15 ? { kind: 'numeric' } : { kind: 'invalid', reason: `a numeric sender has at most 15 digits (this one has ${digits})` };
  }
  if (!ALPHANUMERIC.test(name)) return { kind: 'invalid', reason: "an alphanumeric sender uses only Latin letters, digits, spaces and . - _ & ' ! +" };
  if (!/[A-Za-z]/.test(name)) return { kind: 'invalid', reason: 'an alphanumeric sender needs at least one letter; a numeric one only digits' };
  if (name.length > 11) return { kind: 'invalid', reason: `an alphanumeric sender has at most 11 characters (this one has ${name.length})` };
  return { kind: 'alphanumeric' };
}

/**
 * Whether a name is on the deny-list: entries compare case-insensitively and may use `*` for
 * any run of characters ("*BANK*" denies "MyBank1").
 */
export function isDenied(name: string, denylist: readonly string[]): boolean {
  const lower = name.toLowerCase();
  return denylist.some((pattern) => {
    const p = pattern.toLowerCase();
    if (!p.includes('*')) return p === lower;
    const re = new RegExp(`^${p.split('*').map(escapeRegExp).join('.*')}$`, 's');
    return re.test(lower);
  });
}

/**
 * The status a newly requested sender name gets: automatic moderation approves names that pass
 * the format rules and are not on the deny-list; everything else waits for an operator.
 */
export function decideNewSender(input: { readonly moderation: ModerationMode; readonly name: string; readonly denylist: readonly string[] }): 'approved' | 'pending' {
  if (input.moderation === 'manual') return 'pending';
  if (checkSenderFormat(input.name).kind === 'invalid') return 'pending';
  return isDenied(input.name, input.denylist) ? 'pending' : 'approved';
}

export type SenderVerdict = { readonly ok: true } | { readonly ok: false; readonly refusal: 'sender_not_approved' | 'sender_pending' };

/** Whether a message may use the sender: always with Dynamic Sender, else only an approved name. */
export function senderVerdict(input: { readonly dynamicSender: boolean; readonly status: SenderStatus | undefined }): SenderVerdict {
  if (input.dynamicSender) return { ok: true };
  switch (input.status) {
    case 'approved':
      return { ok: true };
    case 'pending':
      return { ok: false, refusal: 'sender_pending' };
    case 'denied':
    case undefined:
      return { ok: false, refusal: 'sender_not_approved' };
  }
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
