export { setUpOutcomes } from './setUpOutcomes';
