import {
  BackstageCredentials,
  PermissionsServiceRequestOptions,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import {
  AuthorizePermissionRequest,
  AuthorizeResult,
} from '@backstage/plugin-permission-common';
import {
  ArchetypeRegistry,
  renderGoldenPath,
  SkeletonReader,
} from '@paved-road/plugin-scaffolder-backend-module-golden-path';
import { CampaignUpgrade } from '@paved-road/plugin-scorecard-common';
import { Knex } from 'knex';
import request from 'supertest';
import { scorecardPlugin } from '../plugin';
import { FakeGithubApi } from './fakeGithubApi';
import { FakeGitlabApi } from './fakeGitlabApi';
import { component, testScorecardConfig } from './fixtures';
import { hidingCatalog } from './hidingCatalog';

export const MANAGER = 'user:default/manager';
export const GITHUB_TOKEN = 'ghp_fleetTestSecret0123456789';
export const GITLAB_TOKEN = 'glpat-fleetTestSecret98765';
const BACKSTAGE_URL = 'https://backstage.example.com';
export const BRANCH = 'golden-path/node-service-1.1.0';
const CAMPAIGN = '/campaigns/node-1-1';

const GH = 'github.com/project-slug';
const GL = 'gitlab.com/project-slug';
export const repos = [
  { name: 'svc-a', slug: 'acme/svc-a', at: '1.0.0', host: GH },
  { name: 'svc-b', slug: 'acme/svc-b', at: '1.0.0', host: GH },
  { name: 'svc-c', slug: 'acme/platform/svc-c', at: '1.0.0', host: GL },
  { name: 'svc-current', slug: 'acme/svc-current', at: '1.1.0', host: GH },
];
const entities = repos.map(r =>
  component(r.name, {
    annotations: {
      [r.host]: r.slug,
      'paved-road.dev/golden-path': `node-service@${r.at}`,
    },
  }),
);
export const ref = (name: string) => `component:default/${name}`;

const config = {
  backend: { baseUrl: BACKSTAGE_URL },
  integrations: {
    github: [{ host: 'github.com', token: GITHUB_TOKEN }],
    gitlab: [{ host: 'gitlab.com', token: GITLAB_TOKEN }],
  },
  goldenPath: {
    archetypes: [{ id: 'node-service', version: '1.1.0' }],
    upgrade: { rateLimit: { maxAttempts: 3, maxWaitSeconds: 5 } },
  },
  scorecard: {
    ...testScorecardConfig,
    campaigns: [
      {
        id: 'node-1-1',
        title: 'Node services on golden path 1.1',
        goal: { check: 'golden-path-current' },
        filter: { kind: ['component'] },
        deadline: '2027-03-31',
        owner: 'group:default/platform',
      },
    ],
  },
};

/** The files `golden-path:create` wrote for the repository. */
async function scaffolded(r: (typeof repos)[number]) {
  const { skeleton } = ArchetypeRegistry.fromConfig(
    new ConfigReader({}),
  ).getVersion('node-service', r.at);
  const files = await renderGoldenPath({
    templates: await SkeletonReader.create({}).read(skeleton),
    backstageBaseUrl: BACKSTAGE_URL,
    answers: {
      archetype: 'node-service',
      version: r.at,
      inputs: {
        name: r.name,
        owner: 'group:default/payments',
        description: `The ${r.name} service`,
        lifecycle: 'production',
        repoSlug: r.slug,
        ciProvider: r.host === GH ? 'github-actions' : 'gitlab-ci',
        slo: 99.9,
      },
    },
  });
  return new Map(files.map(f => [f.path, f.content]));
}

export type Policy = (
  request: AuthorizePermissionRequest,
  user?: string,
) => boolean;
export const managerOnly: Policy = (req, user) =>
  req.permission.name !== 'scorecard.campaign.manage' || user === MANAGER;
export const nobodyManages: Policy = req =>
  req.permission.name !== 'scorecard.campaign.manage';

/**
 * The scorecard backend with the fleet upgrader wired over the GitHub and
 * GitLab integrations, its full pass run, and the campaign's routes.
 */
export async function startFleetBackend(
  knex: Knex,
  policy: Policy = managerOnly,
) {
  const scheduler = mockServices.scheduler() as SchedulerService & {
    factory: typeof mockServices.scheduler.factory;
  };
  const userOf = (c: BackstageCredentials) =>
    (c.principal as { userEntityRef?: string }).userEntityRef;
  const permissions = mockServices.permissions.mock({
    authorize: async (
      requests: AuthorizePermissionRequest[],
      opts: PermissionsServiceRequestOptions,
    ) =>
      requests.map(r => ({
        result: policy(r, userOf(opts.credentials))
          ? AuthorizeResult.ALLOW
          : AuthorizeResult.DENY,
      })),
  });
  const backend = await startTestBackend({
    features: [
      scorecardPlugin,
      mockServices.database.factory({ knex }),
      hidingCatalog(entities, []),
      permissions.factory,
      scheduler.factory(),
      mockServices.rootConfig.factory({ data: config }),
    ],
  });
  await scheduler.triggerTask('scorecard-full-pass');
  const auth = mockCredentials.user.header(MANAGER);
  const detail = async () => {
    const res = await request(backend.server)
      .get(`/api/scorecard${CAMPAIGN}`)
      .set('Authorization', auth);
    expect(res.status).toBe(200);
    return res.body.upgrades as CampaignUpgrade[];
  };
  return {
    backend,
    detail,
    upgrade: () =>
      request(backend.server)
        .post(`/api/scorecard${CAMPAIGN}/upgrades`)
        .set('Authorization', auth)
        .send({}),
    /** The campaign's upgrades once `ready` holds for them. */
    async settled(ready: (byName: Record<string, CampaignUpgrade>) => boolean) {
      const deadline = Date.now() + 30_000;
      for (;;) {
        const upgrades = await detail();
        const byName = Object.fromEntries(
          upgrades.map(u => [
            u.entityRef.replace(/^component:default\//, ''),
            u,
          ]),
        );
        if (ready(byName)) return byName;
        if (Date.now() > deadline) {
          throw new Error(
            `Upgrades did not settle: ${JSON.stringify(upgrades)}`,
          );
        }
        await new Promise(resolve => setTimeout(resolve, 100));
      }
    },
  };
}

/** GitHub and GitLab holding the fleet's repositories as scaffolded. */
export async function fakeFleetHosts() {
  const github = new FakeGithubApi();
  const gitlab = new FakeGitlabApi();
  for (const r of repos) {
    if (r.host === GH) github.addRepo(r.slug, await scaffolded(r));
    else gitlab.addProject(r.slug, await scaffolded(r));
  }
  return { github, gitlab };
}
