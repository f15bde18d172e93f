'use strict';
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/packages', '<rootDir>/test'],
  testMatch: ['**/test/**/*.test.ts', '**/test/**/*.e2e.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  transform: {
    '^.+\\.(t|j)s$': ['@swc/jest', { jsc: { target: 'es2022' }, module: { type: 'commonjs' } }],
  },
  // shlex ships as an ES module only: let swc turn it into CommonJS for jest.
  transformIgnorePatterns: ['/node_modules/(?!shlex/)'],
  moduleNameMapper: {
    '^@supervisor-ts/supervisord/extension$': '<rootDir>/packages/supervisord/src/extension.ts',
    '^@supervisor-ts/(.*)$': '<rootDir>/packages/$1/src/index.ts',
  },
  testTimeout: 30000,
};
