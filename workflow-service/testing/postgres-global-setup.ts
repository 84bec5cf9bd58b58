// vitest globalSetup: one real PostgreSQL for the whole unit-test run (testing/postgres.ts),
// handed to the tests as `inject('postgresUrl')`, stopped when the run ends. No PostgreSQL on
// the machine fails the run (PostgresNotFoundError), never skips the PostgreSQL half of a test.
import type { TestProject } from 'vitest/node';
import { startPostgres } from './postgres';

declare module 'vitest' {
  export interface ProvidedContext {
    postgresUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const postgres = await startPostgres();
  project.provide('postgresUrl', postgres.url);
  return () => postgres.stop();
}
