export * from './schools.js';
export * from './people.js';
export * from './groups.js';
export * from './journal.js';
export * from './notifications.js';
export * from './compliance.js';
export * from './year.js';
export * from './backups.js';
