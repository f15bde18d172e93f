#!/usr/bin/env node
// Builds the native helper (addon.c and the files it names) with node-gyp when it is missing or
// older than its sources.
// A failed build is reported but not fatal: the daemon then spawns through child_process.
'use strict';
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const here = __dirname;
const addon = path.join(here, 'build', 'Release', 'supervisord_native.node');
const sources = ['addon.h', 'addon.c', 'spawn.c', 'pipes.c', 'binding.gyp'].map((name) => path.join(here, name));

function modified(file) {
  return fs.statSync(file, { throwIfNoEntry: false })?.mtimeMs ?? -1;
}

const builtAt = modified(addon);
if (builtAt > 0 && sources.every((source) => modified(source) <= builtAt)) process.exit(0);

const result = spawnSync('node-gyp', ['rebuild'], { cwd: here, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
if (result.status !== 0) {
  const reason = result.error ? result.error.message : (result.stderr || '').trim().split('\n').slice(-3).join('\n');
  process.stderr.write(`native spawner not built (the daemon will use child_process instead):\n${reason}\n`);
}
