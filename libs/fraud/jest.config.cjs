module.exports = require('../../jest.preset.cjs')({ displayName: 'fraud', rootDir: __dirname });
