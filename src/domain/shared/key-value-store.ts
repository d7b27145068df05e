/**
 * Small durable documents by key: the bot's sessions and conversation state. A port so the
 * bot never reaches the database; values must be JSON-serialisable.
 */
export interface KeyValueStore {
  read(key: string): Promise<unknown | undefined>;
  /** Several keys in one round trip; missing keys are absent from the map. */
  readMany?(keys: string[]): Promise<Map<string, unknown>>;
  write(key: string, value: unknown): Promise<void>;
  delete(key: string): Promise<void>;
}
