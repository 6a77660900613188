import { COMMAND_STATUS as S } from './command-status.ts';

/**
 * Sizes of the C-Octet String fields (SMPP 3.4 §4, counting the NUL like the spec's tables) and the
 * command_status a peer gets when one is too long.
 */
export const FIELD = {
  systemId: { max: 16, status: S.ESME_RINVSYSID, name: 'system_id' },
  password: { max: 9, status: S.ESME_RINVPASWD, name: 'password' },
  systemType: { max: 13, status: S.ESME_RINVSYSTYP, name: 'system_type' },
  addressRange: { max: 41, status: S.ESME_RINVSRCADR, name: 'address_range' },
  serviceType: { max: 6, status: S.ESME_RINVSERTYP, name: 'service_type' },
  sourceAddr: { max: 21, status: S.ESME_RINVSRCADR, name: 'source_addr' },
  destinationAddr: { max: 21, status: S.ESME_RINVDSTADR, name: 'destination_addr' },
  // data_sm and alert_notification allow longer addresses.
  sourceAddr65: { max: 65, status: S.ESME_RINVSRCADR, name: 'source_addr' },
  destinationAddr65: { max: 65, status: S.ESME_RINVDSTADR, name: 'destination_addr' },
  esmeAddr: { max: 65, status: S.ESME_RINVDSTADR, name: 'esme_addr' },
  messageId: { max: 65, status: S.ESME_RINVMSGID, name: 'message_id' },
  dlName: { max: 21, status: S.ESME_RINVDLNAME, name: 'dl_name' },
} as const;

/** short_message is at most 254 octets (sm_length is one octet; 255 is reserved). */
export const MAX_SHORT_MESSAGE = 254;

/** number_of_dests of submit_multi. */
export const MAX_DESTS = 254;

export interface FieldLimit {
  readonly max: number;
  readonly status: number;
  readonly name: string;
}
