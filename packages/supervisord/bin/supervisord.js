#!/usr/bin/env -S node --max-semi-space-size=1
'use strict';
// The V8 flag above keeps the young generation small: a supervisor allocates little at a time, and
// a large young generation would only grow the daemon's resident memory. `npm start` and the
// benchmark run this file as a program, so they use the same flags.
require('../dist/main.js').main(process.argv.slice(2));
