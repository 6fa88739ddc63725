/**
 * A group of a form's fields under its legend, so a screen reader says which
 * part of the form a field belongs to.
 */
import type { ReactNode } from 'react';

/** A fieldset with its legend. */
export function FormSection({
  legend,
  children,
}: {
  readonly legend: string;
  readonly children: ReactNode;
}): ReactNode {
  return (
    <fieldset className="fieldset">
      <legend className="fieldset-legend">{legend}</legend>
      {children}
    </fieldset>
  );
}
