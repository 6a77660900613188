/**
 * SMPP 3.4 command ids (§5.1.2.1), keyed by their spec names so they can be searched against the
 * spec. A response id is its request id with the high bit set.
 */
export const COMMAND_IDS = {
  generic_nack: 0x80000000,
  bind_receiver: 0x00000001,
  bind_receiver_resp: 0x80000001,
  bind_transmitter: 0x00000002,
  bind_transmitter_resp: 0x80000002,
  query_sm: 0x00000003,
  query_sm_resp: 0x80000003,
  submit_sm: 0x00000004,
  submit_sm_resp: 0x80000004,
  deliver_sm: 0x00000005,
  deliver_sm_resp: 0x80000005,
  unbind: 0x00000006,
  unbind_resp: 0x80000006,
  replace_sm: 0x00000007,
  replace_sm_resp: 0x80000007,
  cancel_sm: 0x00000008,
  cancel_sm_resp: 0x80000008,
  bind_transceiver: 0x00000009,
  bind_transceiver_resp: 0x80000009,
  outbind: 0x0000000b,
  enquire_link: 0x00000015,
  enquire_link_resp: 0x80000015,
  submit_multi: 0x00000021,
  submit_multi_resp: 0x80000021,
  alert_notification: 0x00000102,
  data_sm: 0x00000103,
  data_sm_resp: 0x80000103,
} as const;

export type CommandName = keyof typeof COMMAND_IDS;

const namesById = new Map<number, CommandName>(
  (Object.keys(COMMAND_IDS) as CommandName[]).map((name) => [COMMAND_IDS[name], name]),
);

/** The spec name of a command id, or undefined when the id is not an SMPP 3.4 command. */
export function commandName(commandId: number): CommandName | undefined {
  return namesById.get(commandId);
}

/** Whether a command id is a response (high bit set, generic_nack included). */
export function isResponseId(commandId: number): boolean {
  return (commandId & 0x80000000) !== 0;
}

/** Requests and the response each one expects; alert_notification and outbind have none. */
export const RESPONSE_OF = {
  bind_receiver: 'bind_receiver_resp',
  bind_transmitter: 'bind_transmitter_resp',
  bind_transceiver: 'bind_transceiver_resp',
  query_sm: 'query_sm_resp',
  submit_sm: 'submit_sm_resp',
  deliver_sm: 'deliver_sm_resp',
  unbind: 'unbind_resp',
  replace_sm: 'replace_sm_resp',
  cancel_sm: 'cancel_sm_resp',
  enquire_link: 'enquire_link_resp',
  submit_multi: 'submit_multi_resp',
  data_sm: 'data_sm_resp',
} as const satisfies Partial<Record<CommandName, CommandName>>;

export type RespondedCommand = keyof typeof RESPONSE_OF;
