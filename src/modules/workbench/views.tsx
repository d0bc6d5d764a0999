/** The dashboard's queues: what waits for this person, most pressing first. */
import type { Queue } from './queues.ts';

export function Queues(props: { queues: Queue[] }) {
  if (!props.queues.length) return null;
  const ordered = [...props.queues].sort((a, b) => Number(!!b.urgent) - Number(!!a.urgent) || Number(b.count > 0) - Number(a.count > 0));
  return (
    <section aria-labelledby="queues-h" class="queues">
      <h2 id="queues-h">待办</h2>
      <ul>
        {ordered.map((q) => (
          <li class={q.urgent ? 'urgent' : q.count ? 'waiting' : 'empty'}>
            <a href={q.href}>
              <span class="count">{q.count}</span>
              <span class="label">{q.label}</span>
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}
