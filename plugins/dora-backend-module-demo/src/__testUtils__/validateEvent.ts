/**
 * A strict, test-only reading of the `POST /api/dora/events` event shape in
 * DESIGN.md: every field known, typed and in range; returns the problems.
 */
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?Z$/;
const SHA = /^[0-9a-f]{40}$/;
const REF = /^[a-z]+:[a-z0-9-]+\/[a-z0-9-]+$/;

const DEPLOYMENT_FIELDS = [
  'kind',
  'source',
  'id',
  'entityRef',
  'environment',
  'status',
  'startedAt',
  'finishedAt',
  'commitSha',
  'changes',
  'rework',
];
const INCIDENT_FIELDS = [
  'kind',
  'source',
  'id',
  'entityRef',
  'openedAt',
  'resolvedAt',
  'severity',
  'deploymentId',
];

const BUILD_FIELDS = [
  'kind',
  'source',
  'id',
  'entityRef',
  'pipeline',
  'status',
  'startedAt',
  'finishedAt',
  'commitSha',
];

function text(value: unknown): boolean {
  return (
    typeof value === 'string' && value.trim().length > 0 && value.length <= 255
  );
}

function iso(value: unknown): boolean {
  return (
    typeof value === 'string' && ISO.test(value) && !isNaN(Date.parse(value))
  );
}

export function validateEvent(event: any): string[] {
  const problems: string[] = [];
  const check = (ok: boolean, field: string) => {
    if (!ok) problems.push(field);
  };
  const byKind: Record<string, string[]> = {
    deployment: DEPLOYMENT_FIELDS,
    build: BUILD_FIELDS,
  };
  const fields = byKind[event.kind] ?? INCIDENT_FIELDS;
  for (const key of Object.keys(event))
    check(fields.includes(key), `unknown ${key}`);
  check(event.source === 'demo', 'source');
  check(text(event.id), 'id');
  check(
    typeof event.entityRef === 'string' && REF.test(event.entityRef),
    'entityRef',
  );
  if (event.kind === 'deployment') {
    check(['production', 'staging'].includes(event.environment), 'environment');
    check(
      ['success', 'failure', 'rolled_back'].includes(event.status),
      'status',
    );
    check(iso(event.startedAt), 'startedAt');
    check(iso(event.finishedAt), 'finishedAt');
    check(
      Date.parse(event.startedAt) < Date.parse(event.finishedAt),
      'startedAt<finishedAt',
    );
    check(
      typeof event.commitSha === 'string' && SHA.test(event.commitSha),
      'commitSha',
    );
    check(
      event.rework === undefined || typeof event.rework === 'boolean',
      'rework',
    );
    const changes: any[] = Array.isArray(event.changes) ? event.changes : [];
    check(changes.length >= 1 && changes.length <= 5, 'changes');
    changes.forEach((c, i) => {
      check(
        Object.keys(c).sort().join() === 'committedAt,sha',
        `changes[${i}] keys`,
      );
      check(SHA.test(c.sha), `changes[${i}].sha`);
      check(iso(c.committedAt), `changes[${i}].committedAt`);
      check(
        Date.parse(c.committedAt) < Date.parse(event.startedAt),
        `changes[${i}] before start`,
      );
    });
    check(
      changes.some(c => c.sha === event.commitSha),
      'commitSha in changes',
    );
  } else if (event.kind === 'build') {
    check(['main', 'pull-request'].includes(event.pipeline), 'pipeline');
    check(['success', 'failure', 'cancelled'].includes(event.status), 'status');
    check(iso(event.startedAt), 'startedAt');
    check(iso(event.finishedAt), 'finishedAt');
    check(
      Date.parse(event.startedAt) < Date.parse(event.finishedAt),
      'startedAt<finishedAt',
    );
    check(SHA.test(event.commitSha), 'commitSha');
  } else if (event.kind === 'incident') {
    check(iso(event.openedAt), 'openedAt');
    check(event.resolvedAt === null || iso(event.resolvedAt), 'resolvedAt');
    if (event.resolvedAt) {
      const minutes =
        (Date.parse(event.resolvedAt) - Date.parse(event.openedAt)) / 60_000;
      check(
        minutes >= 10 && minutes <= 8 * 60,
        'resolvedAt 10 min .. 8 h after openedAt',
      );
    }
    check(['sev1', 'sev2', 'sev3'].includes(event.severity), 'severity');
    check(
      event.deploymentId === undefined || text(event.deploymentId),
      'deploymentId',
    );
  } else {
    problems.push('kind');
  }
  return problems;
}
