import type { PduOf } from '../codec/pdu.ts';

/** Inbound requests the application answers with `session.respond(request, fields)`. */
export type AppRequestCommand = 'submit_sm' | 'submit_multi' | 'deliver_sm' | 'data_sm' | 'query_sm' | 'cancel_sm' | 'replace_sm';

/**
 * Events of a Session. Request events (submit_sm ...) must be answered with `respond`; one with no
 * listener is answered ESME_RINVCMDID at once. enquire_link and unbind are answered by the session.
 * 'error' is informational (the session closes itself when it must) and is only emitted when a
 * listener is attached, so an unhandled one never crashes the process.
 */
export interface SessionEvents {
  submit_sm: [request: PduOf<'submit_sm'>];
  submit_multi: [request: PduOf<'submit_multi'>];
  deliver_sm: [request: PduOf<'deliver_sm'>];
  data_sm: [request: PduOf<'data_sm'>];
  query_sm: [request: PduOf<'query_sm'>];
  cancel_sm: [request: PduOf<'cancel_sm'>];
  replace_sm: [request: PduOf<'replace_sm'>];
  alert_notification: [pdu: PduOf<'alert_notification'>];
  outbind: [pdu: PduOf<'outbind'>];
  /** The session is bound (server side: after onBind accepted, before bind_resp is written). */
  bound: [];
  /** The peer sent unbind; the session has answered and is closing. */
  unbind: [];
  /** Reading paused (backpressure or pauseReading) / resumed. */
  pause: [];
  resume: [];
  error: [error: Error];
  /** The socket is closed; every request still waiting has been rejected with SmppClosedError. */
  close: [];
}
