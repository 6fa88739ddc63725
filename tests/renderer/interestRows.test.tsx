// @vitest-environment jsdom
/**
 * A member's registered interests and a decision's declarations of interest
 * in a DOM, through the renderer's real client and hooks, now that both are
 * repeatable rows: the focus follows a removal, blank rows are not sent, and
 * a problem with a sent row shows on that row even when a blank row stood
 * before it.
 */
import { act, type ReactNode } from 'react';
import type { Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BoardBridge, Channel, InputOf, OutputOf } from '../../shared/contract/api.ts';
import type { Result } from '../../shared/contract/result.ts';
import { DecisionForm } from '../../renderer/src/features/decisions/DecisionForm.tsx';
import { MemberForm } from '../../renderer/src/features/members/MemberForm.tsx';
import { mountRoot, unmountRoot } from './mountHelpers.ts';

let container: HTMLDivElement;
let root: Root;
let calls: Array<{ channel: string; input: unknown }>;
let answer: (channel: string) => Result<unknown>;

const bridge: BoardBridge = {
  async invoke<C extends Channel>(channel: C, input: InputOf<C>): Promise<Result<OutputOf<C>>> {
    calls.push({ channel, input });
    return answer(channel) as Result<OutputOf<C>>;
  },
  on: () => () => undefined,
};

beforeEach(() => {
  calls = [];
  answer = () => ({ ok: false, error: { code: 'internal', message: 'not answered in this test' } });
  ({ container, root } = mountRoot(bridge));
});

afterEach(async () => {
  await unmountRoot({ container, root });
});

async function render(node: ReactNode): Promise<void> {
  await act(async () => {
    root.render(node);
    await new Promise((resolve) => setTimeout(resolve, 0));
  });
}

/** The label of an interest's organisation field, as drawn (it is optional). */
const ORGANISATION = (n: number): string => `Organisation of interest ${n} (optional)`;

function button(name: string): HTMLButtonElement {
  const found = [...container.querySelectorAll('button')].find((b) => b.textContent === name);
  if (found === undefined) throw new Error(`No button ${name}`);
  return found;
}

function field(label: string): HTMLInputElement {
  const element = [...container.querySelectorAll('label')].find((l) => l.textContent === label);
  const control = element ? document.getElementById(element.htmlFor) : null;
  if (!(control instanceof HTMLInputElement)) throw new Error(`No field labelled ${label}`);
  return control;
}

async function click(name: string): Promise<void> {
  await act(async () => button(name).click());
}

async function type(label: string, value: string): Promise<void> {
  const control = field(label);
  await act(async () => {
    Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set?.call(control, value);
    control.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

async function submit(): Promise<void> {
  await act(async () => {
    container.querySelector('form')?.requestSubmit();
    await new Promise((resolve) => setTimeout(resolve, 0));
  });
}

function errorOf(label: string): string | undefined {
  return field(label).closest('.field')?.querySelector('.field-error')?.textContent ?? undefined;
}

describe('a member’s registered interests', () => {
  it('keep the focus in the list when an interest is removed, and say which interest each remove button removes', async () => {
    await render(<MemberForm />);
    expect(container.querySelector('fieldset legend')?.textContent).toBe('Registered interests');
    expect(container.querySelector('fieldset p.muted')?.textContent).toBe('None registered.');
    await click('Add an interest');
    expect(document.activeElement).toBe(field('Interest 1'));
    await type('Interest 1', 'Trustee, Citizens Advice');
    await click('Add an interest');
    await type('Interest 2', 'Shares in Acme Ltd');
    expect(document.activeElement).toBe(field('Interest 2'));

    await click('Remove interest 1');
    expect(field('Interest 1').value).toBe('Shares in Acme Ltd');
    expect(document.activeElement).toBe(field('Interest 1'));
    await click('Remove interest 1');
    expect(document.activeElement).toBe(button('Add an interest'));
  });

  it('send the interests without blank rows, and show a problem on the interest it is about', async () => {
    answer = (channel) =>
      channel === 'members:create'
        ? {
            ok: false,
            error: {
              code: 'invalid_input',
              message: 'The member is not valid',
              details: { issues: [{ field: 'interests.1', message: 'is too long' }] },
            },
          }
        : { ok: false, error: { code: 'internal', message: 'not answered in this test' } };
    await render(<MemberForm />);
    await type('Name', 'Ada Lovelace');
    await click('Add an interest');
    await type('Interest 1', 'Trustee, Citizens Advice');
    await click('Add an interest');
    await click('Add an interest');
    await type('Interest 3', 'Shares in Acme Ltd');
    await submit();

    const sent = calls.find((c) => c.channel === 'members:create')?.input as { interests: string[] };
    expect(sent.interests).toEqual(['Trustee, Citizens Advice', 'Shares in Acme Ltd']);
    // Sent second, but third on the form: the blank row before it was not sent.
    expect(errorOf('Interest 3')).toBe('Error: Interest 3 is too long');
    expect(errorOf('Interest 1')).toBeUndefined();
    expect(errorOf('Interest 2')).toBeUndefined();
    expect(container.querySelector('.error-summary')?.textContent).toContain('A registered interest is too long');
  });
});

describe('the organisations of a member’s interests', () => {
  it('stay with their interests when one is removed or left blank, and show a problem on the organisation it is about', async () => {
    answer = (channel) =>
      channel === 'members:create'
        ? {
            ok: false,
            error: {
              code: 'invalid_input',
              message: 'The member is not valid',
              details: { issues: [{ field: 'interestOrganisations.1', message: 'must be at most 300 characters' }] },
            },
          }
        : { ok: false, error: { code: 'internal', message: 'not answered in this test' } };
    await render(<MemberForm />);
    await type('Name', 'Ada Lovelace');
    await click('Add an interest');
    await type('Interest 1', 'Trustee, Citizens Advice');
    await type(ORGANISATION(1), 'Citizens Advice');
    await click('Add an interest');
    await type('Interest 2', 'Director');
    await type(ORGANISATION(2), 'Acme Ltd');
    await click('Add an interest');
    await click('Add an interest');
    await type('Interest 4', 'Shares');
    await type(ORGANISATION(4), 'Brightclean Ltd');
    await click('Remove interest 1');
    // Interest 3 (was 4) is sent second, after the blank row that is not.
    expect(field('Interest 3').value).toBe('Shares');
    expect(field(ORGANISATION(3)).value).toBe('Brightclean Ltd');
    await submit();

    const sent = calls.find((c) => c.channel === 'members:create')?.input as {
      interests: string[];
      interestOrganisations: string[];
    };
    expect(sent.interests).toEqual(['Director', 'Shares']);
    expect(sent.interestOrganisations).toEqual(['Acme Ltd', 'Brightclean Ltd']);
    expect(errorOf(ORGANISATION(3))).toBe('Error: Organisation of interest 3 must be at most 300 characters');
    expect(errorOf(ORGANISATION(1))).toBeUndefined();
    expect(container.querySelector('.error-summary')?.textContent).toContain(
      'Organisation of an interest must be at most 300 characters',
    );
  });
});

describe('a decision’s declarations of interest', () => {
  it('sit under a heading, and show a problem on the declaration it is about when a blank row stood before it', async () => {
    await render(<DecisionForm />);
    const heading = [...container.querySelectorAll('h3')].find((h) => h.textContent === 'Declarations of interest');
    expect(heading?.className).toBe('subform-title');
    expect(heading?.closest('fieldset')?.querySelector('legend')?.textContent).toBe('Who decided, and how');
    expect(heading?.nextElementSibling?.textContent).toBe('None declared.');

    await click('Add a declaration');
    expect(document.activeElement).toBe(field('Declaration 1: who'));
    await click('Add a declaration');
    await type('Declaration 2: who', 'Cllr Patel');
    await submit();

    // Checked here (no outcome chosen): the only declaration sent lacks its interest.
    expect(errorOf('Declaration 2: interest')).toBe('Error: Declaration 2: interest is required');
    expect(errorOf('Declaration 1: interest')).toBeUndefined();
    expect(errorOf('Declaration 1: who')).toBeUndefined();

    await click('Remove declaration 1');
    expect(field('Declaration 1: who').value).toBe('Cllr Patel');
    expect(errorOf('Declaration 1: interest')).toBe('Error: Declaration 1: interest is required');
    expect(document.activeElement).toBe(field('Declaration 1: who'));
  });
});
