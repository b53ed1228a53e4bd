import { Initial1732300000001 } from './0001-initial.js';

/** Every migration, oldest first. Add a new file `000N-<what>.ts` and one entry here. */
export const migrations = [Initial1732300000001];
