import {
  CheckExemption,
  CheckResult,
} from '@paved-road/plugin-scorecard-common';

/**
 * Turns each check that did not pass (`fail` or `error`) and has an approved
 * exemption into `exempt`, keeping its observed value and message. Passing
 * and skipped checks stay as they are: an exemption only ever raises a
 * result.
 *
 * @internal
 */
export function applyExemptions(
  results: CheckResult[],
  exemptions: Map<string, CheckExemption> | undefined,
): CheckResult[] {
  if (!exemptions || exemptions.size === 0) return results;
  return results.map(result => {
    const exemption = exemptions.get(result.id);
    if (!exemption || (result.status !== 'fail' && result.status !== 'error')) {
      return result;
    }
    return { ...result, status: 'exempt', exemption };
  });
}
