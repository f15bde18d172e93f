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
  moduleNameMapper: {
    '^@supervisor-ts/supervisord/extension$': '<rootDir>/packages/supervisord/src/extension.ts',
    '^@supervisor-ts/(.*)$': '<rootDir>/packages/$1/src/index.ts',
  },
  testTimeout: 30000,
};
