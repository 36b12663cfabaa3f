import { CampaignUpgradeState } from '@paved-road/plugin-scorecard-common';
import { Knex } from 'knex';
import { readIso, writeMs } from '../../database/time';

const TABLE = 'scorecard_campaign_upgrades';
const MAX_REASON = 1000;

/** States of an entity's upgrade, as the golden-path upgrader reports them. @internal */
export type FleetUpgradeState = CampaignUpgradeState;

/** The stored upgrade state of one entity of a campaign. @internal */
export interface StoredUpgrade {
  entityRef: string;
  state: FleetUpgradeState;
  repository: string;
  changeRequest?: { number: number; url: string };
  reason?: string;
  toVersion?: string;
  updatedAt: string;
}

interface UpgradeRow {
  campaign_id: string;
  entity_ref: string;
  state: string;
  repository: string;
  change_request_url: string | null;
  change_request_number: number | null;
  reason: string | null;
  to_version: string | null;
  updated_at: string | number;
}

/**
 * Upgrade states per (campaign, entity); a save replaces the entity's row.
 * Expects the plugin's migrations to have run.
 *
 * @internal
 */
export class DatabaseUpgradeStore {
  constructor(private readonly knex: Knex) {}

  async save(
    campaignId: string,
    upgrade: Omit<StoredUpgrade, 'updatedAt'>,
    at: Date,
  ): Promise<void> {
    const row: UpgradeRow = {
      campaign_id: campaignId,
      entity_ref: upgrade.entityRef.toLowerCase(),
      state: upgrade.state,
      repository: upgrade.repository.slice(0, 500),
      change_request_url: upgrade.changeRequest?.url.slice(0, 1000) ?? null,
      change_request_number: upgrade.changeRequest?.number ?? null,
      reason: upgrade.reason?.slice(0, MAX_REASON) ?? null,
      to_version: upgrade.toVersion?.slice(0, 64) ?? null,
      updated_at: writeMs(at),
    };
    await this.knex(TABLE)
      .insert(row)
      .onConflict(['campaign_id', 'entity_ref'])
      .merge();
  }

  async list(campaignId: string): Promise<StoredUpgrade[]> {
    const rows: UpgradeRow[] = await this.knex(TABLE)
      .where({ campaign_id: campaignId })
      .orderBy('entity_ref');
    return rows.map(r => ({
      entityRef: r.entity_ref,
      state: r.state as FleetUpgradeState,
      repository: r.repository,
      ...(r.change_request_url && r.change_request_number !== null
        ? {
            changeRequest: {
              number: Number(r.change_request_number),
              url: r.change_request_url,
            },
          }
        : {}),
      ...(r.reason ? { reason: r.reason } : {}),
      ...(r.to_version ? { toVersion: r.to_version } : {}),
      updatedAt: readIso(r.updated_at),
    }));
  }
}
