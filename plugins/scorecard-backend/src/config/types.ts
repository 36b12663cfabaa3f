import { SchedulerServiceTaskScheduleDefinition } from '@backstage/backend-plugin-api';
import {
  ScorecardCheck,
  ScorecardLevel,
} from '@paved-road/plugin-scorecard-common';

/**
 * A configured check, with its fact split into provider and fact name and
 * its `matches` pattern compiled once.
 *
 * @internal
 */
export interface CheckDefinition extends ScorecardCheck {
  provider: string;
  factName: string;
  pattern?: RegExp;
}

/** The `scorecard` configuration, validated. @internal */
export interface ScorecardConfig {
  levels: ScorecardLevel[];
  checks: CheckDefinition[];
  schedule: SchedulerServiceTaskScheduleDefinition;
  /** History points older than this many days are deleted. */
  retentionDays: number;
  exemptions: ExemptionsConfig;
}

/** `scorecard.exemptions`, validated. @internal */
export interface ExemptionsConfig {
  /** The longest exemption a request may ask for. */
  maxDurationMs: number;
  /** Approve requests as they are made. */
  autoApprove: boolean;
}
