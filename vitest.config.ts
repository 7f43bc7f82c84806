import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    // Business time depends on the local zone: pin it so results never depend on the machine.
    env: { TZ: 'Asia/Shanghai', NO_COLOR: '1', ICM_DEBUG: '' },
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
})
