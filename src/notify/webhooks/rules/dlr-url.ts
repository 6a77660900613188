export interface DlrUrlValues {
  /** %d: the dlr-mask bit of the state (1 delivered, 2 not delivered, 4 queued, 8 SMSC accepted, 16 SMSC reject). */
  readonly status: number;
  /** %i: the text's id as /sendsms answered it. */
  readonly messageId: string;
  /** %p: the recipient. */
  readonly phone: string;
  /** %s: the sender. */
  readonly sender: string;
  /** %A: a receipt-like answer, `id:<id> stat:<STAT> err:<NNN>`. */
  readonly answer: string;
  /** %T: unix seconds of the event. */
  readonly unixTime: number;
}

/**
 * The dlr-url with its placeholders filled in, each value URL-encoded; `%%` is a percent sign and
 * any other `%x` is left as it is (it may be part of the URL's own encoding). Pure.
 */
export function expandDlrUrl(template: string, v: DlrUrlValues): string {
  const values: Record<string, string> = {
    d: String(v.status),
    i: v.messageId,
    p: v.phone,
    s: v.sender,
    A: v.answer,
    T: String(v.unixTime),
  };
  return template.replace(/%([dipsAT%])/g, (_, key: string) => (key === '%' ? '%' : encodeURIComponent(values[key] ?? '')));
}

/** The `%A` answer: what an SMPP receipt would say of the text. */
export function dlrAnswer(messageId: string, stat: string, errorCode: number | null): string {
  return `id:${messageId} stat:${stat} err:${String(errorCode ?? 0).padStart(3, '0').slice(-3)}`;
}
