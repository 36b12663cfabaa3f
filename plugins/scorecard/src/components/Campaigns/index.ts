export { CampaignsPanel } from './CampaignsPanel';
export { EntityCampaigns } from './EntityCampaigns';
