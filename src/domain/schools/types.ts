import type { SchoolPolicy } from './policy.js';

export interface School {
  id: number;
  name: string;
  timezone: string;
  policy: SchoolPolicy;
}

export interface ApiKeyRecord {
  id: number;
  schoolId: number;
  revokedAt: Date | null;
}

export interface SchoolRepository {
  create(input: { name: string; timezone: string }): Promise<School>;
  findById(id: number): Promise<School | null>;
  count(): Promise<number>;
  /** Replaces the stored (partial) policy. */
  savePolicy(id: number, policy: Partial<SchoolPolicy>): Promise<void>;
  storedPolicy(id: number): Promise<Partial<SchoolPolicy>>;
  addApiKey(input: { schoolId: number; name: string; prefix: string; keyHash: string }): Promise<ApiKeyRecord>;
  findApiKeyByHash(keyHash: string): Promise<ApiKeyRecord | null>;
  touchApiKey(id: number, at: Date): Promise<void>;
}
