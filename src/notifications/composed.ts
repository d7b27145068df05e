import type { ComplianceFile } from '../domain/compliance/index.js';
import type { RenderedMessage } from './channels/types.js';

// Apart from compose.ts: the compliance composer returns these too, and compose.ts calls it.
export type Composed =
  /** `file`: a report the delivery renders to PDF and attaches (one path for every "report as a file" notice). */
  | { action: 'send'; message: RenderedMessage; editable: boolean; file?: ComplianceFile }
  | { action: 'skip'; reason: string }
  /** The recipient is no longer tied to what the notice is about (the domain's decision drops it). */
  | { action: 'untied'; tie: { holds: false; what: string } };

export const untied = (what: string): Composed => ({ action: 'untied', tie: { holds: false, what } });
