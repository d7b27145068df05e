import type { Via } from '../shared/principal.js';

export interface AuditEntry {
  schoolId: number;
  actorId: number | null;
  via: Via;
  entity: string;
  entityId: string | number;
  action: string;
  before?: unknown;
  after?: unknown;
}

export interface AuditRecord extends Required<Omit<AuditEntry, 'entityId'>> {
  id: number;
  entityId: string;
  at: Date;
}

export interface AuditRepository {
  record(entries: AuditEntry[]): Promise<void>;
  list(query: { schoolId: number; entity?: string; entityId?: string; from?: Date; to?: Date; limit: number }): Promise<AuditRecord[]>;
}
