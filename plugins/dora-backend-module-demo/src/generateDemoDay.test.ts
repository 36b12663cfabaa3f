import {
  DoraDeploymentEvent,
  DoraEvent,
  DoraIncidentEvent,
} from '@paved-road/plugin-dora-common';
import { DEFAULT_DEMO_ENTITIES } from './config';
import { generateDemoDay } from './generateDemoDay';
import { generateRange } from './__testUtils__/generateRange';
import { validateEvent } from './__testUtils__/validateEvent';

const NOW = Date.parse('2026-11-20T14:30:00Z');
const HOUR = 3_600_000;

const byEntity = new Map(
  DEFAULT_DEMO_ENTITIES.map(ref => [ref, generateRange(ref, 365, NOW)]),
);
const all = [...byEntity.values()].flat();
const deployments = (events: DoraEvent[]) =>
  events.filter((e): e is DoraDeploymentEvent => e.kind === 'deployment');
const incidents = (events: DoraEvent[]) =>
  events.filter((e): e is DoraIncidentEvent => e.kind === 'incident');
const production = (events: DoraEvent[]) =>
  deployments(events).filter(d => d.environment === 'production');
const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

describe('generateDemoDay', () => {
  it('gives the same ids and values for the same entity and day', () => {
    const options = {
      entityRef: 'component:default/payments-api',
      day: '2026-06-03',
      now: NOW,
    };
    const first = generateDemoDay(options);
    expect(first.events.length).toBeGreaterThan(0);
    expect(generateDemoDay(options)).toEqual(first);
    expect(generateDemoDay({ ...options, now: NOW + 30 * 86_400_000 })).toEqual(
      first,
    );
    expect(first.events[0].id).toMatch(/^demo-payments-api-2026-06-03-\d+$/);
    expect(
      generateDemoDay({ ...options, day: '2026-06-04' }).events[0].id,
    ).toMatch(/^demo-payments-api-2026-06-04-/);
  });

  it('generates only events that pass the strict shape check', () => {
    const problems = all
      .map((event, index) => ({
        index,
        id: event.id,
        problems: validateEvent(event),
      }))
      .filter(p => p.problems.length > 0);
    expect(problems).toEqual([]);
    for (const kind of ['deployment', 'incident', 'build']) {
      const ids = all.filter(e => e.kind === kind).map(e => e.id);
      expect(new Set(ids).size).toBe(ids.length);
    }
  });

  it("builds each production deployment's commit on main just before it starts", () => {
    const builds = all.filter(e => e.kind === 'build');
    const shipped = production(all);
    expect(builds.length).toBeGreaterThan(shipped.length);
    for (const d of shipped) {
      const main = builds.find(
        b =>
          b.kind === 'build' &&
          b.pipeline === 'main' &&
          b.commitSha === d.commitSha,
      );
      expect(main).toBeDefined();
      if (main?.kind !== 'build') continue;
      expect(main.status).toBe('success');
      expect(Date.parse(main.finishedAt)).toBeLessThan(
        Date.parse(d.startedAt!),
      );
    }
    const statuses = new Set(
      builds.map(b => (b.kind === 'build' ? b.status : '')),
    );
    expect([...statuses].sort()).toEqual(['cancelled', 'failure', 'success']);
  });

  it('generates nothing in the future and leaves unresolved incidents open', () => {
    const times = all.flatMap(e => {
      if (e.kind === 'deployment') {
        return [
          e.startedAt!,
          e.finishedAt,
          ...e.changes!.map(c => c.committedAt),
        ];
      }
      if (e.kind === 'build') return [e.startedAt, e.finishedAt];
      return [e.openedAt, ...(e.resolvedAt ? [e.resolvedAt] : [])];
    });
    expect(Math.max(...times.map(t => Date.parse(t)))).toBeLessThanOrEqual(NOW);
    expect(Math.min(...times.map(t => Date.parse(t)))).toBeGreaterThan(
      NOW - 400 * 86_400_000,
    );

    // Late in a busy day some incident is still open at `now`; later it closes.
    const ref = 'component:default/payments-api';
    const partial = generateDemoDay({
      entityRef: ref,
      day: '2026-11-20',
      now: NOW,
    });
    const full = generateDemoDay({
      entityRef: ref,
      day: '2026-11-20',
      now: NOW + 86_400_000,
    });
    expect(partial.complete).toBe(false);
    expect(full.complete).toBe(true);
    const fullById = new Map(full.events.map(e => [`${e.kind}/${e.id}`, e]));
    // Incidents still open at `now` resolve later; everything else is final.
    const resolvedLater = expect.any(String);
    const expected = partial.events.map(event =>
      event.kind === 'incident' && event.resolvedAt === null
        ? { ...event, resolvedAt: resolvedLater }
        : event,
    );
    expect(
      partial.events.map(event => fullById.get(`${event.kind}/${event.id}`)),
    ).toEqual(expected);
    expect(full.events.length).toBeGreaterThan(partial.events.length);
  });

  it('ships changes committed before the deployment finished', () => {
    for (const d of deployments(all)) {
      for (const change of d.changes!) {
        expect(Date.parse(change.committedAt)).toBeLessThan(
          Date.parse(d.finishedAt),
        );
      }
    }
  });

  it('links explicit incidents to a production deployment of the same entity before them', () => {
    for (const events of byEntity.values()) {
      const prod = new Map(production(events).map(d => [d.id, d]));
      const linked = incidents(events).filter(i => i.deploymentId);
      expect(linked.length).toBeGreaterThan(0);
      for (const incident of linked) {
        const deployment = prod.get(incident.deploymentId!);
        expect(deployment).toBeDefined();
        expect(deployment!.status).not.toBe('failure');
        expect(Date.parse(deployment!.finishedAt)).toBeLessThanOrEqual(
          Date.parse(incident.openedAt),
        );
      }
    }
  });

  it('gives each example entity its own delivery profile', () => {
    const perWeek = (ref: string) =>
      production(byEntity.get(ref)!).filter(d => d.status !== 'failure')
        .length /
      (366 / 7);
    const leadHours = (ref: string) =>
      median(
        production(byEntity.get(ref)!).flatMap(d =>
          d.changes!.map(
            c => (Date.parse(d.finishedAt) - Date.parse(c.committedAt)) / HOUR,
          ),
        ),
      );
    const payments = 'component:default/payments-api';
    const checkout = 'component:default/checkout-web';
    const ledger = 'component:default/ledger';
    const reporter = 'component:default/deploy-reporter';

    expect(perWeek(payments)).toBeGreaterThan(14); // several a weekday
    expect(perWeek(checkout)).toBeGreaterThan(4);
    expect(perWeek(ledger)).toBeGreaterThan(1); // a few a week
    expect(perWeek(ledger)).toBeLessThan(5);
    expect(perWeek(reporter)).toBeLessThan(1.5);
    expect(leadHours(payments)).toBeLessThan(12);
    expect(leadHours(ledger)).toBeGreaterThan(24);
    expect(leadHours(reporter)).toBeGreaterThan(leadHours(ledger));
  });

  it('mixes statuses, environments, rework and severities like real life', () => {
    const prod = production(all);
    const share = (n: number) => n / prod.length;
    expect(
      share(prod.filter(d => d.status === 'rolled_back').length),
    ).toBeGreaterThan(0.01);
    expect(
      share(prod.filter(d => d.status === 'failure').length),
    ).toBeGreaterThan(0.02);
    expect(
      share(prod.filter(d => d.status === 'success').length),
    ).toBeGreaterThan(0.85);
    const rework = share(prod.filter(d => d.rework).length);
    expect(rework).toBeGreaterThan(0.02);
    expect(rework).toBeLessThan(0.2);
    expect(deployments(all).some(d => d.environment === 'staging')).toBe(true);
    const severities = new Set(incidents(all).map(i => i.severity));
    expect([...severities].sort()).toEqual(['sev1', 'sev2', 'sev3']);
    // Elite means rare incidents.
    const paymentsProd = production(
      byEntity.get('component:default/payments-api')!,
    );
    const paymentsIncidents = incidents(
      byEntity.get('component:default/payments-api')!,
    );
    expect(paymentsIncidents.length / paymentsProd.length).toBeLessThan(0.06);
  });

  it('gives entities outside the examples a profile and namespaced ids', () => {
    const { events } = generateDemoDay({
      entityRef: 'component:shop/basket',
      day: '2026-03-02',
      now: NOW,
    });
    const year = generateRange('component:shop/basket', 365, NOW);
    expect(year.length).toBeGreaterThan(10);
    expect(year[0].id).toMatch(
      /^demo-component-shop-basket-\d{4}-\d{2}-\d{2}-/,
    );
    expect(events.every(e => e.entityRef === 'component:shop/basket')).toBe(
      true,
    );
  });
});
