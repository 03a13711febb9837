import { beforeEach, describe, expect, it } from 'vitest';
import { useMemo, useState } from 'react';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { useAutosavedValues } from '../../renderer/src/autosave/use-autosave';
import { readJournal } from '../../renderer/src/autosave/unload-journal';

interface Values {
  text: string;
}

const KEY = 'journal-probe';

/** The smallest autosaved form: one text field. */
function Probe({ save }: { save: (values: Values) => Promise<void> }) {
  const [text, setText] = useState('');
  const values = useMemo(() => ({ text }), [text]);
  useAutosavedValues<Values>(KEY, values, { text: '' }, save, 10);
  return <textarea aria-label="Text" value={text} onChange={(event) => setText(event.target.value)} />;
}

/** A save that commits only when the test says so, as a slow IndexedDB write would. */
function heldSaves() {
  const calls: { values: Values; commit: () => void }[] = [];
  const save = (values: Values): Promise<void> =>
    new Promise<void>((resolve) => {
      calls.push({ values, commit: resolve });
    });
  return { calls, save };
}

beforeEach(() => {
  localStorage.clear();
});

describe('unload journal', () => {
  it('keeps the newer words when an older write finishes while the page unloads', async () => {
    const { calls, save } = heldSaves();
    render(<Probe save={save} />);
    // Whole values at once (a paste), so each write's content is known.
    fireEvent.change(screen.getByLabelText('Text'), { target: { value: 'first' } });
    await waitFor(() => expect(calls.map((call) => call.values.text)).toEqual(['first']));
    // More words while that write is still under way, then the page goes away.
    fireEvent.change(screen.getByLabelText('Text'), { target: { value: 'first second' } });
    window.dispatchEvent(new Event('pagehide'));
    expect(readJournal(KEY)?.values).toEqual({ text: 'first second' });

    // The older write lands; the newer one starts but may never commit on a dying page.
    calls[0]?.commit();
    await waitFor(() => expect(calls.map((call) => call.values.text)).toEqual(['first', 'first second']));
    expect(readJournal(KEY)?.values).toEqual({ text: 'first second' });

    // Once the journaled words are on disk, the journal is not needed any more.
    calls[1]?.commit();
    await waitFor(() => expect(readJournal(KEY)).toBeNull());
  });

  it('journals the words being written when the page hides, since that write may not finish', async () => {
    const { calls, save } = heldSaves();
    render(<Probe save={save} />);
    fireEvent.change(screen.getByLabelText('Text'), { target: { value: 'only words' } });
    await waitFor(() => expect(calls.map((call) => call.values.text)).toEqual(['only words']));
    window.dispatchEvent(new Event('pagehide'));
    expect(readJournal(KEY)?.values).toEqual({ text: 'only words' });
  });
});
