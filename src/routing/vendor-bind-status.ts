/** The live state of one SMPP session (bind) to a vendor, as the dispatcher reports it. */
export interface VendorBindStatus {
  /** 0-based session number, below the vendor's `sessions`. */
  readonly session: number;
  readonly state: 'connecting' | 'bound' | 'backoff' | 'closed';
  /** When it entered this state. */
  readonly since: Date;
  /** Submits sent and not yet answered. */
  readonly inFlight: number;
  /** The last error (connection, bind refusal, throttling), if any. */
  readonly lastError: string | null;
  /** Which Petrel node holds the bind (several nodes may share the database). */
  readonly node?: string;
}

/** The binds of a vendor right now; the dispatcher provides it, the admin API shows it. */
export type VendorBindStatusProvider = (vendorId: number) => readonly VendorBindStatus[] | Promise<readonly VendorBindStatus[]>;

/** The node that holds a vendor (binds and sends for it), with its binds as it last reported them. */
export interface VendorHolder {
  readonly node: string;
  /** Its binds' live state at its last lease renewal (a couple of seconds old at most). */
  readonly binds: readonly VendorBindStatus[];
}
