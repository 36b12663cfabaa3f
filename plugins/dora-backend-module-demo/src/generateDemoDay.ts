import { parseEntityRef } from '@backstage/catalog-model';
import {
  DoraChange,
  DoraDeploymentEvent,
  DoraDeploymentStatus,
  DoraEvent,
  DoraIncidentEvent,
} from '@paved-road/plugin-dora-common';
import { DemoProfile, profileFor } from './profiles';
import { SeededRandom } from './random';
import { demoBuilds } from './demoBuilds';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * The `source` of every generated event; the UI labels it as demo data.
 *
 * @public
 */
export const DEMO_SOURCE = 'demo';

/**
 * One generated UTC day of one entity.
 *
 * @public
 */
export interface DemoDay {
  /** Deployments, incidents and builds of the day, as they stand at `now`. */
  events: DoraEvent[];
  /** False when part of the day lies after `now` (regenerate it later). */
  complete: boolean;
}

/** Start of a UTC day `yyyy-mm-dd`, in epoch ms. */
export function dayStartMs(day: string): number {
  return Date.parse(`${day}T00:00:00.000Z`);
}

/** The UTC day `yyyy-mm-dd` of an instant. */
export function utcDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

function idPrefix(entityRef: string, day: string): string {
  const { kind, namespace, name } = parseEntityRef(entityRef);
  const slug =
    kind === 'component' && namespace === 'default'
      ? name
      : `${kind}-${namespace}-${name}`;
  return `demo-${slug}-${day}`;
}

/** Quarterly waves and a year-end freeze, so trend charts have a story. */
function rateFactor(dayStart: number): number {
  const date = new Date(dayStart);
  const month = date.getUTCMonth();
  const dom = date.getUTCDate();
  if ((month === 11 && dom >= 22) || (month === 0 && dom <= 2)) return 0.15;
  const dayNumber = dayStart / DAY;
  return 1 + 0.3 * Math.sin((2 * Math.PI * dayNumber) / 91);
}

interface Draft {
  at: number;
  event: DoraEvent;
}

interface DayState {
  rng: SeededRandom;
  profile: DemoProfile;
  entityRef: string;
  prefix: string;
  drafts: Draft[];
  deployments: number;
  incidents: number;
  troubled: boolean;
}

function nextDeploymentId(s: DayState): string {
  s.deployments += 1;
  return `${s.prefix}-${s.deployments}`;
}

function addIncident(s: DayState, openedAt: number, deploymentId?: string) {
  const { rng, profile } = s;
  const restore = Math.min(
    8 * HOUR,
    Math.max(10 * MINUTE, rng.logNormal(profile.restoreMedianMs, 0.8)),
  );
  const severity = rng.weighted([
    ['sev1', deploymentId ? 0.15 : 0.05],
    ['sev2', 0.35],
    ['sev3', 0.5],
  ] as const);
  const explicit = deploymentId !== undefined && rng.chance(0.5);
  s.incidents += 1;
  const event: DoraIncidentEvent = {
    kind: 'incident',
    source: DEMO_SOURCE,
    id: `${s.prefix}-inc-${s.incidents}`,
    entityRef: s.entityRef,
    openedAt: new Date(openedAt).toISOString(),
    resolvedAt: new Date(openedAt + restore).toISOString(),
    severity,
    ...(explicit ? { deploymentId } : {}),
  };
  s.drafts.push({ at: openedAt + restore, event });
}

function makeChanges(s: DayState, before: number): DoraChange[] {
  const { rng, profile } = s;
  const count = rng.int(1, 5);
  const changes: DoraChange[] = [];
  for (let i = 0; i < count; i++) {
    const lead = rng.logNormal(
      profile.leadTimeMedianMs,
      profile.leadTimeSpread,
    );
    const committedAt = before - Math.max(5 * MINUTE, lead - i * 7 * MINUTE);
    changes.push({
      sha: rng.sha(),
      committedAt: new Date(committedAt).toISOString(),
    });
  }
  return changes.sort((a, b) => a.committedAt.localeCompare(b.committedAt));
}

function addDeployment(s: DayState, finishedAt: number) {
  const { rng, profile } = s;
  const duration = rng.between(4, 25) * MINUTE;
  const startedAt = finishedAt - duration;
  const status = rng.weighted<DoraDeploymentStatus>([
    ['failure', profile.failureRate],
    ['rolled_back', profile.rollbackRate],
    ['success', 1 - profile.failureRate - profile.rollbackRate],
  ]);
  const staged = status !== 'failure' && rng.chance(profile.stagingShare);
  const stagingGap = rng.between(15, 90) * MINUTE;
  const firstStart = staged ? startedAt - stagingGap - duration : startedAt;
  const changes = makeChanges(s, firstStart);
  const commitSha = changes[changes.length - 1].sha;
  const base = {
    kind: 'deployment',
    source: DEMO_SOURCE,
    entityRef: s.entityRef,
    commitSha,
    changes,
  } as const;
  if (staged) {
    const stagedAt = startedAt - stagingGap;
    const staging: DoraDeploymentEvent = {
      ...base,
      id: nextDeploymentId(s),
      environment: 'staging',
      status: 'success',
      startedAt: new Date(stagedAt - duration).toISOString(),
      finishedAt: new Date(stagedAt).toISOString(),
    };
    s.drafts.push({ at: stagedAt, event: staging });
  }
  const id = nextDeploymentId(s);
  const rework = s.troubled || rng.chance(profile.reworkRate);
  s.drafts.push({
    at: finishedAt,
    event: {
      ...base,
      id,
      environment: 'production',
      status,
      startedAt: new Date(startedAt).toISOString(),
      finishedAt: new Date(finishedAt).toISOString(),
      rework,
    },
  });
  const incident =
    status !== 'failure' &&
    rng.chance(status === 'rolled_back' ? 0.5 : profile.incidentRate);
  if (incident) addIncident(s, finishedAt + rng.between(3, 90) * MINUTE, id);
  // The next deployment of the day fixes forward what this one broke.
  s.troubled = status !== 'success' || incident;
}

/**
 * Generates the demo events of one entity for one UTC day. The result
 * depends only on the entity ref and the day (never on when it runs), except
 * that what lies after `now` is left out: deployments not yet finished are
 * dropped and incidents not yet resolved are open.
 *
 * @public
 */
export function generateDemoDay(options: {
  entityRef: string;
  day: string;
  now: number;
}): DemoDay {
  const { entityRef, day, now } = options;
  const start = dayStartMs(day);
  const s: DayState = {
    rng: new SeededRandom(`${entityRef}|${day}`),
    profile: profileFor(entityRef),
    entityRef,
    prefix: idPrefix(entityRef, day),
    drafts: [],
    deployments: 0,
    incidents: 0,
    troubled: false,
  };
  const weekend = [0, 6].includes(new Date(start).getUTCDay());
  const mean =
    s.profile.deploysPerWeekday * (weekend ? 0.1 : 1) * rateFactor(start);
  const times = Array.from(
    { length: Math.min(30, s.rng.poisson(mean)) },
    () => start + s.rng.between(8, 19) * HOUR,
  ).sort((a, b) => a - b);
  times.forEach(at => addDeployment(s, at));
  const background = s.rng.poisson(s.profile.backgroundIncidentsPerDay);
  for (let i = 0; i < background; i++) {
    addIncident(s, start + s.rng.between(0, 23) * HOUR);
  }
  const builds = demoBuilds({
    seed: `${entityRef}|${day}`,
    prefix: s.prefix,
    entityRef,
    source: DEMO_SOURCE,
    profile: s.profile,
    deployments: s.drafts.map(d => d.event),
  });
  const result = clampToNow([...s.drafts, ...builds], now);
  // A day still under way may get more events (never with these ids).
  return { ...result, complete: result.complete && start + DAY <= now };
}

function clampToNow(drafts: Draft[], now: number): DemoDay {
  let complete = true;
  const events: DoraEvent[] = [];
  for (const { at, event } of drafts) {
    if (at <= now) {
      events.push(event);
      continue;
    }
    complete = false;
    if (event.kind === 'incident' && Date.parse(event.openedAt) <= now) {
      events.push({ ...event, resolvedAt: null });
    }
  }
  return { events, complete };
}
