import { openDatabase } from '../../db/client.ts';
import { databaseConfig } from './config.ts';
import { settings } from './settings.ts';

// One client per server process; libSQL pools file connections itself. Migrations are applied by
// `npm start` before the server starts, never from inside a request.
export const { db, client } = await openDatabase(databaseConfig(settings));
