import { http, type Query } from './http.ts';
import type { Items, Page } from './types.ts';

/** Where messages go: destinations, vendors, pools and routes (src/routing/*.http.ts). */

export interface Destination {
  readonly id: number;
  readonly country: string;
  readonly name: string;
  readonly network: string | null;
  readonly mcc: string | null;
  readonly mnc: string | null;
  readonly prefixes: string[];
  readonly createdAt: string;
}

export interface DestinationImport {
  readonly accepted: number;
  readonly created: number;
  readonly updated: number;
  readonly refused: { readonly line: number; readonly value?: string; readonly reason: string }[];
}

export type BindType = 'transceiver' | 'transmitter';
export type VendorCoding = 'gsm7' | 'latin1' | 'ascii';
export type MessageIdBase = 'auto' | 'decimal' | 'hex';

/** A vendor as the API shows it: everything but its password. */
export interface Vendor {
  readonly id: number;
  readonly name: string;
  readonly host: string;
  readonly port: number;
  readonly tls: boolean;
  readonly systemId: string;
  readonly passwordSet: boolean;
  readonly systemType: string;
  readonly bindType: BindType;
  readonly sessions: number;
  readonly tps: number;
  readonly windowSize: number;
  readonly enquireLinkSeconds: number;
  readonly reconnectDelaySeconds: number;
  readonly defaultCoding: VendorCoding;
  readonly sourceTon: number | null;
  readonly sourceNpi: number | null;
  readonly destTon: number;
  readonly destNpi: number;
  readonly messageIdBase: MessageIdBase;
  readonly rerouteCodes: number[];
  readonly blocked: boolean;
  readonly dailyLimit: number | null;
  readonly enabled: boolean;
  readonly createdAt: string;
}

/** The live state of one SMPP session to a vendor. */
export interface VendorBind {
  readonly session: number;
  readonly state: 'connecting' | 'bound' | 'backoff' | 'closed';
  readonly since: string;
  readonly inFlight: number;
  readonly lastError: string | null;
  readonly node?: string;
}

export interface PoolMember {
  readonly vendorId: number;
  readonly weight: number;
  readonly vendorName?: string;
}

export interface Pool {
  readonly id: number;
  readonly name: string;
  readonly members: PoolMember[];
  readonly createdAt: string;
}

export interface Route {
  readonly id: number;
  readonly name: string;
  readonly kind: 'general' | 'personal';
  readonly clientId: number | null;
  /** null: any destination. */
  readonly destinationId: number | null;
  readonly priority: number;
  readonly poolId: number;
  readonly filterSenders: string[];
  readonly filterPrefixes: string[];
  readonly filterText: string[];
  readonly rerouteCodes: number[];
  readonly enabled: boolean;
  readonly createdAt: string;
}

export type RouteInput = Omit<Route, 'id' | 'kind' | 'createdAt'>;

export const destinations = {
  list: (query: Query) => http.get<Page<Destination>>('/api/admin/destinations', query),
  get: (id: number) => http.get<{ destination: Destination }>(`/api/admin/destinations/${id}`),
  create: (body: Record<string, unknown>) => http.post<{ destination: Destination }>('/api/admin/destinations', body),
  update: (id: number, body: Record<string, unknown>) => http.patch<{ destination: Destination }>(`/api/admin/destinations/${id}`, body),
  remove: (id: number) => http.delete<unknown>(`/api/admin/destinations/${id}`),
  importCsv: (csv: string) => http.post<DestinationImport>('/api/admin/destinations/import', { csv }),
  seedWorld: () => http.post<{ created: number; existing: number }>('/api/admin/destinations/seed-world'),
};

export const vendors = {
  list: () => http.get<Items<Vendor>>('/api/admin/vendors'),
  /** The vendor, its binds as this node sees them, and the node that binds and sends for it (several nodes may share the database). */
  get: (id: number) => http.get<{ vendor: Vendor; binds: VendorBind[]; heldBy: string | null }>(`/api/admin/vendors/${id}`),
  create: (body: Record<string, unknown>) => http.post<{ vendor: Vendor }>('/api/admin/vendors', body),
  update: (id: number, body: Record<string, unknown>) => http.patch<{ vendor: Vendor }>(`/api/admin/vendors/${id}`, body),
  remove: (id: number) => http.delete<unknown>(`/api/admin/vendors/${id}`),
};

export const pools = {
  list: () => http.get<Items<Pool>>('/api/admin/pools'),
  create: (body: { name: string; members: PoolMember[] }) => http.post<{ pool: Pool }>('/api/admin/pools', body),
  update: (id: number, body: { name?: string; members?: PoolMember[] }) => http.patch<{ pool: Pool }>(`/api/admin/pools/${id}`, body),
  remove: (id: number) => http.delete<unknown>(`/api/admin/pools/${id}`),
};

export const routes = {
  list: (query: Query = {}) => http.get<Items<Route>>('/api/admin/routes', query),
  /** A client's personal routes and the general ones, in failover order (managers may read it). */
  ofClient: (clientId: number) => http.get<Items<Route>>(`/api/admin/clients/${clientId}/routes`),
  create: (body: Partial<RouteInput>) => http.post<{ route: Route }>('/api/admin/routes', body),
  update: (id: number, body: Partial<RouteInput>) => http.patch<{ route: Route }>(`/api/admin/routes/${id}`, body),
  remove: (id: number) => http.delete<unknown>(`/api/admin/routes/${id}`),
};
