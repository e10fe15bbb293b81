// The dashboard page: one event stream (/dashboard/events) feeding the panels; recommendations on demand.
import { alertFeed } from './alert-feed.js';
import { openEventStream } from './event-stream.js';
import { healthPanel } from './health-panel.js';
import { recommendationsPanel } from './recommendations-panel.js';
import { revenuePanel } from './revenue-panel.js';
import { topProductsPanel } from './top-products-panel.js';

const revenue = revenuePanel();
const top = topProductsPanel();
const alerts = alertFeed();
const health = healthPanel();
recommendationsPanel();

const connection = document.getElementById('connection');
let databaseError = null;
const showState = (state, text) => {
  connection.dataset.state = databaseError === null ? state : 'offline';
  connection.textContent = databaseError === null ? text : `Database unavailable: ${databaseError}`;
};

openEventStream(
  '/dashboard/events',
  ({ event, data }) => {
    if (event === 'snapshot') {
      revenue.snapshot(data.revenue);
      top.update(data.topProducts);
      alerts.snapshot(data.alerts, data.alertLimit);
      health.update(data.health);
    } else if (event === 'revenue') revenue.update(data);
    else if (event === 'top-products') top.update(data.windows);
    else if (event === 'alerts') alerts.add(data.alerts);
    else if (event === 'health') health.update(data);
    else if (event === 'status') {
      databaseError = data.ok ? null : data.message;
      showState('live', 'Live');
    }
  },
  showState,
);
