import {
  makeValidator,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { CiProvider, GoldenPathInputs } from '../types';

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const REPO_SLUG = /^[A-Za-z0-9_.-]+(\/[A-Za-z0-9_.-]+)+$/;
const CI_PROVIDERS: CiProvider[] = ['github-actions', 'gitlab-ci'];
const OWNER_KINDS = ['group', 'user'];
const validator = makeValidator();

/**
 * An owner as a full Group or User entity ref (a short name is a group in
 * the default namespace). It ends up in CODEOWNERS and catalog-info.yaml, so
 * anything outside the catalog's name rules (a newline, a space) is refused.
 */
function ownerRef(owner: unknown): string | undefined {
  if (typeof owner !== 'string') return undefined;
  try {
    const ref = parseEntityRef(owner, {
      defaultKind: 'group',
      defaultNamespace: 'default',
    });
    const kind = ref.kind.toLocaleLowerCase('en-US');
    if (
      !OWNER_KINDS.includes(kind) ||
      !validator.isValidNamespace(ref.namespace) ||
      !validator.isValidEntityName(ref.name)
    ) {
      return undefined;
    }
    return stringifyEntityRef({ ...ref, kind });
  } catch {
    return undefined;
  }
}

/** The raw `golden-path:create` input, before defaults and validation. */
export interface RawGoldenPathInput {
  name: string;
  owner: string;
  description?: string;
  system?: string;
  lifecycle?: string;
  repoSlug?: string;
  ciProvider?: string;
  slo?: number;
  pagerdutyServiceId?: string;
}

function fail(field: string, value: unknown, expected: string): never {
  throw new InputError(`Invalid '${field}' '${value}': expected ${expected}`);
}

/**
 * Applies defaults and validates the inputs that do not need the catalog;
 * every error names the field and the value.
 */
export function normalizeInputs(input: RawGoldenPathInput): GoldenPathInputs {
  const { name } = input;
  if (typeof name !== 'string' || name.length > 63 || !DNS_LABEL.test(name)) {
    fail(
      'name',
      name,
      "a lowercase DNS label (a-z, 0-9, '-', at most 63 characters)",
    );
  }
  const owner =
    ownerRef(input.owner) ??
    fail(
      'owner',
      // Escaped, so a newline shows as \n in the message.
      JSON.stringify(String(input.owner)).slice(1, -1),
      "a Group or User entity ref such as 'group:default/team-a' or 'user:default/jane'",
    );
  const ciProvider = (input.ciProvider ?? 'github-actions') as CiProvider;
  if (!CI_PROVIDERS.includes(ciProvider)) {
    fail('ciProvider', ciProvider, `one of ${CI_PROVIDERS.join(', ')}`);
  }
  if (input.repoSlug && !REPO_SLUG.test(input.repoSlug)) {
    fail('repoSlug', input.repoSlug, "'owner/name'");
  }
  const slo = input.slo ?? 99.9;
  if (typeof slo !== 'number' || !(slo > 0 && slo < 100)) {
    fail(
      'slo',
      slo,
      'an availability target in percent, above 0 and below 100',
    );
  }
  const lifecycle = input.lifecycle ?? 'experimental';
  if (!DNS_LABEL.test(lifecycle)) {
    fail(
      'lifecycle',
      lifecycle,
      'a lifecycle such as experimental or production',
    );
  }
  return {
    name,
    owner,
    lifecycle,
    ciProvider,
    slo,
    ...(input.description ? { description: input.description } : {}),
    ...(input.system ? { system: input.system } : {}),
    ...(input.repoSlug ? { repoSlug: input.repoSlug } : {}),
    ...(input.pagerdutyServiceId
      ? { pagerdutyServiceId: input.pagerdutyServiceId }
      : {}),
  };
}
