module.exports = require('../../jest.preset.cjs')({ displayName: 'windowing', rootDir: __dirname });
