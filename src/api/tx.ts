// The API runs business commands through the database's inTransaction.
export { inTransaction } from '../db/index.ts';
