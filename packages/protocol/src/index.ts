export * from './states';
export * from './faults';
export * from './xmlrpc/value';
