import { EvaluatedEntity } from '../engine/ScorecardEngine';
import { ResultInput } from '../database/types';
import { ownerOf } from './entityRefs';

/** What the store keeps of an evaluated entity. @internal */
export function toResultInput(evaluated: EvaluatedEntity): ResultInput {
  const { entity, scorecard } = evaluated;
  return {
    kind: entity.kind.toLocaleLowerCase('en-US'),
    namespace: entity.metadata.namespace ?? 'default',
    name: entity.metadata.name,
    owner: ownerOf(entity),
    scorecard,
  };
}
