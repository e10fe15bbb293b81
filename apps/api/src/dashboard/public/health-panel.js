// Pipeline health: what PostgreSQL shows (shop row changes per second, replication-slot lag, result delay,
// outbox, alert deliveries, checkpoints) and the in-process counters when this process runs the jobs.
import { el, figure } from './dom.js';
import { formatBytes, formatSeconds, formatTime } from './format.js';

const NOT_PERSISTED = 'not in PostgreSQL';

export function healthPanel() {
  const figures = document.getElementById('health-figures');
  const jobs = document.getElementById('health-jobs');
  return {
    update(h) {
      if (h === null) return;
      const at = Date.parse(h.at);
      const slotLag =
        h.slots.length === 0
          ? 'no slot'
          : h.slots
              .map((s) => `${s.name}: ${formatBytes(s.lagBytes)}${s.active ? '' : ' (inactive)'}`)
              .join(', ');
      const delays =
        h.resultDelays.length === 0
          ? 'no final window yet'
          : h.resultDelays.map((d) => `${d.job}: ${formatSeconds(d.delaySeconds)}`).join(', ');
      const c = h.counters;
      figures.replaceChildren(
        figure(
          'Events per second (shop row changes)',
          h.eventsPerSecond === null ? '—' : String(h.eventsPerSecond),
        ),
        figure('CDC lag (replication slot)', slotLag),
        figure('Consumer lag (Kafka)', c?.consumerLag === undefined ? NOT_PERSISTED : String(c.consumerLag)),
        figure('Watermark delay (≤ now − newest final window end)', delays),
        figure('Late events', c === null ? NOT_PERSISTED : String(c.lateEvents)),
        figure('Dead letters', c === null ? NOT_PERSISTED : String(c.deadLetters)),
        figure(
          'Alert webhooks dead-lettered / pending',
          `${h.alertDeliveries.deadLettered} / ${h.alertDeliveries.pending}`,
        ),
        figure('Results awaiting relay (outbox)', String(h.outbox)),
        figure(
          'Scheduled runs (last of each)',
          c?.scheduledRuns === undefined
            ? 'no schedule in this process'
            : c.scheduledRuns.length === 0
              ? 'none yet'
              : c.scheduledRuns
                  .map(
                    (r) =>
                      `${r.task}: ${r.outcome} in ${formatSeconds(r.durationMs / 1000)} at ${formatTime(r.startedAt)}`,
                  )
                  .join('; '),
        ),
        figure('Read at (UTC)', formatTime(h.at)),
      );
      jobs.replaceChildren(
        ...(h.jobs.length === 0
          ? [el('tr', {}, el('td', { colSpan: 4 }, 'No job has checkpoints yet.'))]
          : h.jobs.map((j) =>
              el(
                'tr',
                {},
                el('td', {}, j.job),
                el('td', {}, String(j.partitions)),
                el('td', {}, `${formatSeconds((at - Date.parse(j.lastCommit)) / 1000)} ago`),
                el('td', {}, j.offsetsPerSecond === null ? '—' : String(j.offsetsPerSecond)),
              ),
            )),
      );
    },
  };
}
