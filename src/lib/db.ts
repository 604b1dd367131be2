import { DATABASE_AUTH_TOKEN, DATABASE_URL } from 'astro:env/server';
import { openDatabase } from '../../db/client.ts';
import { readDatabaseConfig } from './config.ts';

// One client per server process; libSQL pools file connections itself. Migrations are applied by
// `npm start` before the server starts, never from inside a request.
export const { db, client } = await openDatabase(readDatabaseConfig({ DATABASE_URL, DATABASE_AUTH_TOKEN }));
