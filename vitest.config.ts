import { defineConfig } from 'vitest/config';

// Three projects so each kind of test can run alone (`npm run test:unit` ...) with its own timeouts.
// Integration and e2e tests drive a real Vault binary; their global setup resolves (and on first use
// builds) it once, with progress on the terminal, before any test starts.
export default defineConfig({
  test: {
    // Tests that make SDK clients themselves get the switch harness/aws/clients.ts sets.
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          testTimeout: 20_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          globalSetup: ['test/support/global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          // Most e2e time is waiting on the wall clock (the aws target, LocalStack's alarm scheduler),
          // not CPU: three files at a time. Vitest runs a project with its own worker count in a group
          // of its own, after the unit and integration tests (one file at a time on two cores).
          maxWorkers: 3,
          sequence: { groupOrder: 1 },
          globalSetup: ['test/support/global-setup.ts'],
          testTimeout: 300_000,
          hookTimeout: 300_000,
        },
      },
    ],
  },
});
