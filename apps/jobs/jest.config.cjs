// hyparquet-writer (through @ecom/lakehouse, the change-log export) and hyparquet (its specs' reader) ship ESM only;
// jest runs CommonJS, so swc also transforms their sources.
const base = require('../../jest.preset.cjs')({ displayName: 'jobs', rootDir: __dirname });

module.exports = {
  ...base,
  transformIgnorePatterns: ['/node_modules/(?!(hyparquet|hyparquet-writer)/)'],
};
