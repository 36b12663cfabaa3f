import { LoggerService } from '@backstage/backend-plugin-api';
import {
  Entity,
  RELATION_OWNED_BY,
  parseEntityRef,
} from '@backstage/catalog-model';
import { NotificationService } from '@backstage/plugin-notifications-node';
import { DoraEntitySlos } from '@paved-road/plugin-dora-common';
import { Knex } from 'knex';

const ALERTING = new Set(['page', 'ticket']);
const KEEP_MS = 30 * 86_400_000;

/** An SLO whose alert state changed between two computations. */
export interface SloAlertTransition {
  slo: string;
  displayName: string;
  /** `started`: a page or ticket alert began (or escalated to page). */
  kind: 'started' | 'resolved';
  /** The alert's severity: the new one when started, the old when resolved. */
  severity: 'page' | 'ticket';
}

/** The alert transitions from `previous` (absent: none firing) to `next`. */
export function alertTransitions(
  previous: DoraEntitySlos | undefined,
  next: DoraEntitySlos,
): SloAlertTransition[] {
  const before = new Map(
    (previous?.slos ?? []).map(s => [s.name, s.status as string]),
  );
  const transitions: SloAlertTransition[] = [];
  for (const slo of next.slos) {
    const was = before.get(slo.name);
    const now = slo.status as string;
    const started =
      ALERTING.has(now) &&
      (!was || !ALERTING.has(was) || (was === 'ticket' && now === 'page'));
    if (started) {
      transitions.push({
        slo: slo.name,
        displayName: slo.displayName,
        kind: 'started',
        severity: now as 'page' | 'ticket',
      });
    } else if (was && ALERTING.has(was) && now === 'ok') {
      transitions.push({
        slo: slo.name,
        displayName: slo.displayName,
        kind: 'resolved',
        severity: was as 'page' | 'ticket',
      });
    }
  }
  return transitions;
}

/**
 * Tells an entity's owners when an SLO's burn-rate alert (its OpenSLO alert
 * policy) starts and when it resolves, through Backstage notifications.
 * Each transition is recorded under a key derived from the computation it
 * follows, so two instances that compute it at once send it once.
 */
export class SloAlertNotifier {
  constructor(
    private readonly options: {
      knex: Knex;
      notifications?: NotificationService;
      logger: LoggerService;
      enabled: boolean;
      now?: () => number;
    },
  ) {}

  private now() {
    return this.options.now?.() ?? Date.now();
  }

  async notify(
    entity: Entity,
    previous: { body: DoraEntitySlos; computedAt: number } | undefined,
    next: DoraEntitySlos,
  ): Promise<number> {
    const { notifications, enabled } = this.options;
    if (!enabled || !notifications) return 0;
    const transitions = alertTransitions(previous?.body, next);
    if (transitions.length === 0) return 0;
    const entityRef = next.entityRef;
    const owners = (entity.relations ?? [])
      .filter(r => r.type === RELATION_OWNED_BY)
      .map(r => r.targetRef);
    const recipients = owners.length > 0 ? owners : [entityRef];
    const { kind, namespace, name } = parseEntityRef(entityRef);
    const link = `/catalog/${namespace}/${kind}/${name}`;
    let sent = 0;
    for (const t of transitions) {
      const key = [
        entityRef,
        t.slo,
        t.kind,
        t.severity,
        previous?.computedAt ?? 0,
      ].join('|');
      if (!(await this.claim(key))) continue;
      const what = t.severity === 'page' ? 'page' : 'ticket';
      try {
        await notifications.send({
          recipients: { type: 'entity', entityRef: recipients },
          payload: {
            title:
              t.kind === 'started'
                ? `SLO ${t.displayName} of ${name}: ${what} alert`
                : `SLO ${t.displayName} of ${name}: ${what} alert resolved`,
            description:
              t.kind === 'started'
                ? `The error budget of ${t.displayName} burns fast enough to ${
                    what === 'page' ? 'page someone' : 'open a ticket'
                  } (its OpenSLO alert policy).`
                : `The burn rate of ${t.displayName} is back under its alert thresholds.`,
            link,
            severity:
              t.kind === 'started' && what === 'page' ? 'high' : 'normal',
            topic: 'SLO alerts',
            scope: `paved-road:slo-alert:${entityRef}:${t.slo}`,
          },
        });
        sent++;
      } catch (e) {
        this.options.logger.warn(
          `SLO alert notification for ${entityRef} (${t.slo}) failed: ${
            (e as Error).message
          }`,
        );
      }
    }
    return sent;
  }

  /** Drops the records of transitions older than 30 days. */
  async purge(): Promise<void> {
    await this.options
      .knex('dora_slo_notifications')
      .where('sent_at', '<', this.now() - KEEP_MS)
      .delete();
  }

  /** True for the one caller that records `key` first. */
  private async claim(key: string): Promise<boolean> {
    try {
      await this.options
        .knex('dora_slo_notifications')
        .insert({ key, sent_at: this.now() });
      return true;
    } catch (e) {
      const code = (e as { code?: string }).code;
      if (code === '23505' || String(code).startsWith('SQLITE_CONSTRAINT')) {
        return false;
      }
      throw e;
    }
  }
}
