import { useCallback } from 'react';
import type { EntityName } from '../../../shared/schemas/change';
import { useServices } from '../app/services';
import { useUndo } from './UndoProvider';

/**
 * Removes a stored entity (a tombstone) and offers its undo in the toast; the undo restores it
 * with a new change (Repository.restore), so it syncs like any edit.
 */
export function useRemoveWithUndo(): (entity: EntityName, id: string, message: string, scope?: string | null) => Promise<void> {
  const { repository } = useServices();
  const stack = useUndo();
  return useCallback(
    async (entity, id, message, scope = null) => {
      await repository.remove(entity, id);
      stack.push({ message, scope, undo: () => repository.restore(entity, id) });
    },
    [repository, stack],
  );
}
