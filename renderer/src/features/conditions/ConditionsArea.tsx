/**
 * The Conditions area: every condition across decisions (`#/conditions`,
 * filters in the address) and a condition's page (`#/conditions/<id>`).
 */
import type { ReactNode } from 'react';
import { useFocusHeadingOnPageChange, usePlace } from '../../app/location.ts';
import { ConditionPage } from './ConditionPage.tsx';
import { ConditionsList } from './ConditionsList.tsx';

/** Shows the conditions page the address names. */
export function ConditionsArea(): ReactNode {
  const { path, query } = usePlace();
  const [first] = path;
  useFocusHeadingOnPageChange(path.join('/'));
  return first === undefined ? <ConditionsList query={query} /> : <ConditionPage id={first} />;
}
