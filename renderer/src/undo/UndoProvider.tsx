import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import { UndoStack } from './undo-stack';
import { UndoToast } from './UndoToast';

const UndoContext = createContext<UndoStack | null>(null);

/** The app's one undo stack and its one toast, for every screen under it. */
export function UndoProvider({ children }: { children: ReactNode }) {
  const [stack] = useState(() => new UndoStack());
  return (
    <UndoContext.Provider value={stack}>
      {children}
      <UndoToast stack={stack} />
    </UndoContext.Provider>
  );
}

export function useUndo(): UndoStack {
  const stack = useContext(UndoContext);
  if (!stack) throw new Error('useUndo() needs an UndoProvider above it');
  return stack;
}

/** Ctrl+Z (⌘Z) inside `element` undoes the newest removal made in `scope`; typing fields keep their own text undo. */
export function useUndoShortcut(scope: string, element: HTMLElement | null): void {
  const stack = useUndo();
  useEffect(() => {
    if (!element) return;
    const onKey = (event: KeyboardEvent): void => {
      if (event.key.toLowerCase() !== 'z' || !(event.ctrlKey || event.metaKey) || event.shiftKey || event.altKey) return;
      // Inside a text field Ctrl+Z belongs to the text being typed.
      if (event.target instanceof HTMLElement && event.target.matches('input[type="text"], input:not([type]), textarea, [contenteditable="true"]')) return;
      const entry = stack.latestIn(scope);
      if (!entry) return;
      event.preventDefault();
      void stack.undo(entry.id).catch(() => undefined);
    };
    element.addEventListener('keydown', onKey);
    return () => element.removeEventListener('keydown', onKey);
  }, [stack, scope, element]);
}
