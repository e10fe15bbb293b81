import baseConfig, { packageJsonChecks } from '../../eslint.config.mjs';

export default [...baseConfig, ...packageJsonChecks()];
