import { LoggerService } from '@backstage/backend-plugin-api';
import { ScorecardLevel } from '@paved-road/plugin-scorecard-common';
import { EvaluatedEntity } from '../engine/ScorecardEngine';
import {
  DatabaseNotificationStore,
  StoredLevel,
} from './DatabaseNotificationStore';
import { LevelDrop, findLevelDrops, levelDropKey } from './findLevelDrops';
import { NotificationSender } from './NotificationSender';
import { entityLink, recipientsOf } from './recipients';

/** Saves evaluated entities, as the scorecard pass and a refresh do. @internal */
export type SaveEvaluated = (evaluated: EvaluatedEntity[]) => Promise<void>;

/**
 * Tells an entity's owner when a stored scorecard drops a level. It reads
 * the stored levels before the save and compares after; the notification
 * key names the stored evaluation the drop starts from, so two instances
 * saving the same change send one notification.
 *
 * @internal
 */
export class LevelDropNotifier {
  constructor(
    private readonly options: {
      store: DatabaseNotificationStore;
      sender: NotificationSender;
      levels: ScorecardLevel[];
      logger: LoggerService;
    },
  ) {}

  /** `save`, and a notification for each level drop it stored. */
  wrap(save: SaveEvaluated): SaveEvaluated {
    return async evaluated => {
      const before = await this.storedLevels(evaluated);
      await save(evaluated);
      if (!before) return;
      for (const drop of findLevelDrops(
        evaluated,
        before,
        this.options.levels,
      )) {
        await this.notify(drop);
      }
    };
  }

  private async storedLevels(
    evaluated: EvaluatedEntity[],
  ): Promise<Map<string, StoredLevel> | undefined> {
    try {
      return await this.options.store.storedLevels(
        evaluated.map(e => e.scorecard.entityRef),
      );
    } catch (e) {
      this.options.logger.warn(
        `Scorecard level drop notifications skipped: ${(e as Error).message}`,
      );
      return undefined;
    }
  }

  private async notify(drop: LevelDrop): Promise<void> {
    const name = drop.entity.metadata.title ?? drop.entity.metadata.name;
    const to = drop.to?.title ?? 'no level';
    const failing = drop.failing.map(c => c.title);
    await this.options.sender.sendOnce(levelDropKey(drop), 'level-drop', {
      recipients: {
        type: 'entity',
        entityRef: recipientsOf(drop.entity, drop.entityRef),
      },
      payload: {
        title: `${name} dropped from ${drop.from.title} to ${to}`,
        description: `${drop.entityRef} no longer holds the scorecard level ${
          drop.from.title
        }${
          failing.length > 0 ? `; failing: ${failing.join(', ')}` : ''
        }. Open its scorecard for the fixes.`,
        link: entityLink(drop.entity),
        severity: 'normal',
        topic: 'Scorecard levels',
        scope: `paved-road:scorecard:level:${drop.entityRef}`,
        metadata: {
          entityRef: drop.entityRef,
          fromLevel: drop.from.id,
          toLevel: drop.to?.id ?? null,
          failingChecks: drop.failing.map(c => c.id),
        },
      },
    });
  }
}
