/** A member of the operator's staff: admins do everything, managers see only their clients. */
export interface Operator {
  readonly id: number;
  readonly login: string;
  readonly role: 'admin' | 'manager';
  readonly name: string;
  readonly email: string;
  readonly disabled: boolean;
  readonly createdAt: Date;
}

/** Who made a change, as the history records it. */
export interface Actor {
  readonly id: number | null;
  readonly login: string;
}

export const systemActor: Actor = { id: null, login: 'system' };

export const actorOf = (op: Operator): Actor => ({ id: op.id, login: op.login });
