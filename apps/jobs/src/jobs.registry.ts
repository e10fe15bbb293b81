import type { JobDefinition } from './job.js';
import { createFraudMergeJob, createFraudRouterJob, FRAUD_TABLES } from './jobs/fraud/index.js';
import { fraudAlertSinks } from './jobs/fraud/fraud-alert-sinks.js';
import { fraudRulesTopic, loadFraudRules } from './jobs/fraud/fraud-rules-file.js';
import { lakeChangeLogJob } from './jobs/lake-changelog/lake-changelog-job.js';
import { createRevenueMergeJob, createRevenuePartialsJob } from './jobs/revenue/index.js';
import {
  createTopProductsMergeJob,
  createTopProductsPartialsJob,
  createTopProductsRouterJob,
  TOP_PRODUCTS_TABLES,
} from './jobs/top-products/index.js';
import { twoPhaseJobDefinition } from './stream-job-definition.js';

/** Every job this build of the app can run. Stream jobs register here as they land. */
export const JOBS: readonly JobDefinition[] = [
  twoPhaseJobDefinition(
    'revenue',
    'revenue, orders and customers per tumbling window (statistics_revenue); scales out',
    (config) => ({
      name: 'revenue',
      tables: ['orders'],
      createPartials: () => createRevenuePartialsJob({ correctionHorizon: config.correctionHorizonMs }),
      createMerge: (inputs) =>
        createRevenueMergeJob({ ...inputs, correctionHorizon: config.correctionHorizonMs }),
    }),
  ),
  twoPhaseJobDefinition(
    'top-products',
    'top products, trending and categories per tumbling window (statistics_top_product); scales out',
    (config) => {
      const options = { correctionHorizon: config.correctionHorizonMs };
      return {
        name: 'top-products',
        tables: TOP_PRODUCTS_TABLES,
        untimedTables: ['products', 'categories'],
        createPartials: () => createTopProductsRouterJob(options),
        createKeyed: (inputs) => createTopProductsPartialsJob({ ...options, ...inputs }),
        createMerge: (inputs) => createTopProductsMergeJob({ ...options, ...inputs }),
      };
    },
  ),
  twoPhaseJobDefinition(
    'fraud',
    'fraud alerts by rules as data (FRAUD_RULES_FILE, FRAUD_RULES_TOPIC; fraud_alerts): sources scale out, one detector merges',
    () => {
      const rules = loadFraudRules(process.env);
      const rulesTopic = fraudRulesTopic(process.env);
      return {
        name: 'fraud',
        tables: FRAUD_TABLES,
        untimedTables: ['customers'],
        tableTopics: [rulesTopic],
        createPartials: () => createFraudRouterJob(),
        createMerge: (inputs) => createFraudMergeJob({ ...inputs, rules, rulesTopic }),
      };
    },
    { sinks: fraudAlertSinks },
  ),
  lakeChangeLogJob(),
];
