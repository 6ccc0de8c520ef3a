import { startTestPostgres, stopTestPostgres } from './postgres.js';

export async function mochaGlobalSetup(): Promise<void> {
  await startTestPostgres();
}

export async function mochaGlobalTeardown(): Promise<void> {
  await stopTestPostgres();
}
