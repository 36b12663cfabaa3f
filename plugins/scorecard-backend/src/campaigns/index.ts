export { CampaignService } from './CampaignService';
export { createCampaignRoutes } from './createCampaignRoutes';
export { DatabaseCampaignStore } from './DatabaseCampaignStore';
export { GroupTree } from './groupTree';
export { readCampaignSchedule, readCampaignsConfig } from './parseCampaign';
export { ScorecardServiceWithCampaigns } from './withCampaigns';
export { createFleetUpgrader } from './upgrades/createFleetUpgrader';
