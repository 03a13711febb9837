import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { createI18n } from '../../renderer/src/i18n/i18n';
import { UndoStack } from '../../renderer/src/undo/undo-stack';
import { UNDO_TOAST_MS, UndoToast } from '../../renderer/src/undo/UndoToast';

async function renderToast() {
  const i18n = await createI18n();
  const stack = new UndoStack();
  render(
    <I18nextProvider i18n={i18n}>
      <button type="button">elsewhere</button>
      <UndoToast stack={stack} />
    </I18nextProvider>,
  );
  return stack;
}

function advance(ms: number): void {
  act(() => {
    vi.advanceTimersByTime(ms);
  });
}

describe('the undo toast', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('stays at least ten seconds, announced in a live region, then lets the removal stand', async () => {
    const stack = await renderToast();
    const undo = vi.fn(async () => undefined);
    act(() => void stack.push({ message: 'Source 1 was removed.', scope: null, undo }));
    expect(screen.getByTestId('undo-toast').textContent).toContain('Source 1 was removed.');
    const live = screen.getByTestId('undo-announcement');
    expect(live.getAttribute('aria-live')).toBe('polite');
    expect(live.textContent).toContain('Source 1 was removed.');

    advance(UNDO_TOAST_MS - 1);
    expect(screen.queryByTestId('undo-toast')).not.toBeNull();
    expect(UNDO_TOAST_MS).toBeGreaterThanOrEqual(10_000);
    advance(1);
    expect(screen.queryByTestId('undo-toast')).toBeNull();
    expect(stack.latest()).toBeUndefined();
    expect(undo).not.toHaveBeenCalled();
  });

  it('stays while the pointer or the focus is on it, and gets the whole time again after', async () => {
    const stack = await renderToast();
    act(() => void stack.push({ message: 'Bo was removed from the team.', scope: null, undo: async () => undefined }));
    advance(9_000);
    const toast = screen.getByTestId('undo-toast');
    fireEvent.mouseEnter(toast);
    advance(60_000);
    expect(screen.queryByTestId('undo-toast')).not.toBeNull();
    fireEvent.mouseLeave(toast);
    act(() => within(toast).getByRole('button', { name: 'Undo' }).focus());
    advance(60_000);
    expect(screen.queryByTestId('undo-toast')).not.toBeNull();
    act(() => screen.getByRole('button', { name: 'elsewhere' }).focus());
    advance(UNDO_TOAST_MS - 1);
    expect(screen.queryByTestId('undo-toast')).not.toBeNull();
    advance(1);
    expect(screen.queryByTestId('undo-toast')).toBeNull();
  });

  it('runs the undo once from its button, reachable by keyboard, and says when it fails', async () => {
    const stack = await renderToast();
    const undo = vi.fn(async () => {
      throw new Error('the disk is full');
    });
    act(() => void stack.push({ message: 'booth.png was removed.', scope: null, undo }));
    const button = within(screen.getByTestId('undo-toast')).getByRole('button', { name: 'Undo' });
    expect(button.tabIndex).toBe(0);
    await act(async () => {
      fireEvent.click(button);
      fireEvent.click(button);
    });
    expect(undo).toHaveBeenCalledTimes(1);
    expect(screen.getByRole('alert').textContent).toContain('Could not undo: the disk is full');
  });

  it('offers the newest removal; closing it leaves the older one offered', async () => {
    const stack = await renderToast();
    act(() => {
      stack.push({ message: 'Source 1 was removed.', scope: 'form-a', undo: async () => undefined });
      stack.push({ message: 'Statistic 2 was removed.', scope: 'form-b', undo: async () => undefined });
    });
    expect(screen.getByTestId('undo-toast').textContent).toContain('Statistic 2 was removed.');
    expect(stack.latestIn('form-a')?.message).toBe('Source 1 was removed.');
    fireEvent.click(screen.getByRole('button', { name: 'Close the undo message' }));
    expect(screen.getByTestId('undo-toast').textContent).toContain('Source 1 was removed.');
  });
});
