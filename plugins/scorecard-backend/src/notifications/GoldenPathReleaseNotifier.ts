import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import { Config } from '@backstage/config';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { CheckDefinition } from '../config/types';
import {
  BUILT_IN_ARCHETYPE_VERSIONS,
  GOLDEN_PATH_ANNOTATION,
} from '../facts/GoldenPathFactProvider';
import { parseVersion } from '../facts/semver';
import { DatabaseNotificationStore } from './DatabaseNotificationStore';
import { NotificationSender } from './NotificationSender';
import { entityLink, recipientsOf, templateLink } from './recipients';

/** A golden-path archetype and its latest version. @internal */
export interface Archetype {
  id: string;
  title: string;
  version: string;
}

/**
 * The archetypes as the golden-path check sees them: the built-in ones,
 * overridden and extended by `goldenPath.archetypes[]`.
 *
 * @internal
 */
export function readArchetypes(config: Config): Archetype[] {
  const byId = new Map<string, Archetype>(
    Object.entries(BUILT_IN_ARCHETYPE_VERSIONS).map(([id, version]) => [
      id,
      { id, title: id, version },
    ]),
  );
  for (const a of config.getOptionalConfigArray('goldenPath.archetypes') ??
    []) {
    const id = a.getString('id');
    const version = a.getOptionalString('version');
    if (!version) continue;
    byId.set(id, { id, title: a.getOptionalString('title') ?? id, version });
  }
  return [...byId.values()];
}

/** The first remediation of a golden-path check: how to upgrade. */
function upgradeHint(checks: CheckDefinition[]): string | undefined {
  for (const check of checks) {
    const r = check.provider === 'golden-path' ? check.remediation : undefined;
    if (r?.template) return `Upgrade with ${templateLink(r.template)}`;
    if (r?.url) return `Upgrade: ${r.url}`;
    if (r?.text) return r.text.replace(/\.$/, '');
  }
  return undefined;
}

/**
 * Once a day: when an archetype's configured version is newer than the
 * one recorded last time, tells the owners of entities on an older version
 * of it, once per owner, archetype and version. The first run only records
 * the versions. A version is recorded once every owner was told.
 *
 * @internal
 */
export class GoldenPathReleaseNotifier {
  constructor(
    private readonly options: {
      store: DatabaseNotificationStore;
      sender: NotificationSender;
      catalog: CatalogService;
      auth: AuthService;
      logger: LoggerService;
      archetypes: Archetype[];
      checks: CheckDefinition[];
      now?: () => Date;
    },
  ) {}

  async run(): Promise<{ released: string[]; sent: number }> {
    const { store } = this.options;
    const now = this.options.now?.() ?? new Date();
    const recorded = await store.recordedVersions();
    const released: Archetype[] = [];
    for (const archetype of this.options.archetypes) {
      const seen = recorded.get(archetype.id);
      if (seen === archetype.version) continue;
      const newer = parseVersion(archetype.version);
      const older = seen === undefined ? undefined : parseVersion(seen);
      if (newer && older && newer.compare(older) > 0) released.push(archetype);
      else await store.recordVersion(archetype.id, archetype.version, now);
    }
    if (released.length === 0) return { released: [], sent: 0 };
    const lagging = await this.laggingEntities(released);
    let sent = 0;
    for (const archetype of released) {
      const outcomes = await this.notifyOwners(
        archetype,
        lagging.get(archetype.id) ?? [],
      );
      sent += outcomes.filter(o => o === 'sent').length;
      if (!outcomes.includes('failed')) {
        await store.recordVersion(archetype.id, archetype.version, now);
      }
    }
    return { released: released.map(a => `${a.id}@${a.version}`), sent };
  }

  /** Per released archetype: the entities annotated with an older version. */
  private async laggingEntities(
    released: Archetype[],
  ): Promise<Map<string, Entity[]>> {
    const latest = new Map(released.map(a => [a.id, parseVersion(a.version)!]));
    const out = new Map<string, Entity[]>();
    const credentials = await this.options.auth.getOwnServiceCredentials();
    let cursor: string | undefined;
    do {
      const page = await this.options.catalog.queryEntities(
        cursor
          ? { cursor, limit: 500 }
          : {
              filter: {
                [`metadata.annotations.${GOLDEN_PATH_ANNOTATION}`]:
                  CATALOG_FILTER_EXISTS,
              },
              limit: 500,
            },
        { credentials },
      );
      for (const entity of page.items) {
        const value = entity.metadata.annotations?.[GOLDEN_PATH_ANNOTATION];
        const at = value?.lastIndexOf('@') ?? -1;
        if (!value || at <= 0) continue;
        const target = latest.get(value.slice(0, at));
        const version = parseVersion(value.slice(at + 1));
        if (target && version && version.compare(target) < 0) {
          const id = value.slice(0, at);
          out.set(id, [...(out.get(id) ?? []), entity]);
        }
      }
      cursor = page.pageInfo.nextCursor;
    } while (cursor);
    return out;
  }

  private async notifyOwners(archetype: Archetype, entities: Entity[]) {
    const byOwner = new Map<string, Entity[]>();
    for (const entity of entities) {
      for (const owner of recipientsOf(entity, stringifyEntityRef(entity))) {
        byOwner.set(owner, [...(byOwner.get(owner) ?? []), entity]);
      }
    }
    const hint = upgradeHint(this.options.checks);
    const outcomes = [];
    for (const [owner, unsorted] of byOwner) {
      const owned = [...unsorted].sort((a, b) =>
        a.metadata.name.localeCompare(b.metadata.name),
      );
      const names = owned.map(e => e.metadata.name);
      const shown =
        names.length > 10
          ? `${names.slice(0, 10).join(', ')} and ${names.length - 10} more`
          : names.join(', ');
      outcomes.push(
        await this.options.sender.sendOnce(
          ['golden-path-release', owner, archetype.id, archetype.version].join(
            '|',
          ),
          'golden-path-release',
          {
            recipients: { type: 'entity', entityRef: owner },
            payload: {
              title: `Golden path ${archetype.title} ${archetype.version} is out`,
              description: `${
                names.length === 1 ? 'This entity is' : 'These entities are'
              } on an older version of ${archetype.title}: ${shown}.${
                hint ? ` ${hint}.` : ''
              }`,
              link: entityLink(owned[0]),
              severity: 'low',
              topic: 'Golden path releases',
              scope: `paved-road:scorecard:golden-path:${archetype.id}@${archetype.version}`,
              metadata: {
                archetype: archetype.id,
                version: archetype.version,
                entityRefs: owned.map(e => stringifyEntityRef(e)),
              },
            },
          },
        ),
      );
    }
    return outcomes;
  }
}
